package vn.caunoi.api.database;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import vn.caunoi.api.ApiTest;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose pooled connections (two) are taken: a GraphQL request waits for it only until its
 * deadline and ends as {@code TIMEOUT} (its own classification), and health answers at once,
 * because it never queues behind the requests' pool.
 */
@TestPropertySource(properties = {"caunoi.database.pool-size=2", "caunoi.limits.timeout=2s"})
class FullPoolTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Test
    void a_request_behind_a_full_pool_times_out_at_its_deadline_and_health_still_answers_at_once() throws Exception {
        String token = token(ADMIN);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest me = HttpRequest.newBuilder(URI.create(base() + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { role } }\"}")).build();
        assertThat(http.send(me, HttpResponse.BodyHandlers.ofString()).body()).contains("PROVINCE_ADMIN");
        try (Connection taken = dataSource.getConnection(); Connection alsoTaken = dataSource.getConnection()) {
            // the public: the field waits for a connection, and GraphQL answers TIMEOUT
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ units(first: 1) { totalCount } }\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.body()).contains("\"code\":\"TIMEOUT\"", "\"classification\":\"TIMEOUT\"").doesNotContain("BAD_REQUEST");
            assertThat(millis).as("the 2 s deadline, not the 30 s pool timeout").isBetween(1500L, 8000L);

            // signed in: her role and scope, read on her previous request, are remembered and need no connection
            assertThat(http.send(me, HttpResponse.BodyHandlers.ofString()).body()).contains("PROVINCE_ADMIN").doesNotContain("errors");
            // what needs the database waits for a connection, and ends as TIMEOUT, never a bare 500
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ teams(under: \\\"34\\\", first: 1) { nodes { name } } }\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.body()).contains("\"code\":\"TIMEOUT\"");

            long asked = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - asked) / 1_000_000).as("health does not wait for the pool").isLessThan(1000L);
        }
    }
}
