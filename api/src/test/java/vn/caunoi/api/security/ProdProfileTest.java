package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.caunoi.testkit.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The prod profile: no GraphiQL, no introspection, no development tokens, no demo data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
class ProdProfileTest {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        String database = TestDatabases.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("caunoi.plugins-dir", () -> Path.of("target", "plugins").toAbsolutePath().toString());
        registry.add("caunoi.data-dir", () -> Path.of("target", "test-data").toAbsolutePath().toString());
        registry.add("caunoi.security.bootstrap-admin", () -> "prod-admin");
    }

    @LocalServerPort
    int port;

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void graphiql_introspection_printed_schema_health_details_and_development_tokens_are_off_and_the_map_stays_public() throws Exception {
        assertThat(send(at("/graphiql")).statusCode()).isEqualTo(404);
        HttpResponse<String> token = send(at("/dev/token?user=prod-admin").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(token.statusCode()).isEqualTo(404);
        assertThat(token.body()).doesNotContain("access_token");
        HttpResponse<String> schema = send(at("/graphql").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __schema { queryType { name } } }\"}")));
        assertThat(schema.body()).contains("errors").doesNotContain("\"queryType\":{");
        assertThat(send(at("/graphql/schema")).statusCode()).as("the printed schema").isEqualTo(404);
        HttpResponse<String> health = send(at("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("plugins").doesNotContain("diskSpace");
        HttpResponse<String> units = send(at("/graphql").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ units(first: 0) { totalCount } }\"}")));
        assertThat(units.body()).as("no demo data").contains("\"totalCount\":0");
        HttpResponse<String> app = send(at("/app-config"));
        assertThat(app.body()).as("no issuer configured: the web apps show the public view")
                .contains("\"mode\":\"none\"").contains("\"demoUsers\":[]").contains("\"oidc\":null");
    }
}
