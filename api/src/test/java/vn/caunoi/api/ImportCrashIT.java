package vn.caunoi.api;

import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server and its PostgreSQL killed (SIGKILL, no shutdown) in the middle of an uploaded import:
 * every row the job had reported as done is still there after the restart, the server resumes the
 * job by itself from the last committed line, and the end result is every row exactly once.
 */
class ImportCrashIT {

    private static final Path JAR = Path.of("target", "caunoi-api.jar");
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final int ROWS = 80_000;

    @Test
    void a_crash_in_the_middle_of_an_import_loses_nothing_reported_and_the_restart_completes_it() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "it-crash-");
        String jobId;
        long reported;
        // Chunks of 10,000 rows: the crash must come between two committed chunks of the 80,000.
        try (ServerProcess server = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir, "--caunoi.import-chunk-rows=10000")
                .signIn("province-admin")) {
            List<String> villages = codes(server.graphql(ServerProcess.query(
                    "{ units(level: VILLAGE, under: \"12595\", first: 20) { nodes { code } } }")));
            assertThat(villages).hasSizeGreaterThan(3);
            StringBuilder csv = new StringBuilder("citizen_id,village_code,occurred_on\n");
            for (int n = 0; n < ROWS; n++) {
                int year = 1950 + n % 60;
                csv.append("036").append((year - 1900) / 100 * 2 + n % 2).append(String.format("%02d", year % 100))
                        .append(String.format("%06d", n)).append(',').append(villages.get(n % villages.size())).append(",2025-0")
                        .append(1 + n % 9).append("-15\n");
            }
            String boundary = "caunoi-" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"police-list.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
            HttpResponse<String> upload = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/imports?service=vneid&stage=LEVEL_2_ACTIVATED&attr.verificationPlace=MOBILE_TEAM"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            jobId = field(upload.body(), "id");

            // Wait until the job reports a first chunk done, then pull the plug on everything.
            String job;
            long deadline = System.nanoTime() + 120_000_000_000L;
            do {
                Thread.sleep(100);
                job = server.graphql(ServerProcess.query("{ importJob(id: \"" + jobId + "\") { state rowsDone rowsPerSecond } }"));
            } while (number(job, "rowsDone") == 0 && System.nanoTime() < deadline);
            reported = number(job, "rowsDone");
            assertThat(job).contains("\"state\":\"RUNNING\"");
            assertThat(reported).isBetween(1L, ROWS - 1L);
            killEverything(server, dataDir);
        }

        try (ServerProcess again = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir, "--caunoi.import-chunk-rows=10000")
                .signIn("province-admin")) {
            assertThat(count(again, dataDir, "select count(*) from adoption_event e join import_job j on j.id = e.import_job_id"
                    + " where j.file_name = 'police-list.csv'")).isGreaterThanOrEqualTo(reported);
            String job;
            long deadline = System.nanoTime() + 180_000_000_000L;
            do {
                Thread.sleep(250);
                job = again.graphql(ServerProcess.query("{ importJob(id: \"" + jobId + "\") { state rowsDone rowsAccepted rowsRejected } }"));
            } while (!job.contains("\"state\":\"DONE\"") && System.nanoTime() < deadline);
            assertThat(job).contains("\"state\":\"DONE\"").contains("\"rowsDone\":" + ROWS).contains("\"rowsAccepted\":" + ROWS)
                    .contains("\"rowsRejected\":0");
            assertThat(again.log()).contains("resuming import job");
            assertThat(count(again, dataDir, "select count(*) from adoption_event e join import_job j on j.id = e.import_job_id"
                    + " where j.file_name = 'police-list.csv'")).isEqualTo(ROWS);
            assertThat(again.graphql(ServerProcess.query("{ adoptionCountCheck { exact } }"))).contains("\"exact\":true");
            try (var files = Files.list(dataDir.resolve("imports"))) {
                assertThat(files.toList()).as("the uploaded file is deleted once its job is done").isEmpty();
            }
        }
    }

    /** SIGKILL for the server's JVM and for its PostgreSQL: no shutdown hook, no checkpoint. */
    private static void killEverything(ServerProcess server, Path dataDir) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
        server.kill();
        ProcessHandle.of(postmaster).ifPresent(pg -> {
            pg.descendants().forEach(ProcessHandle::destroyForcibly);
            pg.destroyForcibly();
            pg.onExit().join();
        });
    }

    private static long count(ServerProcess server, Path dataDir, String sql) throws Exception {
        Matcher port = Pattern.compile("embedded PostgreSQL reopened data directory .* on port (\\d+)").matcher(server.log());
        assertThat(port.find()).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port.group(1) + "/postgres", "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> codes(String json) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("\"code\":\"([0-9.]+)\"").matcher(json);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
