package vn.caunoi.core.imports;

import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The import jobs' table: a job per kind and file content, its progress committed with each chunk. */
final class ImportJobStore {

    private final Database db;

    ImportJobStore(Database db) {
        this.db = db;
        db.register(ImportMapper.class);
    }

    /** The job of this file (same kind and content), created if new; refused if it was imported with other parameters. */
    ImportJob findOrCreate(Actor actor, ImportJob.Kind kind, String fileName, ImportJob.Format format, String sha256, long bytes,
                           Map<String, String> parameters) {
        String json = Json.of(new TreeMap<>(parameters));
        return db.inTransaction(tx -> {
            ImportMapper m = tx.mapper(ImportMapper.class);
            ImportMapper.JobRow existing = m.findJob(kind.name(), sha256);
            if (existing == null) {
                ImportMapper.JobRow row = new ImportMapper.JobRow();
                row.kind = kind.name();
                row.fileName = fileName;
                row.fileFormat = format.name();
                row.contentSha256 = sha256;
                row.parameters = json == null ? "{}" : json;
                row.bytesTotal = bytes;
                row.startedBy = actor.id();
                m.insertJob(row);
                existing = m.findJob(kind.name(), sha256);
            }
            if (!Json.stringMap(existing.parameters).equals(new TreeMap<>(parameters))) {
                throw new InvalidInputException("parameters", "FILE_IMPORTED_WITH_OTHER_PARAMETERS",
                        "this file was imported before (job " + existing.id + ") with other parameters; a file is imported once");
            }
            return job(existing);
        });
    }

    Optional<ImportJob> find(long id) {
        return Optional.ofNullable(db.read(tx -> tx.mapper(ImportMapper.class).job(id))).map(ImportJobStore::job);
    }

    ImportJob get(long id) {
        return find(id).orElseThrow();
    }

    List<ImportJob> unfinished() {
        return db.read(tx -> tx.mapper(ImportMapper.class).unfinished()).stream().map(ImportJobStore::job).toList();
    }

    void start(long id) {
        db.inTransaction(tx -> tx.mapper(ImportMapper.class).start(id));
    }

    void finish(long id, ImportJob.State state, String failure) {
        db.inTransaction(tx -> tx.mapper(ImportMapper.class).finish(id, state.name(), failure));
    }

    private static ImportJob job(ImportMapper.JobRow r) {
        Map<String, String> parameters = new LinkedHashMap<>(Json.stringMap(r.parameters));
        return new ImportJob(r.id, ImportJob.Kind.valueOf(r.kind), r.fileName, ImportJob.Format.valueOf(r.fileFormat),
                ImportJob.State.valueOf(r.state), parameters, r.bytesTotal,
                r.fractionDone == null || r.fractionDone < 0 ? null : r.fractionDone, r.lastLine, r.rowsDone, r.rowsAccepted,
                r.rowsRejected, r.rowsPerSecond, r.etaSeconds, r.failure, r.startedBy, instant(r.startedAt), instant(r.updatedAt),
                instant(r.finishedAt), r.contentSha256);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
