package vn.caunoi.core.imports;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.CauNoiException;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.context.Context;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bulk imports of residents with their adoption (an agency's list of VNeID level 2 activations, a
 * bank's list of opened accounts), of population figures and of targets, from CSV or XLSX.
 *
 * <p>A file is streamed in constant memory and loaded in chunks, each in one transaction with
 * set-based SQL: the chunk's accepted rows, its rejections (line, column, code, reason — never the
 * value) and the job's progress commit together. So whatever the job reports as done is committed,
 * rejected rows leave no trace, and a run that crashed resumes after the last committed line when
 * the same file is imported again. A finished file imported again changes nothing. Each kind of file
 * is declared by its feature ({@link LoaderFactory}).
 */
public final class ImportJobs {

    /**
     * Rows per chunk (one transaction). Chunks of 250,000 were measured no faster beyond the noise
     * (docs/benchmarks.md) and make an objection, a crash's loss and a write of the same counts wait
     * for 2.5 times as much.
     */
    public static final int DEFAULT_CHUNK = 100_000;

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

    private final Context ctx;
    private final DataSource dataSource;
    private final Map<ImportJob.Kind, LoaderFactory> kinds;
    private final ImportJobStore store;
    private final ImportRunner runner;
    private final RejectionReport report;
    private final int chunkSize;

    public ImportJobs(Context ctx, DataSource dataSource, Map<ImportJob.Kind, LoaderFactory> kinds) {
        this(ctx, dataSource, kinds, DEFAULT_CHUNK);
    }

    private ImportJobs(Context ctx, DataSource dataSource, Map<ImportJob.Kind, LoaderFactory> kinds, int chunkSize) {
        this.ctx = ctx;
        this.dataSource = dataSource;
        this.kinds = Map.copyOf(kinds);
        this.chunkSize = chunkSize;
        this.store = new ImportJobStore(ctx.db());
        this.runner = new ImportRunner(ctx.db(), dataSource, store, chunkSize);
        this.report = new RejectionReport(ctx.db());
    }

    /** The same imports with another number of rows per transaction (tests use small chunks). */
    public ImportJobs withChunkSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a chunk has at least one row");
        }
        return new ImportJobs(ctx, dataSource, kinds, rows);
    }

    /**
     * Finds the job of this file (same kind and content) or creates it, after checking the
     * parameters. Does not read the rows.
     */
    public ImportJob open(Actor actor, Request request) {
        LoaderFactory kind = kind(request.kind());
        // Agencies' lists are loaded by the officers of the communes they cover; denominators and
        // targets by the province. Rows outside the importer's scope are rejected (OUT_OF_SCOPE).
        Access.require(actor, kind.operation());
        String name = request.fileName() == null || request.fileName().isBlank()
                ? request.file().getFileName().toString() : request.fileName().strip();
        Problems p = new Problems();
        p.text("fileName", name, 300);
        request.parameters().forEach((parameter, value) -> {
            if (!kind.acceptsParameter(parameter)) {
                p.add("parameters." + parameter, "UNKNOWN_PARAMETER", "no parameter " + parameter + " for a " + request.kind() + " import");
            }
        });
        kind.checkParameters(p, request.parameters(), actor);
        p.throwIfAny();
        return store.findOrCreate(actor, request.kind(), name, formatOf(request.file()), sha256(request.file()), size(request.file()),
                request.parameters());
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
        LoaderFactory factory = kind(job.kind());
        return runner.run(job, request.file(), () -> factory.loader(actor, job, request.parameters()), progress == null ? j -> { } : progress);
    }

    // --- reads ----------------------------------------------------------------------------------

    /** A job, for who started it and for province administrators. */
    public Optional<ImportJob> job(Actor actor, long id) {
        Access.require(actor, Operation.READ_IMPORT_JOBS);
        return store.find(id).filter(j -> actor.unrestricted() || actor.is(Role.PROVINCE_ADMIN) || j.startedBy().equals(actor.id()));
    }

    /** Jobs that a stopped process left RUNNING or that were INTERRUPTED: a re-run resumes them. */
    public List<ImportJob> unfinished(Actor actor) {
        Access.requireSystem(actor, "resume import jobs");
        return store.unfinished();
    }

    /** The rejected rows of a job in file order. */
    public Page<Rejection> rejections(Actor actor, long jobId, PageRequest page) {
        requireVisible(actor, jobId);
        return report.page(jobId, page);
    }

    /** The rejection report as CSV, written page by page. */
    public void writeRejectionReport(Actor actor, long jobId, Writer out) throws IOException {
        requireVisible(actor, jobId);
        report.write(jobId, out);
    }

    private void requireVisible(Actor actor, long jobId) {
        if (job(actor, jobId).isEmpty()) {
            throw new InvalidInputException("id", "UNKNOWN_JOB", "no import job " + jobId + " that you may see");
        }
    }

    private LoaderFactory kind(ImportJob.Kind kind) {
        LoaderFactory factory = kinds.get(kind);
        if (factory == null) {
            throw new InvalidInputException("kind", "UNSUPPORTED_KIND", "this library takes no " + kind + " imports");
        }
        return factory;
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
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidInputException("file", "UNREADABLE", "the file cannot be read");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
