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

/**
 * Runs one job: under an advisory lock (one process per job), reads the rows after the last
 * committed line and loads them chunk by chunk, each chunk's rows, rejections and the job's progress
 * committed together. What the job reports as done is committed; a run that stops resumes after it.
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

    /** Runs the job unless another process is running it, or it is done already. */
    ImportJob run(ImportJob job, Path file, Loader loader, ImportJobs.Progress progress) {
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
                return load(current, file, loader, progress);
            } finally {
                advisoryUnlock(lock, job.id());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to lock the import job", e);
        }
    }

    private ImportJob load(ImportJob job, Path file, Loader loader, ImportJobs.Progress progress) {
        store.start(job.id());
        TableReader reader = job.format() == ImportJob.Format.XLSX ? new XlsxTableReader(file) : csv(file);
        Chunks chunks = new Chunks(job, loader, reader, progress);
        try {
            reader.read(chunks);
            chunks.flush();
            store.finish(job.id(), ImportJob.State.DONE, null);
            loader.analyze();
        } catch (Loader.FileRejectedException | TableReader.UnreadableFileException e) {
            store.finish(job.id(), ImportJob.State.FAILED, e.getMessage());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // The message of a low-level failure may quote a cell (personal data): log only its kind and
            // where it was thrown; tell the caller where the job stopped.
            log.error("import job {} stopped after line {}: {}", job.id(), chunks.committedLine, withoutMessages(e));
            store.finish(job.id(), ImportJob.State.FAILED,
                    "stopped after line " + chunks.committedLine + " by an internal error; import the same file again to resume");
        }
        ImportJob done = store.get(job.id());
        log.info("import job {} ({}, {}) {}: {} rows, {} accepted, {} rejected", done.id(), done.kind(), done.format(), done.state(),
                done.rowsDone(), done.rowsAccepted(), done.rowsRejected());
        return done;
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

    /** Collects rows into chunks and commits each with the job's progress. */
    private final class Chunks implements TableReader.RowHandler {
        private final ImportJob job;
        private final Loader loader;
        private final TableReader reader;
        private final ImportJobs.Progress progress;
        private final long started = System.nanoTime();
        private final double startFraction;
        private long committedLine;
        private long lastCommit = System.nanoTime();
        private long lastLine;
        private long rowsThisRun;
        private int pending;

        Chunks(ImportJob job, Loader loader, TableReader reader, ImportJobs.Progress progress) {
            this.job = job;
            this.loader = loader;
            this.reader = reader;
            this.progress = progress;
            this.committedLine = job.lastLine();
            this.lastLine = job.lastLine();
            this.startFraction = job.fractionDone() == null ? 0 : job.fractionDone();
        }

        @Override
        public void header(List<String> names) {
            loader.header(names);
        }

        @Override
        public void row(long line, List<String> cells) {
            if (line <= job.lastLine()) {
                return;
            }
            loader.add(line, cells);
            lastLine = line;
            pending++;
            if (pending >= chunkSize) {
                flush();
            }
        }

        void flush() {
            if (pending == 0 && lastLine == committedLine) {
                return;
            }
            int rows = pending;
            long line = lastLine;
            rowsThisRun += rows;
            double elapsed = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            double fraction = reader.fractionRead();
            double rate = rowsThisRun / elapsed;
            Double eta = fraction > startFraction ? (1 - fraction) * elapsed / (fraction - startFraction) : null;
            long loadStart = System.nanoTime();
            Loader.Counts counts = db.bulk(tx -> {
                Loader.Counts c = loader.flush(tx);
                tx.mapper(ImportMapper.class).progress(job.id(), line, rows, c.accepted(), c.rejected(), fraction, rate, eta);
                return c;
            });
            loader.chunkCommitted();
            committedLine = line;
            pending = 0;
            long now = System.nanoTime();
            log.debug("import job {}: {} rows committed up to line {} ({} rejected): read and checked in {} ms, loaded in {} ms",
                    job.id(), rows, line, counts.rejected(), (loadStart - lastCommit) / 1_000_000, (now - loadStart) / 1_000_000);
            lastCommit = now;
            progress.update(store.get(job.id()));
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
