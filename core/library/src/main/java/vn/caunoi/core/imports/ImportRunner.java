package vn.caunoi.core.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.store.Database;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs one job: under an advisory lock (one process per job), reads the rows after the last
 * committed line and loads them chunk by chunk, each chunk's rows, rejections and the job's progress
 * committed together. What the job reports as done is committed; a run that stops resumes after it.
 *
 * <p>Reading and loading overlap: while one chunk is written by a writer thread, the next is read
 * and checked into a second loader (parsing, citizen-ID rules and HMACs cost about a tenth of a
 * chunk's load, and the database works on one core). Chunks still commit one at a time and in file
 * order, and at most two chunks are held. What committed chunks leave to settle (an import's count
 * changes) is settled on a third thread, beside the next chunk's load, on a connection of its own.
 */
final class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final Database db;
    private final DataSource dataSource;
    private final ImportJobStore store;
    private final int chunkSize;

    ImportRunner(Database db, DataSource dataSource, ImportJobStore store, int chunkSize) {
        this.db = db;
        this.dataSource = dataSource;
        this.store = store;
        this.chunkSize = chunkSize;
    }

    /** Runs the job unless another process is running it, or it is done already; {@code loaders} makes a loader for the job. */
    ImportJob run(ImportJob job, Path file, Supplier<Loader> loaders, ImportJobs.Progress progress) {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, job.id())) {
                throw new ImportJobs.ImportRunningException(job.id());
            }
            try {
                // Read the job again under the lock: another process may have moved it on (or finished
                // it) between open() and now, and a resume must start after *its* last committed line.
                ImportJob current = store.get(job.id());
                if (current.finished()) {
                    return current;
                }
                return load(current, file, loaders, progress);
            } finally {
                advisoryUnlock(lock, job.id());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to lock the import job", e);
        }
    }

    private ImportJob load(ImportJob job, Path file, Supplier<Loader> loaders, ImportJobs.Progress progress) {
        store.start(job.id());
        TableReader reader = job.format() == ImportJob.Format.XLSX ? new XlsxTableReader(file) : csv(file);
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "import-job-" + job.id() + "-writer");
            t.setDaemon(true);
            return t;
        });
        Settler settler = new Settler(job);
        Chunks chunks = new Chunks(job, loaders.get(), loaders.get(), reader, progress, writer, settler);
        try {
            reader.read(chunks);
            chunks.flush();
            chunks.awaitCommit();
            chunks.loaders[0].complete();
            settler.finish();
            store.finish(job.id(), ImportJob.State.DONE, null);
        } catch (Loader.FileRejectedException | TableReader.UnreadableFileException e) {
            chunks.drain();
            completeAfterFailure(job, chunks);
            settler.finish();
            store.finish(job.id(), ImportJob.State.FAILED, e.getMessage());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            chunks.drain();
            completeAfterFailure(job, chunks);
            settler.finish();
            // The message of a low-level failure may quote a cell (personal data): log only its kind and
            // where it was thrown; tell the caller where the job stopped.
            log.error("import job {} stopped after line {}: {}", job.id(), chunks.committedLine, withoutMessages(e));
            store.finish(job.id(), ImportJob.State.FAILED,
                    "stopped after line " + chunks.committedLine + " by an internal error; import the same file again to resume");
        } finally {
            chunks.drain();
            writer.shutdown();
            settler.finish();
        }
        ImportJob done = store.get(job.id());
        log.info("import job {} ({}, {}) {}: {} rows, {} accepted, {} rejected", done.id(), done.kind(), done.format(), done.state(),
                done.rowsDone(), done.rowsAccepted(), done.rowsRejected());
        return done;
    }

    /**
     * Runs {@link Loader#settle} on a thread of its own after chunks commit: at most one run at a
     * time and one waiting (a request while one waits adds nothing: the waiting run covers it).
     * A run that fails is logged and left to {@link Loader#complete}.
     */
    private static final class Settler {
        private final ImportJob job;
        private final ExecutorService thread;
        private final AtomicBoolean waiting = new AtomicBoolean();

        Settler(ImportJob job) {
            this.job = job;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "import-job-" + job.id() + "-settler");
                t.setDaemon(true);
                return t;
            });
        }

        void request(Loader loader) {
            if (!waiting.compareAndSet(false, true)) {
                return;
            }
            try {
                thread.execute(() -> {
                    waiting.set(false);
                    try {
                        loader.settle();
                    } catch (RuntimeException e) {
                        log.warn("import job {}: settling committed chunks failed, left to the job's end: {}", job.id(), withoutMessages(e));
                    }
                });
            } catch (RejectedExecutionException finished) {
                waiting.set(false);
            }
        }

        /** Lets the runs started or waiting end, and takes no more. */
        void finish() {
            thread.shutdown();
            try {
                while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                    log.info("import job {}: waiting for committed chunks to settle", job.id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The chunks that did commit are kept, so their deferred work is done as after a success (a file
     * refused before its first chunk committed has none). If that fails too (the database is gone),
     * the next job of the same kind does it: what it defers is correct as it is, only slower to read.
     */
    private static void completeAfterFailure(ImportJob job, Chunks chunks) {
        if (chunks.committedLine <= job.lastLine()) {
            return;
        }
        try {
            chunks.loaders[0].complete();
        } catch (RuntimeException e) {
            log.warn("import job {}: the work left to the job's end waits for the next import: {}", job.id(), withoutMessages(e));
        }
    }

    /** Exception classes and their top frames, without messages (which may quote the data). */
    static String withoutMessages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 4000; t = t.getCause()) {
            b.append(b.length() == 0 ? "" : " caused by ").append(t.getClass().getName());
            Arrays.stream(t.getStackTrace()).limit(6).forEach(f -> b.append("\n\tat ").append(f));
        }
        return b.toString();
    }

    private static TableReader csv(Path file) {
        try {
            return new CsvTableReader(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Collects rows into chunks and hands each to the writer thread, which commits it with the job's
     * progress. Two loaders take turns: the reading thread fills one while the other's chunk is
     * written; before it hands on a chunk it waits for the one in flight, so commits keep file order
     * and a failed commit stops the reading.
     */
    private final class Chunks implements TableReader.RowHandler {
        private final ImportJob job;
        private final Loader[] loaders;
        private final TableReader reader;
        private final ImportJobs.Progress progress;
        private final ExecutorService writer;
        private final Settler settler;
        private final long started = System.nanoTime();
        private final double startFraction;
        /** The last line of the last committed chunk (written by the writer thread). */
        private volatile long committedLine;
        private long readStart = System.nanoTime();
        private Future<?> inFlight;
        private int filling;
        private long handedOnLine;
        private long lastLine;
        private long rowsThisRun;
        private int pending;

        Chunks(ImportJob job, Loader first, Loader second, TableReader reader, ImportJobs.Progress progress, ExecutorService writer,
               Settler settler) {
            this.job = job;
            this.settler = settler;
            this.loaders = new Loader[]{first, second};
            this.reader = reader;
            this.progress = progress;
            this.writer = writer;
            this.committedLine = job.lastLine();
            this.handedOnLine = job.lastLine();
            this.lastLine = job.lastLine();
            this.startFraction = job.fractionDone() == null ? 0 : job.fractionDone();
        }

        @Override
        public void header(List<String> names) {
            for (Loader loader : loaders) {
                loader.header(names);
            }
        }

        @Override
        public void row(long line, List<String> cells) {
            if (line <= job.lastLine()) {
                return;
            }
            loaders[filling].add(line, cells);
            lastLine = line;
            pending++;
            if (pending >= chunkSize) {
                flush();
            }
        }

        /** Hands the rows read since the last chunk to the writer (after the chunk in flight has committed). */
        void flush() {
            if (pending == 0 && lastLine == handedOnLine) {
                return;
            }
            int rows = pending;
            long line = lastLine;
            rowsThisRun += rows;
            double elapsed = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            double fraction = reader.fractionRead();
            double rate = rowsThisRun / elapsed;
            Double eta = fraction > startFraction ? (1 - fraction) * elapsed / (fraction - startFraction) : null;
            Loader loader = loaders[filling];
            long readMillis = (System.nanoTime() - readStart) / 1_000_000;
            awaitCommit();
            inFlight = writer.submit(() -> {
                commit(loader, rows, line, fraction, rate, eta, readMillis);
                return null;
            });
            readStart = System.nanoTime();
            handedOnLine = line;
            filling = 1 - filling;
            pending = 0;
        }

        /** On the writer thread: loads one chunk and commits it with the job's progress. */
        private void commit(Loader loader, int rows, long line, double fraction, double rate, Double eta, long readMillis) {
            long loadStart = System.nanoTime();
            Loader.Counts counts = db.bulk(tx -> {
                Loader.Counts c = loader.flush(tx);
                tx.mapper(ImportMapper.class).progress(job.id(), line, rows, c.accepted(), c.rejected(), fraction, rate, eta);
                return c;
            });
            loader.chunkCommitted();
            settler.request(loader);
            committedLine = line;
            long now = System.nanoTime();
            log.debug("import job {}: {} rows committed up to line {} ({} rejected): read and checked in {} ms, loaded in {} ms",
                    job.id(), rows, line, counts.rejected(), readMillis, (now - loadStart) / 1_000_000);
            progress.update(store.get(job.id()));
        }

        /** Waits for the chunk in flight to commit; its failure is thrown here, as it was thrown there. */
        void awaitCommit() {
            Future<?> f = inFlight;
            if (f == null) {
                return;
            }
            inFlight = null;
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("import chunk failed", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a chunk was committing", e);
            }
        }

        /** After a failure: lets the chunk in flight end (it commits or not) before the job records where it stopped. */
        void drain() {
            Future<?> f = inFlight;
            inFlight = null;
            if (f == null) {
                return;
            }
            try {
                f.get();
            } catch (ExecutionException e) {
                log.debug("import job {}: the chunk in flight failed as well: {}", job.id(), withoutMessages(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean advisoryLock(Connection c, long jobId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select pg_try_advisory_lock(20250701, cast(? as int))")) {
            st.setLong(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void advisoryUnlock(Connection c, long jobId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select pg_advisory_unlock(20250701, cast(? as int))")) {
            st.setLong(1, jobId);
            st.execute();
        }
    }
}
