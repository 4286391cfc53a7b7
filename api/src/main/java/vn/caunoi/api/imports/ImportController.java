package vn.caunoi.api.imports;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's upload of an import file, and the download of a job's rejection report. The
 * upload ends in the same job as the command line ({@code java -jar caunoi-api.jar import}); its
 * progress is read through GraphQL ({@code importJob(id)}).
 *
 * <pre>
 * POST /imports?kind=ADOPTION&amp;service=vneid&amp;stage=LEVEL_2_ACTIVATED   (multipart, field "file")
 * GET  /imports/{id}/rejections.csv
 * </pre>
 * Every request parameter other than {@code kind} is a job parameter ({@code service}, {@code stage},
 * {@code source}, {@code asOf}, {@code agency}, {@code attr.<name>}).
 */
@RestController
public class ImportController {

    private final ImportRunner runner;
    private final ImportJobs imports;

    private final vn.caunoi.api.security.RateLimiter rates;

    public ImportController(ImportRunner runner, CauNoi caunoi, vn.caunoi.api.security.RateLimiter rates) {
        this.rates = rates;
        this.runner = runner;
        this.imports = caunoi.imports();
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Map<String, Object>> upload(@RequestParam(name = "file", required = false) MultipartFile file,
                                                      @RequestParam Map<String, String> query,
                                                      jakarta.servlet.http.HttpServletRequest request) throws IOException {
        // An upload is a change like a mutation: the same rate per caller.
        rates.requireWithin(request, vn.caunoi.api.security.RateLimiter.Kind.MUTATION, "uploads");
        Map<String, String> parameters = new LinkedHashMap<>(query);
        String kindText = parameters.remove("kind");
        if (file == null || file.isEmpty()) {
            return problem("file", "REQUIRED", "send the file as the multipart field \"file\"");
        }
        ImportJob.Kind kind;
        try {
            kind = kindText == null ? ImportJob.Kind.ADOPTION : ImportJob.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return problem("kind", "INVALID", "kind is ADOPTION, POPULATION or TARGET");
        }
        try (InputStream in = file.getInputStream()) {
            ImportJob job = runner.submit(actor(), kind, file.getOriginalFilename(), in, parameters);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", GlobalId.of("ImportJob", job.id()));
            body.put("state", job.state().name());
            body.put("alreadyImported", job.finished());
            body.put("rejectionReportUrl", "/imports/" + job.id() + "/rejections.csv");
            return ResponseEntity.status(job.finished() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(body);
        }
    }

    /** {@code id}: the job's number or its global id. */
    @GetMapping(path = "/imports/{id}/rejections.csv")
    public void rejections(@PathVariable String id, HttpServletResponse response) throws IOException {
        long jobId = id.matches("\\d{1,18}") ? Long.parseLong(id) : GlobalId.idOf(id, "ImportJob", "id");
        if (imports.job(actor(), jobId).isEmpty()) {
            vn.caunoi.api.web.ErrorBodies.write(response, 404, "NOT_FOUND", "no import job " + jobId + " you may see", null);
            return;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + jobId + "-rejections.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.writeRejectionReport(actor(), jobId, out);
    }

    private static ResponseEntity<Map<String, Object>> problem(String field, String code, String message) {
        return ResponseEntity.badRequest().body(Map.of("errors", List.of(Map.of("field", field, "code", code, "message", message))));
    }
}
