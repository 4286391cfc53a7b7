package vn.caunoi.api.live;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.caunoi.api.ApiTest;
import vn.caunoi.api.security.StreamLimiter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions over server-sent events, as a dashboard uses them: an import's progress arrives in
 * order and the stream ends with the job; a unit's adopters arrive again when someone records one;
 * a caller outside the job or the unit's scope is refused; a client that leaves frees its stream.
 */
class LiveTest extends ApiTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    StreamLimiter streams;

    List<String> villages;

    @BeforeEach
    void villages() {
        villages = graphql("{ units(level: VILLAGE, under: \"12595\", first: 10) { nodes { code } } }").field("units.nodes")
                .toEntityList(Map.class).stream().map(m -> (String) m.get("code")).toList();
    }

    String upload(int rows, String service, String stage) throws Exception {
        StringBuilder csv = new StringBuilder("citizen_id,village_code,occurred_on\n");
        int salt = (int) (System.nanoTime() % 400_000);
        for (int n = 0; n < rows; n++) {
            int year = 1950 + n % 50;
            csv.append("036").append((year - 1900) / 100 * 2 + n % 2).append(String.format("%02d", year % 100))
                    .append(String.format("%06d", salt + n)).append(',').append(villages.get(n % villages.size())).append(",2025-06-")
                    .append(String.format("%02d", 1 + n % 28)).append('\n');
        }
        String boundary = "caunoi-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = HTTP.send(request("/imports?service=" + service + "&stage=" + stage)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Sse.JSON.readTree(r.body()).path("id").asString();
    }

    static final String PROGRESS = "subscription($id: ID!) { importJobProgress(id: $id) { id state rowsDone lastLine fractionDone rowsPerSecond etaSeconds } }";

    @Test
    void an_import_s_progress_arrives_in_order_and_the_stream_ends_with_done() throws Exception {
        // Imports run one at a time: the second waits behind the first, so its whole run is seen.
        upload(15_000, "epayment", "ACCOUNT_OPENED");
        String id = upload(15_000, "vssid", "INSTALLED");
        try (Sse sse = Sse.subscribe(base(), token(ADMIN), PROGRESS, Map.of("id", id))) {
            List<JsonNode> events = sse.untilComplete(Duration.ofSeconds(180));
            assertThat(events.get(events.size() - 1)).as("the stream completes").isSameAs(Sse.COMPLETE);
            List<JsonNode> jobs = events.subList(0, events.size() - 1).stream().map(e -> {
                assertThat(e.path("errors").isMissingNode()).as(e.toString()).isTrue();
                return e.path("data").path("importJobProgress");
            }).toList();
            assertThat(jobs.size()).as("progress while it ran, then the end: %s", jobs).isGreaterThanOrEqualTo(3);
            for (int i = 1; i < jobs.size(); i++) {
                assertThat(jobs.get(i).path("rowsDone").asInt()).as("in order").isGreaterThanOrEqualTo(jobs.get(i - 1).path("rowsDone").asInt());
                assertThat(jobs.get(i).path("lastLine").asInt()).isGreaterThanOrEqualTo(jobs.get(i - 1).path("lastLine").asInt());
            }
            assertThat(jobs.subList(0, jobs.size() - 1)).allSatisfy(j -> assertThat(j.path("state").asString()).isEqualTo("RUNNING"));
            assertThat(jobs).anySatisfy(j -> {
                assertThat(j.path("rowsDone").asInt()).isBetween(1, 14_999);
                assertThat(j.path("rowsPerSecond").asDouble()).isPositive();
                assertThat(j.path("etaSeconds").isNumber()).isTrue();
            });
            JsonNode last = jobs.get(jobs.size() - 1);
            assertThat(last.path("state").asString()).isEqualTo("DONE");
            assertThat(last.path("rowsDone").asInt()).isEqualTo(15_000);
            assertThat(last.path("id").asString()).isEqualTo(id);
        }
    }

    static final String RATE = "subscription($code: String!) { adoptionRate(code: $code, service: \"vneid\", stage: \"LEVEL_1_ACTIVATED\") {"
            + " unit { code } adopters eligible rate suppressed } }";

    @Test
    void a_unit_s_adopters_arrive_again_when_an_adoption_is_recorded_and_a_client_that_leaves_frees_its_stream() throws Exception {
        String village = villages.get(0);
        try (Sse sse = Sse.subscribe(base(), token("commune-officer"), RATE, Map.of("code", village))) {
            JsonNode first = sse.next(WAIT);
            assertThat(first.path("errors").isMissingNode()).as(first.toString()).isTrue();
            JsonNode rate = first.path("data").path("adoptionRate");
            assertThat(rate.path("unit").path("code").asString()).isEqualTo(village);
            assertThat(rate.path("suppressed").asBoolean()).as("the full figure, in her scope").isFalse();
            int before = rate.path("adopters").asInt();
            assertThat(streams.openStreams()).isEqualTo(1);

            String citizen = "0341850" + String.format("%05d", (int) (System.nanoTime() % 100_000));
            JsonNode recorded = client.document("mutation($in: RecordAdoptionInput!) { recordAdoption(input: $in) { userErrors { code } } }")
                    .variables(Map.of("in", Map.of("idempotencyKey", "live-" + UUID.randomUUID(), "citizenId", citizen, "village", village,
                            "service", "vneid", "stage", "LEVEL_1_ACTIVATED", "occurredOn", java.time.LocalDate.now().toString())))
                    .executeSync().field("recordAdoption.userErrors").toEntity(JsonNode.class);
            assertThat(recorded).isEmpty();
            JsonNode next = sse.next(WAIT);
            assertThat(next.path("data").path("adoptionRate").path("adopters").asInt()).isEqualTo(before + 1);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(streams.openStreams()).as("the stream of the client that left is closed").isZero();
    }

    @Test
    void a_subscription_outside_the_caller_s_scope_or_role_is_refused_and_the_stream_ends() throws Exception {
        String outside = graphql("{ units(level: VILLAGE, under: \"12916\", first: 1) { nodes { code } } }").field("units.nodes[0].code")
                .toEntity(String.class);
        try (Sse sse = Sse.subscribe(base(), token("commune-officer"), RATE, Map.of("code", outside))) {
            List<JsonNode> events = sse.untilComplete(WAIT);
            assertThat(events).hasSize(2);
            assertThat(events.get(0).path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
            assertThat(events.get(0).path("data").path("adoptionRate").isMissingNode() || events.get(0).path("data").isNull()
                    || events.get(0).path("data").path("adoptionRate").isNull()).isTrue();
        }
        try (Sse sse = Sse.subscribe(base(), null, RATE, Map.of("code", villages.get(0)))) {
            assertThat(sse.untilComplete(WAIT).get(0).path("errors").path(0).path("extensions").path("code").asString())
                    .as("the public").isEqualTo("UNAUTHENTICATED");
        }
        // A job another user started is not the officer's to follow (the query answers null).
        String job = upload(10, "vneid", "LEVEL_1_ACTIVATED");
        try (Sse sse = Sse.subscribe(base(), token("commune-officer"), PROGRESS, Map.of("id", job))) {
            JsonNode refused = sse.untilComplete(WAIT).get(0);
            assertThat(refused.path("errors").path(0).path("extensions").path("reason").asString()).as(refused.toString()).isEqualTo("UNKNOWN_JOB");
        }
        try (Sse sse = Sse.subscribe(base(), token("viewer"), PROGRESS, Map.of("id", job))) {
            assertThat(sse.untilComplete(WAIT).get(0).path("errors").path(0).path("extensions").path("code").asString())
                    .as("a viewer's role").isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void a_caller_holds_a_bounded_number_of_streams() throws Exception {
        String token = token("viewer");
        List<Sse> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Sse sse = Sse.subscribe(base(), token, RATE, Map.of("code", "33"));
                open.add(sse);
                assertThat(sse.next(WAIT).path("errors").isMissingNode()).isTrue();
            }
            try (Sse sixth = Sse.subscribe(base(), token, RATE, Map.of("code", "33"))) {
                assertThat(sixth.untilComplete(WAIT).get(0).path("errors").path(0).path("extensions").path("code").asString())
                        .isEqualTo("TOO_MANY_STREAMS");
            }
        } finally {
            open.forEach(Sse::close);
        }
    }
}
