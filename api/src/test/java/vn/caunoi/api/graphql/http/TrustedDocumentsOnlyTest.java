package vn.caunoi.api.graphql.http;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.testkit.TestDatabases;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod profile set to run only registered documents for the public
 * ({@code caunoi.trusted-documents.required-for=PUBLIC}): an anonymous client runs the documents of
 * the directory by their hash (or their exact text) and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
class TrustedDocumentsOnlyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String UNITS = "query Provinces {\n  units(level: PROVINCE, first: 5) { totalCount }\n}\n";
    static final String SERVICES = "query Services { digitalServices { code } }";

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) throws Exception {
        String database = TestDatabases.freshDatabaseUrl();
        Path documents = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "trusted-");
        Files.writeString(documents.resolve("provinces.graphql"), UNITS);
        // A manifest as graphql-codegen's client preset writes it: hash → document.
        Files.writeString(documents.resolve("persisted-documents.json"),
                JSON.writeValueAsString(Map.of(TrustedDocuments.sha256(SERVICES), SERVICES)));
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("caunoi.plugins-dir", () -> Path.of("target", "plugins").toAbsolutePath().toString());
        registry.add("caunoi.data-dir", () -> Path.of("target", "test-data").toAbsolutePath().toString());
        registry.add("caunoi.security.bootstrap-admin", () -> "prod-admin");
        registry.add("caunoi.trusted-documents.directory", documents::toString);
        registry.add("caunoi.trusted-documents.required-for", () -> "PUBLIC");
    }

    @LocalServerPort
    int port;

    /**
     * The prod profile turns introspection off for the whole JVM (Spring Boot calls graphql-java's
     * Introspection.enabledJvmWide(false)); the other test servers of this JVM need it back.
     */
    @org.junit.jupiter.api.AfterAll
    static void introspectionBackForTheOtherTestServers() {
        graphql.introspection.Introspection.enabledJvmWide(true);
    }

    JsonNode post(Map<String, Object> body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static String code(JsonNode response) {
        return response.path("errors").path(0).path("extensions").path("code").asString();
    }

    @Test
    void registered_documents_run_by_hash_and_anything_else_is_refused_with_its_code() throws Exception {
        String hash = TrustedDocuments.sha256(UNITS);
        JsonNode byHash = post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))));
        assertThat(byHash.path("errors").isMissingNode()).as(byHash.toString()).isTrue();
        assertThat(byHash.path("data").path("units").has("totalCount")).isTrue();
        JsonNode fromManifest = post(Map.of("documentId", "sha256:" + TrustedDocuments.sha256(SERVICES)));
        assertThat(fromManifest.path("data").path("digitalServices").isArray()).as(fromManifest.toString()).isTrue();
        HttpResponse<String> byGet = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?documentId="
                + URLEncoder.encode("sha256:" + hash, StandardCharsets.UTF_8))).header("Accept", "application/graphql-response+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byGet.statusCode()).isEqualTo(200);
        assertThat(byGet.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");

        // The exact registered text is the registered document too.
        assertThat(post(Map.of("query", UNITS)).path("data").path("units").has("totalCount")).isTrue();

        JsonNode freeText = post(Map.of("query", "{ units(level: COMMUNE, first: 500) { nodes { code name } } }"));
        assertThat(code(freeText)).isEqualTo("PERSISTED_QUERY_REQUIRED");
        assertThat(freeText.path("data").isMissingNode()).isTrue();
        HttpResponse<String> freeTextModern = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(freeTextModern.statusCode()).isEqualTo(400);

        JsonNode unknown = post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "0".repeat(64)))));
        assertThat(code(unknown)).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        // A client cannot register a document of its own by sending it with its hash.
        String own = "{ units(level: VILLAGE, first: 500) { totalCount } }";
        Map<String, Object> register = Map.of("query", own, "extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", TrustedDocuments.sha256(own))));
        assertThat(code(post(register))).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(code(post(Map.of("extensions", register.get("extensions"))))).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }
}
