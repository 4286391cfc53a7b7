package vn.caunoi.api;

import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executable jar as a user runs it: {@code java -jar caunoi-api.jar --server.port=N}, with no
 * database configured, so it starts its own PostgreSQL whose data survives a restart, and with the
 * five plugins in {@code plugins/} beside it.
 */
class ServerJarIT {

    private static final Path JAR = Path.of("target", "caunoi-api.jar");
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final String COMMUNES_OF_HUNG_YEN = ServerProcess.query("{ units(level: COMMUNE, under: \"33\", first: 0) { totalCount } }");

    @Test
    void starts_its_own_postgresql_with_demo_data_and_plugins_serves_graphql_graphiql_and_health_and_keeps_data_across_restarts() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "it-data-");
        try (ServerProcess first = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir)) {
            assertThat(first.get("/actuator/health")).contains("\"status\":\"UP\"").contains("PostgreSQL").contains("\"vneid\":\"STARTED\"");
            assertThat(first.graphql(COMMUNES_OF_HUNG_YEN)).contains("\"totalCount\":104");
            assertThat(first.graphql(ServerProcess.query("{ digitalServices { code } }")))
                    .contains("\"vneid\"", "\"vssid\"", "\"epayment\"", "\"public-services\"", "\"ecommerce\"");
            HttpResponse<String> graphiql = first.send(HttpRequest.newBuilder(URI.create(first.baseUrl() + "/graphiql")));
            assertThat(graphiql.statusCode()).isEqualTo(302);
            assertThat(graphiql.headers().firstValue("Location").orElseThrow()).endsWith("/graphiql/index.html");
            assertThat(first.get("/graphiql/index.html")).contains("Cầu Nối — GraphiQL").contains("graphiql.min.js");
            assertThat(first.get("/graphiql/graphiql.min.js")).hasSizeGreaterThan(100_000);
            assertThat(first.log()).contains("Cầu Nối is ready", "/graphiql", "demo data loaded", "initialised");
        }
        try (ServerProcess again = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir)) {
            assertThat(again.log()).contains("reopened").doesNotContain("demo data loaded");
            assertThat(again.graphql(COMMUNES_OF_HUNG_YEN)).contains("\"totalCount\":104");
        }
    }

    @Test
    void without_demo_data_the_hierarchy_starts_empty() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "it-data-");
        try (ServerProcess server = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir, "--caunoi.demo-data=false")) {
            assertThat(server.graphql(ServerProcess.query("{ units(first: 0) { totalCount } }"))).contains("\"totalCount\":0");
            assertThat(server.log()).doesNotContain("demo data loaded");
        }
    }
}
