package vn.caunoi.api.operations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.caunoi.api.operations.JarRuns.JAR;
import static vn.caunoi.api.operations.JarRuns.LOGS;

/**
 * An external PostgreSQL (a separate server the test stops and starts) under the server jar: while
 * it is down, readiness is DOWN and requests are refused at once with {@code SERVICE_UNAVAILABLE};
 * when it is back, the pool serves again without a restart. Its log is asked for as JSON lines.
 */
class ExternalDatabaseIT {

    private static final String COUNT = ServerProcess.query("{ units(first: 0) { totalCount } }");

    @Test
    void an_external_database_that_stops_and_comes_back_is_failed_fast_and_recovered_through_the_pool() throws Exception {
        Path pgData = Files.createTempDirectory(Path.of("target"), "it-external-pg-");
        Path dataDir = Files.createTempDirectory(Path.of("target"), "it-external-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(pgData, port);
        try (ServerProcess server = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir, "--caunoi.demo-data=false",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--logging.structured.format.console=ecs")) {
            assertThat(server.graphql(COUNT)).contains("\"totalCount\":0");

            // when the database stops
            pg.close();
            JarRuns.await(15, () -> status(server, "/actuator/health/readiness") == 503, "readiness DOWN");
            long asked = System.nanoTime();
            HttpResponse<String> refused = JarRuns.post(server, COUNT);
            assertThat((System.nanoTime() - asked) / 1_000_000).as("refused at once").isLessThan(3000);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
            assertThat(server.get("/actuator/health")).contains("\"db\":{\"details\"").contains("\"status\":\"DOWN\"");

            // then it is served again when the database is back, without a restart
            pg = start(pgData, port);
            JarRuns.await(30, () -> status(server, "/actuator/health/readiness") == 200, "readiness UP");
            assertThat(server.graphql(COUNT)).contains("\"totalCount\":0");

            // and the operator's log said so, as JSON lines on request
            assertThat(server.log().lines().filter(l -> l.contains("the database is unavailable")).findFirst().orElseThrow())
                    .startsWith("{\"@timestamp\"").contains("\"level\":\"ERROR\"").endsWith("}");
            assertThat(server.log().lines().filter(l -> l.contains("the database answers again")).findFirst()).isPresent();
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int status(ServerProcess server, String path) {
        try {
            return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))).statusCode();
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }
}
