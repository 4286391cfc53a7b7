package vn.caunoi.core.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.caunoi.core.CauNoiException;
import vn.caunoi.core.InvalidInputException;
import vn.caunoi.core.Page;
import vn.caunoi.core.PageRequest;
import vn.caunoi.core.Problems;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.access.Role;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.ImportMapper;
import vn.caunoi.core.store.ResidentRows.Json;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bulk imports of residents with their adoption (an agency's list of VNeID level 2 activations, a
 * bank's list of opened accounts) and of population figures, from CSV or XLSX.
 *
 * <p>A file is streamed in constant memory and loaded in chunks, each in one transaction with
 * set-based SQL: the chunk's accepted rows, its rejections (line, column, code, reason — never the
 * value) and the job's progress commit together. So whatever the job reports as done is committed,
 * rejected rows leave no trace, and a run that crashed resumes after the last committed line when
 * the same file is imported again. A finished file imported again changes nothing.
 */
public final class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    public static final int DEFAULT_CHUNK = 20_000;

    /** What to import: the file on disk, the name to show, and job parameters (defaults for the rows). */
    public record Request(ImportJob.Kind kind, Path file, String fileName, Map<String, String> parameters) {
        public Request {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(file, "file");
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /** Told after every committed chunk: what a command line prints, what GraphQL reads from the table. */
    public interface Progress {
        void update(ImportJob job);
    }

    /** Another process is importing this file right now. */
    public static final class ImportRunningException extends CauNoiException {
        public ImportRunningException(long jobId) {
            super("import job " + jobId + " is already running in another process");
        }

        @Override
        public String code() {
            return "IMPORT_RUNNING";
        }
    }

    private final Database db;
    private final DataSource dataSource;
    private final HierarchyService hierarchy;
    private final DigitalServices services;
    private final Access access;
    private final Supplier<PersonalDataProtector> protector;
    private final int chunkSize;
    private final ZoneId zone;

    public ImportJobs(Database db, DataSource dataSource, HierarchyService hierarchy, DigitalServices services, Access access,
                      Supplier<PersonalDataProtector> protector) {
        this(db, dataSource, hierarchy, services, access, protector, DEFAULT_CHUNK, ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    private ImportJobs(Database db, DataSource dataSource, HierarchyService hierarchy, DigitalServices services, Access access,
                       Supplier<PersonalDataProtector> protector, int chunkSize, ZoneId zone) {
        this.access = Objects.requireNonNull(access);
        this.db = Objects.requireNonNull(db);
        this.dataSource = Objects.requireNonNull(dataSource);
        this.hierarchy = Objects.requireNonNull(hierarchy);
        this.services = Objects.requireNonNull(services);
        this.protector = Objects.requireNonNull(protector);
        this.chunkSize = chunkSize;
        this.zone = zone;
    }

    /** The same imports with another number of rows per transaction (tests use small chunks). */
    public ImportJobs withChunkSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a chunk has at least one row");
        }
        return new ImportJobs(db, dataSource, hierarchy, services, access, protector, rows, zone);
    }

    /**
     * Finds the job of this file (same kind and content) or creates it, after checking the
     * parameters. Does not read the rows.
     */
    public ImportJob open(Actor actor, Request request) {
        // Agencies' lists are loaded by the officers of the communes they cover; denominators and
        // targets by the province. Rows outside the importer's scope are rejected (OUT_OF_SCOPE).
        if (request.kind() == ImportJob.Kind.ADOPTION) {
            Access.require(actor, "import adoption lists", Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER);
        } else {
            Access.require(actor, "import " + request.kind().name().toLowerCase(java.util.Locale.ROOT) + " figures", Role.PROVINCE_ADMIN);
        }
        String name = request.fileName() == null || request.fileName().isBlank()
                ? request.file().getFileName().toString() : request.fileName().strip();
        Problems p = new Problems();
        p.text("fileName", name, 300);
        Loader.checkParameters(p, request, this, actor);
        p.throwIfAny();
        String sha = sha256(request.file());
        String parameters = Json.of(new java.util.TreeMap<>(request.parameters()));
        return db.inTransaction(s -> {
            ImportMapper m = s.getMapper(ImportMapper.class);
            ImportMapper.JobRow existing = m.findJob(request.kind().name(), sha);
            if (existing == null) {
                ImportMapper.JobRow row = new ImportMapper.JobRow();
                row.kind = request.kind().name();
                row.fileName = name;
                row.fileFormat = formatOf(request.file()).name();
                row.contentSha256 = sha;
                row.parameters = parameters == null ? "{}" : parameters;
                row.bytesTotal = size(request.file());
                row.startedBy = actor.id();
                m.insertJob(row);
                existing = m.findJob(request.kind().name(), sha);
            }
            if (!Json.stringMap(existing.parameters).equals(new java.util.TreeMap<>(request.parameters()))) {
                throw new InvalidInputException("parameters", "FILE_IMPORTED_WITH_OTHER_PARAMETERS",
                        "this file was imported before (job " + existing.id + ") with other parameters; a file is imported once");
            }
            return job(existing);
        });
    }

    /**
     * Imports the file: opens its job and, unless it is done, reads the rows after the last committed
     * line and loads them chunk by chunk. Returns the job as it ends (DONE, or FAILED with the reason).
     */
    public ImportJob run(Actor actor, Request request, Progress progress) {
        ImportJob job = open(actor, request);
        if (job.finished()) {
            return job;
        }
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, job.id())) {
                throw new ImportRunningException(job.id());
            }
            try {
                // Read the job again under the lock: another process may have moved it on (or finished
                // it) between open() and now, and a resume must start after *its* last committed line.
                ImportJob current = job(job.id());
                if (current.finished()) {
                    return current;
                }
                return load(actor, current, request, progress == null ? j -> { } : progress);
            } finally {
                advisoryUnlock(lock, job.id());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to lock the import job", e);
        }
    }

    private ImportJob load(Actor actor, ImportJob job, Request request, Progress progress) {
        db.inTransaction(s -> s.getMapper(ImportMapper.class).start(job.id()));
        Loader loader = switch (job.kind()) {
            case ADOPTION -> new AdoptionLoader(this, actor, job, request.parameters(), protector.get());
            case POPULATION -> new PopulationLoader(this, actor, job, request.parameters());
            case TARGET -> new TargetLoader(this, actor, job, request.parameters());
        };
        TableReader reader = job.format() == ImportJob.Format.XLSX
                ? new XlsxTableReader(request.file()) : csv(request.file());
        Chunks chunks = new Chunks(job, loader, reader, progress);
        try {
            reader.read(chunks);
            chunks.flush();
            db.inTransaction(s -> s.getMapper(ImportMapper.class).finish(job.id(), "DONE", null));
            loader.analyze();
        } catch (Loader.FileRejectedException | TableReader.UnreadableFileException e) {
            db.inTransaction(s -> s.getMapper(ImportMapper.class).finish(job.id(), "FAILED", e.getMessage()));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // The message of a low-level failure may quote a cell (personal data): log only its kind and
            // where it was thrown; tell the caller where the job stopped.
            log.error("import job {} stopped after line {}: {}", job.id(), chunks.committedLine, withoutMessages(e));
            db.inTransaction(s -> s.getMapper(ImportMapper.class).finish(job.id(), "FAILED",
                    "stopped after line " + chunks.committedLine + " by an internal error; import the same file again to resume"));
        }
        ImportJob done = job(actor, job.id()).orElseThrow();
        log.info("import job {} ({}, {}) {}: {} rows, {} accepted, {} rejected", done.id(), done.kind(), done.format(), done.state(),
                done.rowsDone(), done.rowsAccepted(), done.rowsRejected());
        return done;
    }

    /** Exception classes and their top frames, without messages (which may quote the data). */
    static String withoutMessages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 4000; t = t.getCause()) {
            b.append(b.length() == 0 ? "" : " caused by ").append(t.getClass().getName());
            java.util.Arrays.stream(t.getStackTrace()).limit(6).forEach(f -> b.append("\n\tat ").append(f));
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
        private final Progress progress;
        private final long started = System.nanoTime();
        private final double startFraction;
        private long committedLine;
        private long lastCommit = System.nanoTime();
        private long lastLine;
        private long rowsThisRun;
        private int pending;

        Chunks(ImportJob job, Loader loader, TableReader reader, Progress progress) {
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
            Loader.Counts counts = db.bulk(s -> {
                Loader.Counts c = loader.flush(s);
                s.getMapper(ImportMapper.class).progress(job.id(), line, rows, c.accepted(), c.rejected(), fraction, rate, eta);
                return c;
            });
            loader.chunkCommitted();
            committedLine = line;
            pending = 0;
            long now = System.nanoTime();
            log.debug("import job {}: {} rows committed up to line {} ({} rejected): read and checked in {} ms, loaded in {} ms",
                    job.id(), rows, line, counts.rejected(), (loadStart - lastCommit) / 1_000_000, (now - loadStart) / 1_000_000);
            lastCommit = now;
            progress.update(job(job.id()));
        }
    }

    // --- reads ----------------------------------------------------------------------------------

    /** A job, for who started it and for province administrators. */
    public Optional<ImportJob> job(Actor actor, long id) {
        Access.require(actor, "read import jobs", Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER);
        return Optional.ofNullable(db.read(s -> s.getMapper(ImportMapper.class).job(id))).map(ImportJobs::job)
                .filter(j -> visible(actor, j));
    }

    private static boolean visible(Actor actor, ImportJob job) {
        return actor.unrestricted() || actor.is(Role.PROVINCE_ADMIN) || job.startedBy().equals(actor.id());
    }

    private void requireVisible(Actor actor, long jobId) {
        if (job(actor, jobId).isEmpty()) {
            throw new InvalidInputException("id", "UNKNOWN_JOB", "no import job " + jobId + " that you may see");
        }
    }

    /** Where the rows of this actor's imports may lie; null for everywhere. */
    Access.ScopeIntervals scopeOf(Actor actor) {
        return access.intervals(actor);
    }

    private ImportJob job(long id) {
        return job(db.read(s -> s.getMapper(ImportMapper.class).job(id)));
    }

    /** Jobs that a stopped process left RUNNING or that were INTERRUPTED: a re-run resumes them. */
    public List<ImportJob> unfinished(Actor actor) {
        Access.requireSystem(actor, "resume import jobs");
        return db.read(s -> s.getMapper(ImportMapper.class).unfinished()).stream().map(ImportJobs::job).toList();
    }

    /** The rejected rows of a job in file order. */
    public Page<Rejection> rejections(Actor actor, long jobId, PageRequest page) {
        requireVisible(actor, jobId);
        return db.read(s -> {
            ImportMapper m = s.getMapper(ImportMapper.class);
            return new Page<>(m.rejections(jobId, page.offset(), page.limit()).stream()
                    .map(r -> new Rejection(r.line, r.columnName, r.code, r.reason)).toList(),
                    m.rejectionCount(jobId), page.offset());
        });
    }

    /**
     * The rejection report as CSV (UTF-8 with a byte-order mark, so that Excel shows Vietnamese),
     * written page by page: memory does not grow with the number of rejections.
     */
    public void writeRejectionReport(Actor actor, long jobId, Writer out) throws IOException {
        requireVisible(actor, jobId);
        out.write('\uFEFF');
        out.write("line,column,code,reason\r\n");
        int offset = 0;
        while (true) {
            int from = offset;
            List<ImportMapper.RejectionRow> rows = db.read(s -> s.getMapper(ImportMapper.class).rejections(jobId, from, 5000));
            for (ImportMapper.RejectionRow r : rows) {
                out.write(r.line + "," + csvCell(r.columnName) + "," + csvCell(r.code) + "," + csvCell(r.reason) + "\r\n");
            }
            if (rows.size() < 5000) {
                break;
            }
            offset += rows.size();
        }
        out.flush();
    }

    private static String csvCell(String v) {
        if (v == null) {
            return "";
        }
        return v.matches("[^,\"\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    // --- helpers shared with the loaders --------------------------------------------------------

    Database db() {
        return db;
    }

    HierarchyService hierarchy() {
        return hierarchy;
    }

    DigitalServices services() {
        return services;
    }

    LocalDate today() {
        return LocalDate.now(zone);
    }

    LocalDate dateOf(java.time.Instant instant) {
        return instant == null ? today() : instant.atZone(zone).toLocalDate();
    }

    private static ImportJob job(ImportMapper.JobRow r) {
        Map<String, String> parameters = new LinkedHashMap<>(Json.stringMap(r.parameters));
        return new ImportJob(r.id, ImportJob.Kind.valueOf(r.kind), r.fileName, ImportJob.Format.valueOf(r.fileFormat),
                ImportJob.State.valueOf(r.state), parameters, r.bytesTotal,
                r.fractionDone == null || r.fractionDone < 0 ? null : r.fractionDone, r.lastLine, r.rowsDone, r.rowsAccepted,
                r.rowsRejected, r.rowsPerSecond, r.etaSeconds, r.failure, r.startedBy, instant(r.startedAt), instant(r.updatedAt),
                instant(r.finishedAt), r.contentSha256);
    }

    private static java.time.Instant instant(java.time.OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** XLSX files are ZIP archives ("PK\3\4"); anything else is read as CSV. */
    static ImportJob.Format formatOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4
                    ? ImportJob.Format.XLSX : ImportJob.Format.CSV;
        } catch (IOException e) {
            throw new InvalidInputException("file", "UNREADABLE", "the file cannot be read");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException("file", "UNREADABLE", "the file cannot be read");
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidInputException("file", "UNREADABLE", "the file cannot be read");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
