package vn.caunoi.api.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code postmaster.pid} says about a PostgreSQL data directory, and the safe stop of an
 * orphaned postmaster. PostgreSQL writes the file when it starts (line 1 the pid, line 2 the data
 * directory, line 4 the port) and removes it on a clean stop; a killed JVM leaves its daemonised
 * postmaster running and holding the directory.
 */
public final class Postmasters {

    private static final Logger log = LoggerFactory.getLogger(Postmasters.class);

    private Postmasters() {
    }

    /** A postmaster as its pid file describes it. */
    public record Running(long pid, Path dataDirectory, int port) {
    }

    /** The postmaster running on {@code pgData} now, if its pid file names a live process that is really it. */
    public static Optional<Running> running(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException noFile) {
            return Optional.empty();
        }
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            Running r = new Running(pid, pgData, port);
            return isPostmasterOf(pid, pgData) ? Optional.of(r) : Optional.empty();
        } catch (NumberFormatException damaged) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code pid} is alive and is a PostgreSQL server working in {@code pgData}: its program
     * is {@code postgres} and its working directory (PostgreSQL changes into its data directory) or
     * its command line names this directory. A pid reused by an unrelated process after a reboot is
     * never touched.
     */
    static boolean isPostmasterOf(long pid, Path pgData) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !alive(pid)) {
            return false;
        }
        ProcessHandle.Info info = handle.get().info();
        if (info.command().map(c -> !Path.of(c).getFileName().toString().startsWith("postgres")).orElse(false)) {
            return false;
        }
        Path wanted = real(pgData);
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            return real(cwd).equals(wanted);
        } catch (IOException | UnsupportedOperationException noProc) {
            // Not Linux: fall back to the command line ("postgres -D <dir> …").
            return info.commandLine().map(c -> c.contains(pgData.toString()) || c.contains(wanted.toString())).orElse(false);
        }
    }

    /**
     * Whether {@code pid} runs: alive, and not a zombie. A killed postmaster is reparented to the
     * system's first process, which in a container may be slow to reap it; until then the JDK still
     * calls it alive.
     */
    public static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException noProc) {
            return true;
        }
    }

    /**
     * Stops the postmaster left running on {@code pgData} by a process that died: a smart shutdown
     * first (its clients died with their JVM), then, if it has not gone within {@code patience}, a
     * kill of it and its children. Returns the pid stopped.
     */
    public static Optional<Long> stopOrphan(Path pgData, java.time.Duration patience) {
        Optional<Running> orphan = running(pgData);
        if (orphan.isEmpty()) {
            return Optional.empty();
        }
        long pid = orphan.get().pid();
        ProcessHandle pg = ProcessHandle.of(pid).orElse(null);
        if (pg == null) {
            return Optional.empty();
        }
        log.warn("found an orphaned PostgreSQL (pid {}) still running on {} (left by a process that was killed); stopping it", pid, pgData);
        List<ProcessHandle> children = pg.children().toList();
        pg.destroy();
        try {
            pg.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            log.warn("the orphaned PostgreSQL (pid {}) did not stop within {} s; killing it", pid, patience.toSeconds());
            children.forEach(ProcessHandle::destroyForcibly);
            pg.destroyForcibly();
            pg.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        // Its backends notice the postmaster's death and exit; wait briefly so the next start finds the shared memory free.
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                child.destroyForcibly();
            }
        }
        return Optional.of(pid);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
