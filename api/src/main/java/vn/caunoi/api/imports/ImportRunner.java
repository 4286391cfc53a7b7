package vn.caunoi.api.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the server's imports one at a time in the background. An uploaded file is kept in
 * {@code <data-dir>/imports/} under its content hash, so that a job the server was running when it
 * stopped is resumed when it starts again: the job's committed rows stay, the rest is loaded. The
 * file is deleted as soon as its job ends (it holds citizen IDs in clear).
 */
@Component
public class ImportRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportJobs imports;
    private final CauNoi caunoi;
    private final Path directory;
    private final boolean resume;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "caunoi-import");
        t.setDaemon(true);
        return t;
    });

    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private volatile ImportJob current;
    private volatile io.micrometer.core.instrument.Counter rows;
    private io.micrometer.core.instrument.MeterRegistry meters;

    /**
     * Import metrics: {@code caunoi.import.running} and {@code caunoi.import.queued} (jobs),
     * {@code caunoi.import.rows.per.second} of the running job, {@code caunoi.import.rows} loaded,
     * {@code caunoi.import.jobs} ended by state.
     */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void metrics(io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        io.micrometer.core.instrument.Gauge.builder("caunoi.import.running", this, r -> r.current == null ? 0 : 1)
                .description("1 while an import job runs").register(meters);
        io.micrometer.core.instrument.Gauge.builder("caunoi.import.queued", queued, java.util.concurrent.atomic.AtomicInteger::get)
                .description("import jobs waiting for the one before them").register(meters);
        io.micrometer.core.instrument.Gauge.builder("caunoi.import.rows.per.second", this,
                        r -> r.current == null || r.current.rowsPerSecond() == null ? 0 : r.current.rowsPerSecond())
                .description("speed of the running import job").register(meters);
        rows = io.micrometer.core.instrument.Counter.builder("caunoi.import.rows").description("rows loaded by import jobs").register(meters);
    }

    private final vn.caunoi.api.live.LiveSignals signals;

    public ImportRunner(CauNoi caunoi, CauNoiProperties properties, vn.caunoi.api.live.LiveSignals signals) {
        this.signals = signals;
        this.imports = caunoi.imports().withChunkSize(properties.importChunkRows());
        this.caunoi = caunoi;
        this.directory = properties.dataDir().resolve("imports");
        this.resume = properties.resumeImports();
    }

    /**
     * Stores {@code upload} and opens its job (checking the parameters); unless the file was imported
     * already, queues the job. Returns the job as it is now.
     */
    public ImportJob submit(Actor actor, ImportJob.Kind kind, String fileName, InputStream upload, Map<String, String> parameters)
            throws IOException {
        Files.createDirectories(directory);
        Path incoming = directory.resolve("upload-" + UUID.randomUUID() + ".part");
        ImportJob job;
        try {
            Files.copy(upload, incoming, StandardCopyOption.REPLACE_EXISTING);
            job = imports.open(actor, new ImportJobs.Request(kind, incoming, fileName, parameters));
        } catch (IOException | RuntimeException e) {
            // A broken upload or refused parameters: the partial file (citizen IDs in clear) goes at once.
            Files.deleteIfExists(incoming);
            throw e;
        }
        Path stored = stored(job);
        Files.move(incoming, stored, StandardCopyOption.REPLACE_EXISTING);
        if (job.finished()) {
            Files.deleteIfExists(stored);
        } else {
            queue(actor, job, stored);
        }
        return job;
    }

    private Path stored(ImportJob job) {
        return directory.resolve(job.contentSha256() + (job.format() == ImportJob.Format.XLSX ? ".xlsx" : ".csv"));
    }

    private void queue(Actor actor, ImportJob job, Path file) {
        queued.incrementAndGet();
        executor.submit(() -> {
            queued.decrementAndGet();
            long[] done = {job.rowsDone()};
            try {
                // Every committed chunk wakes the subscriptions that follow the job (and the counts it changes).
                ImportJob end = imports.run(actor, new ImportJobs.Request(job.kind(), file, job.fileName(), job.parameters()), progress -> {
                    signals.changed();
                    current = progress;
                    if (rows != null) {
                        rows.increment(Math.max(0, progress.rowsDone() - done[0]));
                    }
                    done[0] = progress.rowsDone();
                });
                signals.changed();
                if (meters != null) {
                    meters.counter("caunoi.import.jobs", "state", end.state().name()).increment();
                }
                if (end.state() == ImportJob.State.DONE || end.state() == ImportJob.State.FAILED) {
                    // The file holds citizen IDs in clear: it is kept only while the job may need to resume.
                    Files.deleteIfExists(file);
                }
            } catch (RuntimeException | IOException e) {
                log.error("import job {} could not run", job.id(), e);
                if (meters != null) {
                    meters.counter("caunoi.import.jobs", "state", "ERROR").increment();
                }
            } finally {
                current = null;
            }
        });
    }

    /** Jobs left unfinished by a stop of the server are resumed from their last committed line. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeUnfinished() {
        if (!resume) {
            return;
        }
        java.util.Set<Path> keep = new java.util.HashSet<>();
        for (ImportJob job : imports.unfinished(Actor.system())) {
            Path file = stored(job);
            if (Files.isRegularFile(file)) {
                keep.add(file);
                log.info("resuming import job {} ({}) after line {}", job.id(), job.fileName(), job.lastLine());
                // Resumed as who started it, with her role and scope of today; the system's own jobs as the system.
                Actor starter = job.startedBy().equals("system") || job.startedBy().startsWith("cli:") ? Actor.operator(job.startedBy())
                        : caunoi.users().actorFor(job.startedBy()).orElse(null);
                if (starter == null) {
                    log.warn("import job {} was started by a user who is no longer active: not resumed", job.id());
                    continue;
                }
                queue(starter, job, file);
            }
        }
        sweep(keep);
    }

    /** Files no unfinished job needs — partial uploads, jobs that ended elsewhere — hold citizen IDs in clear: delete them. */
    private void sweep(java.util.Set<Path> keep) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path f : files.filter(f -> !keep.contains(f)).toList()) {
                Files.deleteIfExists(f);
                log.info("deleted {} from the imports directory: no unfinished job needs it", f.getFileName());
            }
        } catch (IOException e) {
            log.warn("could not clean the imports directory {}: {}", directory, e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
