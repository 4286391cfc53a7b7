package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import vn.caunoi.core.demo.DemoResidents;
import vn.caunoi.testkit.TestDatabases;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rates per caller, on a server of its own with low limits: over the rate, a clear error; other callers go on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        String database = TestDatabases.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("caunoi.demo-data", () -> "false");
        registry.add("caunoi.plugins-dir", () -> Path.of("target", "plugins").toAbsolutePath().toString());
        registry.add("caunoi.data-dir", () -> Path.of("target", "test-data").toAbsolutePath().toString());
        registry.add("caunoi.security.bootstrap-admin", () -> "rate-admin");
        registry.add("caunoi.limits.mutations-per-minute", () -> "3");
        registry.add("caunoi.limits.anonymous-expensive-queries-per-minute", () -> "2");
    }

    @LocalServerPort
    int port;

    @SuppressWarnings("unchecked")
    HttpSyncGraphQlClient admin() {
        String token = (String) RestClient.create("http://localhost:" + port).post().uri("/dev/token?user=rate-admin").retrieve()
                .body(Map.class).get("access_token");
        return HttpSyncGraphQlClient.create(RestClient.builder().baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("Authorization", "Bearer " + token).build());
    }

    static String code(ClientGraphQlResponse r) {
        return r.getErrors().isEmpty() ? "OK" : String.valueOf(r.getErrors().get(0).getExtensions().get("code"));
    }

    @Test
    void changes_beyond_the_rate_are_refused_with_the_time_to_wait_and_others_go_on() {
        HttpSyncGraphQlClient admin = admin();
        String objection = "mutation($id: String!) { recordObjection(input: { citizenId: $id, objectedOn: \"2026-07-01\" }) { erased } }";
        for (int i = 1; i <= 3; i++) {
            assertThat(code(admin.document(objection).variables(Map.of("id", DemoResidents.citizenId(900_000 + i, 1980, false))).executeSync()))
                    .isEqualTo("OK");
        }
        ClientGraphQlResponse limited = admin.document(objection).variables(Map.of("id", DemoResidents.citizenId(900_009, 1980, false))).executeSync();
        assertThat(code(limited)).isEqualTo("RATE_LIMITED");
        assertThat(((Number) limited.getErrors().get(0).getExtensions().get("retryAfterSeconds")).longValue()).isBetween(1L, 60L);
        assertThat(limited.getErrors().get(0).getMessage()).contains("try again in");
        assertThat(code(admin.document("{ me { role } }").executeSync())).as("cheap reads are not limited").isEqualTo("OK");
        HttpSyncGraphQlClient anonymous = HttpSyncGraphQlClient.create(RestClient.create("http://localhost:" + port + "/graphql"));
        assertThat(code(anonymous.document(objection).variables(Map.of("id", DemoResidents.citizenId(900_010, 1980, false))).executeSync()))
                .as("another caller has her own allowance").isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void the_public_s_expensive_queries_are_limited_by_address() {
        HttpSyncGraphQlClient anonymous = HttpSyncGraphQlClient.create(RestClient.create("http://localhost:" + port + "/graphql"));
        String rates = "{ adoptionRates(under: \"99\", groupBy: COMMUNE, service: \"vneid\") { rate } }";
        assertThat(code(anonymous.document(rates).executeSync())).isEqualTo("BAD_USER_INPUT");
        assertThat(code(anonymous.document(rates).executeSync())).isEqualTo("BAD_USER_INPUT");
        assertThat(code(anonymous.document(rates).executeSync())).isEqualTo("RATE_LIMITED");
        assertThat(code(anonymous.document("{ digitalServices { code } }").executeSync())).isEqualTo("OK");
        assertThat(code(admin().document(rates).executeSync())).as("a signed-in user is not the address").isEqualTo("BAD_USER_INPUT");
    }
}
