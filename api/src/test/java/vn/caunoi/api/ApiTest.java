package vn.caunoi.api;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import vn.caunoi.core.CauNoi;
import vn.caunoi.testkit.TestDatabases;

import java.util.Map;

/**
 * Base of the API tests: the real server on a random port, over a real PostgreSQL database loaded
 * with the demo data, spoken to over HTTP like any client would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    private static final String DATABASE = TestDatabases.freshDatabaseUrl();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // The five first-party plugin jars the build copied beside the server jar.
        // Small import chunks, so that a test can watch an upload's progress through GraphQL.
        registry.add("caunoi.import-chunk-rows", () -> "500");
        registry.add("caunoi.plugins-dir", () -> java.nio.file.Path.of("target", "plugins").toAbsolutePath().toString());
        // Keys and uploads of the test servers stay in target/, never in the source tree.
        registry.add("caunoi.data-dir", () -> java.nio.file.Path.of("target", "test-data").toAbsolutePath().toString());
        // An administrator of the whole country: what the tests that are not about access act as.
        registry.add("caunoi.security.bootstrap-admin", () -> ADMIN);
        // Many tests share one server and one address: rates are tested on a server of their own.
        registry.add("caunoi.limits.mutations-per-minute", () -> "100000");
        registry.add("caunoi.limits.expensive-queries-per-minute", () -> "100000");
        registry.add("caunoi.limits.anonymous-expensive-queries-per-minute", () -> "100000");
        // Subscriptions read often and notice a client that left quickly, so their tests run in seconds.
        registry.add("caunoi.live.poll-interval", () -> "300ms");
        registry.add("spring.graphql.http.sse.keep-alive", () -> "1s");
    }

    /** The subject of the administrator of the whole country the test server creates. */
    protected static final String ADMIN = "test-admin";

    @LocalServerPort
    protected int port;

    @Autowired
    protected CauNoi caunoi;

    protected HttpSyncGraphQlClient client;

    @BeforeEach
    void client() {
        client = as(ADMIN);
    }

    /** A client signed in as the user with this subject (a development token from the server). */
    protected HttpSyncGraphQlClient as(String subject) {
        return HttpSyncGraphQlClient.create(RestClient.builder().baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("Authorization", "Bearer " + token(subject)).build());
    }

    /** A client that does not sign in: the public. */
    protected HttpSyncGraphQlClient anonymous() {
        return HttpSyncGraphQlClient.create(RestClient.create("http://localhost:" + port + "/graphql"));
    }

    /** A plain HTTP request to the server, signed in as the administrator. */
    protected java.net.http.HttpRequest.Builder request(String path) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path)).header("Authorization", "Bearer " + token(ADMIN));
    }

    /** A development token for the user with this subject. */
    @SuppressWarnings("unchecked")
    protected String token(String subject) {
        Map<String, Object> body = RestClient.create(base()).post().uri("/dev/token?user={u}", subject).retrieve().body(Map.class);
        return (String) body.get("access_token");
    }

    protected ClientGraphQlResponse graphql(String document) {
        return client.document(document).executeSync();
    }

    protected ClientGraphQlResponse graphql(String document, Map<String, Object> variables) {
        return client.document(document).variables(variables).executeSync();
    }

    protected String base() {
        return "http://localhost:" + port;
    }
}
