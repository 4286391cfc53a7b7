package vn.caunoi.api.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The claim of one process on a data directory: an operating-system lock on
 * {@code <data-dir>/caunoi.lock}, released by the kernel when the process ends however it ends
 * (a killed JVM included). Whoever holds it owns the embedded PostgreSQL of that directory; a
 * postmaster found running there while nobody holds it is an orphan of a JVM that died.
 */
public final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or answers empty when another process (or this one) holds it. */
    public static Optional<DataDirectoryLock> tryAcquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("caunoi.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        // The holder's pid, only for the message another process prints when it finds the directory taken.
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return Optional.of(new DataDirectoryLock(channel, lock));
    }

    /** Whether some process holds the lock of {@code dataDir} now. */
    public static boolean isHeld(Path dataDir) throws IOException {
        if (!Files.exists(dataDir.resolve("caunoi.lock"))) {
            return false;
        }
        Optional<DataDirectoryLock> probe = tryAcquire(dataDir);
        probe.ifPresent(DataDirectoryLock::close);
        return probe.isEmpty();
    }

    /** The pid the holder wrote, for messages ("in use by process 1234"); empty when unreadable. */
    public static String holder(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("caunoi.lock"), StandardCharsets.US_ASCII).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending or the file is gone: the kernel drops the lock with the channel
        }
    }
}
