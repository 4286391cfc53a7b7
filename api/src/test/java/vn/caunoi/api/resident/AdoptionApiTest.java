package vn.caunoi.api.resident;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.ApiTest;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents and adoption over HTTP: the mutation and its errors, retries (concurrent, and after a
 * connection killed once the write committed), imports uploaded by the dashboard, and a full
 * scenario after which no table, log line or response holds a citizen ID in clear.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdoptionApiTest extends ApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    DataSource dataSource;

    /** Every response body this test received, for the scan at the end. */
    final List<String> bodies = new ArrayList<>();
    List<String> villages;

    @BeforeEach
    void villages() {
        villages = column("select code from admin_unit where level = 'VILLAGE' and valid_to is null and code like '12595.%' order by code");
        assertThat(villages).hasSizeGreaterThan(3);
    }

    /** A valid citizen ID of Thái Bình (034), made up, never a real person's. */
    static String citizenId(int year, boolean female, int tail) {
        return "034" + ((year - 1900) / 100 * 2 + (female ? 1 : 0)) + String.format("%02d", year % 100) + String.format("%06d", tail);
    }

    JsonNode post(String query, Map<String, Object> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
            HttpResponse<String> response = HTTP.send(request("/graphql")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            bodies.add(response.body());
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String RECORD = """
            mutation($input: RecordAdoptionInput!) {
              recordAdoption(input: $input) {
                maskedCitizenId anonymous replayed
                status { stage since service { code } village { code } }
                event { id stage kind source occurredOn village { code } attributes { name value } }
                userErrors { field code message }
              }
            }""";

    Map<String, Object> input(String key, String citizenId, String village, String service, String stage, String on) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("idempotencyKey", key);
        in.put("citizenId", citizenId);
        in.put("village", village);
        in.put("service", service);
        in.put("stage", stage);
        in.put("occurredOn", on);
        if (service.equals("vneid") && stage.equals("LEVEL_2_ACTIVATED")) {
            in.put("attributes", List.of(Map.of("name", "verificationPlace", "value", "COMMUNE_POLICE")));
        }
        return in;
    }

    JsonNode record(Map<String, Object> input) {
        return post(RECORD, Map.of("input", input)).path("data").path("recordAdoption");
    }

    @Test
    void a_record_returns_the_masked_id_and_the_status_and_bad_input_names_the_field() {
        String id = citizenId(1984, true, 424242);
        JsonNode r = record(input(UUID.randomUUID().toString(), id, villages.get(0), "vneid", "LEVEL_2_ACTIVATED", "2025-03-02"));
        assertThat(r.path("userErrors").size()).isZero();
        assertThat(r.path("maskedCitizenId").asString()).isEqualTo("•••••••••242");
        assertThat(r.path("status").path("stage").asString()).isEqualTo("LEVEL_2_ACTIVATED");
        assertThat(r.path("status").path("service").path("code").asString()).isEqualTo("vneid");
        assertThat(r.path("event").path("attributes").get(0).path("value").asString()).isEqualTo("COMMUNE_POLICE");

        Map<String, Object> noPlace = input(UUID.randomUUID().toString(), id, villages.get(0), "vneid", "LEVEL_2_ACTIVATED", "2025-03-02");
        noPlace.remove("attributes");
        assertThat(errors(record(noPlace))).containsExactly("attributes.verificationPlace REQUIRED");
        Map<String, Object> wrongYear = input(UUID.randomUUID().toString(), id, villages.get(0), "vneid", "LEVEL_1_ACTIVATED", "2025-03-02");
        wrongYear.put("birthYear", 1985);
        wrongYear.put("sex", "MALE");
        assertThat(errors(record(wrongYear))).containsExactly("birthYear DOES_NOT_MATCH_CITIZEN_ID", "sex DOES_NOT_MATCH_CITIZEN_ID");
        assertThat(errors(record(input(UUID.randomUUID().toString(), "034184", villages.get(0), "vneid", "LEVEL_1_ACTIVATED", "2025-03-02"))))
                .containsExactly("citizenId NOT_12_DIGITS");
        assertThat(errors(record(input(UUID.randomUUID().toString(), id, "12595", "vneid", "LEVEL_1_ACTIVATED", "2025-03-02"))))
                .containsExactly("village NOT_A_VILLAGE");
        assertThat(errors(record(input(UUID.randomUUID().toString(), id, villages.get(0), "vssid", "LEVEL_9", "2025-03-02"))))
                .containsExactly("stage UNKNOWN_STAGE");
        assertThat(String.join("\n", bodies)).doesNotContain(id).doesNotContain(id.substring(0, 9));
    }

    static List<String> errors(JsonNode payload) {
        List<String> list = new ArrayList<>();
        payload.path("userErrors").forEach(e -> list.add(e.path("field").asString() + " " + e.path("code").asString()));
        return list;
    }

    @Test
    void the_same_record_sent_ten_times_at_once_with_one_key_is_one_event() throws Exception {
        String id = citizenId(1990, false, 101010);
        Map<String, Object> in = input("ten-at-once-" + UUID.randomUUID(), id, villages.get(1), "vssid", "ACCOUNT_ACTIVATED", "2025-04-05");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(pool.submit(() -> record(in)));
        }
        List<String> events = new ArrayList<>();
        int replayed = 0;
        for (Future<JsonNode> f : futures) {
            JsonNode r = f.get();
            assertThat(r.path("userErrors").size()).isZero();
            events.add(r.path("event").path("id").asString());
            replayed += r.path("replayed").asBoolean() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(events).containsOnly(events.get(0));
        assertThat(replayed).isEqualTo(9);
        assertThat(count("select count(*) from adoption_event e join resident r on r.id = e.resident_id where r.citizen_masked = '•••••••••010'"
                + " and e.service_code = 'vssid' and e.occurred_on = '2025-04-05'")).isEqualTo(1);
    }

    @Test
    void a_retry_after_the_connection_died_once_the_write_committed_returns_the_stored_result() throws Exception {
        String id = citizenId(1979, true, 777001);
        Map<String, Object> in = input("killed-connection-" + UUID.randomUUID(), id, villages.get(2), "epayment", "ACCOUNT_OPENED", "2025-05-06");
        in.put("attributes", List.of(Map.of("name", "providerType", "value", "E_WALLET")));
        byte[] body = JSON.writeValueAsString(Map.of("query", RECORD, "variables", Map.of("input", in))).getBytes(StandardCharsets.UTF_8);
        // The demo's history may hold another resident of the same mask, service and day: count from here.
        String committed = "select count(*) from adoption_event e join resident r on r.id = e.resident_id"
                + " where r.citizen_masked = '•••••••••001' and e.service_code = 'epayment' and e.occurred_on = '2025-05-06'";
        long before = count(committed);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token(ADMIN)
                    + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // The phone loses its signal: the connection dies before any answer is read.
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count(committed) == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(committed)).isEqualTo(before + 1);
        JsonNode retry = record(in);
        assertThat(retry.path("replayed").asBoolean()).isTrue();
        assertThat(retry.path("event").path("stage").asString()).isEqualTo("ACCOUNT_OPENED");
        assertThat(retry.path("status").path("stage").asString()).isEqualTo("ACCOUNT_OPENED");
        assertThat(count(committed)).isEqualTo(before + 1);
    }

    @Test
    void a_full_scenario_leaves_no_citizen_id_in_clear_in_any_table_log_line_or_response(CapturedOutput output) throws Exception {
        List<String> ids = List.of(citizenId(1956, false, 123987), citizenId(1999, true, 555333), citizenId(2008, false, 909090),
                citizenId(1975, true, 314159));
        // A team member records adoption, with mistakes along the way.
        record(input(UUID.randomUUID().toString(), ids.get(0), villages.get(0), "vneid", "LEVEL_1_ACTIVATED", "2024-10-01"));
        record(input(UUID.randomUUID().toString(), ids.get(0), villages.get(0), "vneid", "LEVEL_2_ACTIVATED", "2025-02-01"));
        Map<String, Object> back = input(UUID.randomUUID().toString(), ids.get(0), villages.get(0), "vneid", "LEVEL_1_ACTIVATED", "2025-03-01");
        back.put("kind", "STEP_BACK");
        assertThat(record(back).path("status").path("stage").asString()).isEqualTo("LEVEL_1_ACTIVATED");
        record(input(UUID.randomUUID().toString(), ids.get(1), villages.get(1), "vssid", "INSTALLED", "2025-01-15"));
        Map<String, Object> wrongYear = input(UUID.randomUUID().toString(), ids.get(1), villages.get(1), "vssid", "INSTALLED", "2025-01-15");
        wrongYear.put("birthYear", 1998);
        record(wrongYear);
        Map<String, Object> objector = input(UUID.randomUUID().toString(), ids.get(2), villages.get(2), "vneid", "LEVEL_1_ACTIVATED", "2025-01-20");
        objector.put("objectsToRecording", true);
        assertThat(record(objector).path("anonymous").asBoolean()).isTrue();
        // An officer looks a resident up, then the person objects.
        JsonNode found = post("query($id: String!) { resident(citizenId: $id) { id maskedCitizenId birthYear sex village { code }"
                + " statuses { stage service { code } } history { stage kind occurredOn } residences { from to village { code } } } }",
                Map.of("id", ids.get(0))).path("data").path("resident");
        assertThat(found.path("maskedCitizenId").asString()).isEqualTo("•••••••••987");
        assertThat(found.path("history").size()).isEqualTo(3);
        post("query($id: ID!) { node(id: $id) { ... on Resident { maskedCitizenId } } }", Map.of("id", found.path("id").asString()));
        post("mutation($in: RecordObjectionInput!) { recordObjection(input: $in) { erased userErrors { field code } } }",
                Map.of("in", Map.of("citizenId", ids.get(1), "objectedOn", "2025-06-01")));
        // The dashboard uploads a police list with a bad row.
        String csv = "citizen_id,village_code,occurred_on\n" + ids.get(3) + "," + villages.get(3) + ",2025-05-01\n"
                + ids.get(0) + ",99999.99,2025-05-01\n" + "0341" + ids.get(3).substring(4) + "x," + villages.get(3) + ",2025-05-01\n";
        JsonNode job = upload(csv, "service=vneid&stage=LEVEL_2_ACTIVATED&attr.verificationPlace=COMMUNE_POLICE");
        JsonNode done = awaitJob(job.path("id").asString());
        assertThat(done.path("state").asString()).isEqualTo("DONE");
        assertThat(done.path("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(done.path("rowsRejected").asInt()).isEqualTo(2);
        String report = get(done.path("rejectionReportUrl").asString());
        assertThat(report).contains("\n3,village_code,UNKNOWN_VILLAGE").contains("\n4,citizen_id,NOT_12_DIGITS");
        JsonNode check = post("{ adoptionCountCheck { exact rowsCompared } personDataAccessLog(first: 5) { totalCount nodes { actor action scope } } }",
                Map.of()).path("data");
        assertThat(check.path("adoptionCountCheck").path("exact").asBoolean()).isTrue();
        assertThat(check.path("personDataAccessLog").path("totalCount").asInt()).isGreaterThanOrEqualTo(2);

        List<String> places = new ArrayList<>(tableText());
        places.addAll(bodies);
        places.add(output.getAll());
        for (String id : ids) {
            assertThat(places).as("clear citizen ID").noneMatch(text -> text.contains(id) || text.contains(id.substring(0, 9)));
        }
        assertThat(output.getAll()).contains("import job");
    }

    @Test
    void an_upload_s_progress_is_readable_through_graphql_while_it_runs() throws Exception {
        StringBuilder csv = new StringBuilder("citizen_id,village_code,occurred_on\n");
        for (int n = 0; n < 20_000; n++) {
            int year = 1950 + n % 50;
            csv.append("035").append((year - 1900) / 100 * 2 + n % 2).append(String.format("%02d", year % 100))
                    .append(String.format("%06d", n)).append(',').append(villages.get(n % villages.size())).append(",2025-06-")
                    .append(String.format("%02d", 1 + n % 28)).append('\n');
        }
        String id = upload(csv.toString(), "service=vssid&stage=INSTALLED").path("id").asString();
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode job;
        do {
            Thread.sleep(30);
            job = post("query($id: ID!) { importJob(id: $id) { state rowsDone fractionDone rowsPerSecond etaSeconds } }", Map.of("id", id))
                    .path("data").path("importJob");
            seen.add(job);
        } while (!job.path("state").asString().equals("DONE") && System.nanoTime() < deadline);
        assertThat(job.path("rowsDone").asInt()).isEqualTo(20_000);
        // The command line imports through the same core call: the same file there is the same job, already done.
        java.nio.file.Path same = java.nio.file.Files.createTempFile("same-list-", ".csv");
        java.nio.file.Files.writeString(same, csv.toString());
        vn.caunoi.core.imports.ImportJob again = caunoi.imports().run(vn.caunoi.core.common.Actor.operator("cli:test"),
                new vn.caunoi.core.imports.ImportJobs.Request(vn.caunoi.core.imports.ImportJob.Kind.ADOPTION, same, "copy.csv",
                        Map.of("service", "vssid", "stage", "INSTALLED")), null);
        java.nio.file.Files.delete(same);
        assertThat(vn.caunoi.api.graphql.GlobalId.of("ImportJob", again.id())).isEqualTo(id);
        assertThat(again.state()).isEqualTo(vn.caunoi.core.imports.ImportJob.State.DONE);
        assertThat(again.rowsDone()).isEqualTo(20_000);
        assertThat(seen).as("a RUNNING job seen part-way, with its speed and time left")
                .anySatisfy(j -> {
                    assertThat(j.path("state").asString()).isEqualTo("RUNNING");
                    assertThat(j.path("rowsDone").asInt()).isBetween(1, 19_999);
                    assertThat(j.path("fractionDone").asDouble()).isBetween(0.0001, 0.9999);
                    assertThat(j.path("rowsPerSecond").asDouble()).isPositive();
                    assertThat(j.path("etaSeconds").isNumber()).isTrue();
                });
    }

    @Test
    void an_upload_with_bad_parameters_or_a_bad_job_id_is_a_client_error_naming_the_field() throws Exception {
        HttpResponse<String> bad = multipart("citizen_id,village_code\n", "service=nope&stage=X");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"parameters.service\"", "\"code\":\"UNKNOWN_SERVICE\"").doesNotContain("Exception");
        HttpResponse<String> kind = multipart("citizen_id,village_code\n", "kind=everything");
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(kind.body()).contains("\"field\":\"kind\"");
        HttpResponse<String> malformed = HTTP.send(request("/imports/not-an-id/rejections.csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"field\":\"id\"").doesNotContain("Exception");
        HttpResponse<String> unknown = HTTP.send(request("/imports/987654/rejections.csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    HttpResponse<String> multipart(String csv, String query) throws IOException, InterruptedException {
        String boundary = "caunoi-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"police-list.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return HTTP.send(request("/imports?" + query)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode upload(String csv, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = multipart(csv, query);
        bodies.add(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    JsonNode awaitJob(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode job;
        do {
            Thread.sleep(100);
            job = post("query($id: ID!) { importJob(id: $id) { state rowsDone rowsAccepted rowsRejected fractionDone rowsPerSecond"
                    + " rejectionReportUrl rejections(first: 5) { line column code reason } } }", Map.of("id", id)).path("data").path("importJob");
        } while (!job.path("state").asString().equals("DONE") && !job.path("state").asString().equals("FAILED") && System.nanoTime() < deadline);
        return job;
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    List<String> column(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    long count(String sql) {
        return Long.parseLong(column(sql).get(0));
    }

    /** Every row of every table of the database, as text. */
    List<String> tableText() {
        List<String> values = new ArrayList<>();
        for (String table : column("select tablename from pg_tables where schemaname = 'public'")) {
            values.addAll(column("select t::text from " + table + " t"));
        }
        return values;
    }
}
