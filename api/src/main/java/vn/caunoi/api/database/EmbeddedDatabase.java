package vn.caunoi.api.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The server's own PostgreSQL: binaries from the jar, data in {@code <data-dir>/postgres}, its log in
 * {@code <data-dir>/postgres.log}. It owns the data directory through {@link DataDirectoryLock},
 * stops a postmaster orphaned there by a killed JVM before it starts, and watches the postmaster:
 * when it dies it reports the database down at once and starts it again on the same port, with a
 * growing pause between failed attempts, until it answers. A start that fails says PostgreSQL's own
 * reason, from its log, in a few lines.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** Lines of PostgreSQL's log worth showing an operator: its reports of what went wrong and its hints. */
    private static final Pattern REASON = Pattern.compile("(FATAL|PANIC|ERROR|DETAIL|HINT):|^initdb: |^pg_ctl: |^postgres: |^Expected |could not|No space|Permission denied");
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    private final Path pgData;
    private final Path logFile;
    private final DataDirectoryLock lock;
    private final int maxConnections;
    private final Duration maxBackoff;
    private final PGSimpleDataSource target = new PGSimpleDataSource();
    private final AtomicInteger restarts = new AtomicInteger();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "caunoi-postgres-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile EmbeddedPostgres pg;
    private volatile int port;
    private volatile long pid;
    private volatile boolean closing;
    private volatile Consumer<String> onDown = reason -> { };
    private volatile Runnable onRestarted = () -> { };

    private EmbeddedDatabase(Path dataDir, DataDirectoryLock lock, int maxConnections, Duration maxBackoff) {
        this.pgData = dataDir.resolve("postgres");
        this.logFile = dataDir.resolve("postgres.log");
        this.lock = lock;
        this.maxConnections = maxConnections;
        this.maxBackoff = maxBackoff;
        target.setServerNames(new String[] {"localhost"});
        target.setDatabaseName("postgres");
        target.setUser("postgres");
        target.setPassword("postgres");
        // Server error details repeat the failing row (names, masked phones): keep them out of messages and logs.
        target.setLogServerErrorDetail(false);
    }

    /**
     * Takes the data directory, stops an orphaned postmaster of it, and starts PostgreSQL (running
     * {@code initdb} on first use). Fails with a {@link StartupFailure} naming the directory and
     * PostgreSQL's reason.
     */
    public static EmbeddedDatabase start(Path dataDir, int maxConnections, Duration maxBackoff) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupFailure(StartupFailure.CANNOT_CREATE, "cannot create the data directory " + dir + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(),
                    "Give --caunoi.data-dir a directory this user may write, or create it with the right owner.", e);
        }
        DataDirectoryLock lock;
        try {
            lock = DataDirectoryLock.tryAcquire(dir).orElseThrow(() -> new StartupFailure(StartupFailure.BUSY,
                    "the data directory " + dir + " is in use by another Cầu Nối process (pid " + DataDirectoryLock.holder(dir) + ")",
                    "Stop that process first, or give this one another --caunoi.data-dir. Commands (backup, import, check-counts) "
                            + "work beside a running server; restore needs it stopped."));
        } catch (IOException e) {
            throw new StartupFailure(StartupFailure.CANNOT_CREATE, "cannot lock the data directory " + dir + ": " + e.getMessage(),
                    "Check that this user may write in " + dir + ".", e);
        }
        EmbeddedDatabase db = new EmbeddedDatabase(dir, lock, maxConnections, maxBackoff);
        try {
            Postmasters.stopOrphan(db.pgData, Duration.ofSeconds(30))
                    .ifPresent(orphan -> log.warn("stopped the orphaned PostgreSQL (pid {}) of {}", orphan, db.pgData));
            boolean fresh = !Files.exists(db.pgData.resolve("postgresql.conf"));
            db.rotateLog();
            db.startPostgres(0);
            log.info("embedded PostgreSQL {} data directory {} on port {}", fresh ? "initialised" : "reopened", db.pgData, db.port);
            return db;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Starts watching the postmaster; {@code onDown} hears of a death at once, {@code onRestarted} of the recovery. */
    public void watch(Duration interval, Consumer<String> onDown, Runnable onRestarted) {
        this.onDown = onDown;
        this.onRestarted = onRestarted;
        watchdog.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Unpooled connections to the embedded server; follows it if a restart has to change its port. */
    public DataSource target() {
        return target;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return pid;
    }

    public Path dataDirectory() {
        return pgData;
    }

    public Path logFile() {
        return logFile;
    }

    /** How many times the watchdog started PostgreSQL again after it died. */
    public int restarts() {
        return restarts.get();
    }

    private void check() {
        if (closing || Postmasters.alive(pid) || shuttingDown()) {
            return;
        }
        String why = "the embedded PostgreSQL (pid " + pid + ") stopped";
        log.error("{} unexpectedly; starting it again. PostgreSQL's last words: {}", why, String.join(" | ", reasonSince(0, 4)));
        onDown.accept(why + "; restarting it");
        long pause = 1000;
        long started = System.nanoTime();
        boolean portTaken = false;
        while (!closing && !shuttingDown()) {
            try {
                closeQuietly();
                // The same port where possible; another if something else took it meanwhile (the pool follows).
                startPostgres(portTaken ? 0 : port);
                int n = restarts.incrementAndGet();
                log.info("embedded PostgreSQL started again on port {} after {} ms (restart #{})", port,
                        (System.nanoTime() - started) / 1_000_000, n);
                onRestarted.run();
                return;
            } catch (RuntimeException failed) {
                portTaken = String.valueOf(failed.getMessage()).contains("already in use");
                log.warn("embedded PostgreSQL did not start again ({}); next attempt in {} s", failed.getMessage().lines()
                        .findFirst().orElse(""), pause / 1000);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, maxBackoff.toMillis());
        }
    }

    /**
     * Whether the JVM is stopping: then the embedded library's own shutdown hook stops PostgreSQL,
     * possibly before this server's beans are closed, and that is no death to heal. (The JDK refuses
     * new shutdown hooks once shutdown has begun.)
     */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException stopping) {
            return true;
        }
    }

    private void startPostgres(int wantedPort) {
        long logOffset = logSize();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(wantedPort)
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    // The embedded server's test default is asynchronous commit: a crash could lose
                    // writes already reported as done (an import's committed chunks, a recorded
                    // adoption). The server's own database commits durably.
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // Crash recovery of a large database after a kill can take a while.
                    .setPGStartupWait(Duration.ofSeconds(120));
            EmbeddedPostgres started = startWatchingTheLog(builder, logOffset);
            pg = started;
            port = started.getPort();
            target.setPortNumbers(new int[] {port});
            pid = Postmasters.running(pgData).map(Postmasters.Running::pid)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid"));
        } catch (IOException | RuntimeException e) {
            List<String> reason = reasonSince(logOffset, 6);
            throw new StartupFailure(StartupFailure.UNAVAILABLE, "the embedded PostgreSQL did not start in " + pgData
                    + (reason.isEmpty() ? ": " + DatabaseAvailability.summary(e) : ". PostgreSQL said:\n  " + String.join("\n  ", reason))
                    + "\nIts full log: " + logFile,
                    "Fix what PostgreSQL reports above (a damaged or foreign data directory, permissions, disk space, a port in use), "
                            + "or restore a backup into a new --caunoi.data-dir (docs/operations.md).", e);
        }
    }

    /**
     * Starts PostgreSQL and waits for it to answer, but gives up as soon as {@code pg_ctl} reports in
     * the log that the server did not start: the library would otherwise keep trying to connect for
     * the whole start-up wait (two minutes, long enough for crash recovery of a big database).
     */
    private EmbeddedPostgres startWatchingTheLog(EmbeddedPostgres.Builder builder, long logOffset) throws IOException {
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                outcome.set(builder.start());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "caunoi-postgres-start");
        starter.setDaemon(true);
        starter.start();
        try {
            while (starter.isAlive()) {
                starter.join(200);
                if (starter.isAlive() && pgCtlGaveUp(logOffset)) {
                    // Ends the library's wait for a connection; whatever it started is stopped below.
                    starter.interrupt();
                    starter.join(30_000);
                    if (outcome.get() instanceof EmbeddedPostgres half) {
                        try {
                            half.close();
                        } catch (IOException | RuntimeException ignored) {
                            // nothing was running
                        }
                    }
                    throw new IOException("pg_ctl reports that PostgreSQL did not start");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while PostgreSQL was starting", e);
        }
        Object result = outcome.get();
        if (result instanceof EmbeddedPostgres started) {
            return started;
        }
        if (result instanceof IOException e) {
            throw e;
        }
        if (result instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalStateException("PostgreSQL did not start", (Throwable) result);
    }

    private boolean pgCtlGaveUp(long offset) {
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            if (f.length() <= offset) {
                return false;
            }
            long start = Math.max(offset, f.length() - 64 * 1024);
            f.seek(start);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            return text.contains("pg_ctl: could not start server") || text.contains("pg_ctl: error") || text.contains("stopped waiting");
        } catch (IOException noLog) {
            return false;
        }
    }

    /** The last {@code max} lines of PostgreSQL's log after {@code offset} that say what went wrong. */
    List<String> reasonSince(long offset, int max) {
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(offset, f.length() - 64 * 1024);
            f.seek(start);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.readFully(tail);
            new String(tail, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> REASON.matcher(l).find()).forEach(lines::add);
        } catch (IOException noLog) {
            return List.of();
        }
        return lines.subList(Math.max(0, lines.size() - max), lines.size());
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** PostgreSQL logs little (checkpoints, crashes); still, years of it are kept to one old file. */
    private void rotateLog() {
        try {
            if (Files.exists(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
                Files.move(logFile, logFile.resolveSibling("postgres.log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("could not rotate {}: {}", logFile, e.getMessage());
        }
    }

    private void closeQuietly() {
        EmbeddedPostgres old = pg;
        if (old != null) {
            try {
                // Stops a postmaster still there, and releases the library's own lock on the directory.
                old.close();
            } catch (IOException | RuntimeException ignored) {
                // it was dead already
            }
            // The library's own shutdown hook may be stopping it at the same time: let that finish.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Postmasters.alive(pid) && System.nanoTime() < until) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        pg = null;
        Optional<Long> leftover = Postmasters.stopOrphan(pgData, Duration.ofSeconds(10));
        leftover.ifPresent(p -> log.warn("stopped a leftover PostgreSQL (pid {}) of {}", p, pgData));
    }

    @Override
    public void close() {
        closing = true;
        watchdog.shutdownNow();
        closeQuietly();
        lock.close();
    }
}
