package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import vn.caunoi.demo.DemoResidents;
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

    /** A GraphQL POST sent from a local address of our choosing (the loopback network is all ours), as raw HTTP/1.1. */
    String postFrom(String localAddress, String query) throws Exception {
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("query", query));
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void expensive_fields_cost_one_each_however_the_query_hides_them() throws Exception {
        String field = "adoptionRates(under: \"99\", groupBy: COMMUNE, service: \"vneid\") { rate }";
        // Inside an inline fragment: counted like a field at the root.
        assertThat(postFrom("127.0.0.2", "{ ... on Query { " + field + " } }")).contains("BAD_USER_INPUT");
        assertThat(postFrom("127.0.0.2", "{ ... on Query { " + field + " } }")).contains("BAD_USER_INPUT");
        assertThat(postFrom("127.0.0.2", "{ ... on Query { " + field + " } }")).contains("RATE_LIMITED");
        // Two aliases are two queries; then a named fragment is over the rate.
        assertThat(postFrom("127.0.0.3", "{ a: " + field + " b: " + field + " }")).contains("BAD_USER_INPUT").doesNotContain("RATE_LIMITED");
        assertThat(postFrom("127.0.0.3", "query { ...F } fragment F on Query { " + field + " }")).contains("RATE_LIMITED");
        assertThat(postFrom("127.0.0.4", "{ " + field + " }")).as("another address has its own allowance").contains("BAD_USER_INPUT");
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
