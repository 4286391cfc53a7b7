package vn.caunoi.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executable jar as a user runs it: {@code java -jar caunoi-api.jar --server.port=N}, with no
 * database configured, so it starts its own PostgreSQL whose data survives a restart.
 */
class ServerJarIT {

    private static final Path JAR = Path.of("target", "caunoi-api.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> running = new ArrayList<>();

    record Server(Process process, int port, Path log) {
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : running) {
            stop(p);
        }
    }

    @Test
    void starts_its_own_postgresql_with_demo_data_serves_graphql_graphiql_and_health_and_keeps_data_across_restarts() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "it-data-");
        Server first = start(dataDir, "--caunoi.demo-data=true");
        assertThat(get(first, "/actuator/health")).contains("\"status\":\"UP\"").contains("PostgreSQL");
        assertThat(post(first, "{ units(level: COMMUNE, under: \\\"33\\\", first: 0) { totalCount } }")).contains("\"totalCount\":104");
        HttpResponse<String> graphiql = http.send(HttpRequest.newBuilder(URI.create(base(first) + "/graphiql")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphiql.statusCode()).isEqualTo(302);
        assertThat(graphiql.headers().firstValue("Location").orElseThrow()).endsWith("/graphiql/index.html");
        assertThat(get(first, "/graphiql/index.html")).contains("Cầu Nối — GraphiQL").contains("graphiql.min.js");
        assertThat(get(first, "/graphiql/graphiql.min.js")).hasSizeGreaterThan(100_000);
        assertThat(Files.readString(first.log())).contains("Cầu Nối is ready", "/graphiql", "demo data loaded", "initialised");
        stop(first.process());

        Server again = start(dataDir, "--caunoi.demo-data=true");
        String log = Files.readString(again.log());
        assertThat(log).contains("reopened").doesNotContain("demo data loaded");
        assertThat(post(again, "{ units(level: COMMUNE, under: \\\"33\\\", first: 0) { totalCount } }")).contains("\"totalCount\":104");
    }

    @Test
    void without_demo_data_the_hierarchy_starts_empty() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "it-data-");
        Server server = start(dataDir, "--caunoi.demo-data=false");
        assertThat(post(server, "{ units(first: 0) { totalCount } }")).contains("\"totalCount\":0");
        assertThat(Files.readString(server.log())).doesNotContain("demo data loaded");
    }

    private Server start(Path dataDir, String... extra) throws IOException, InterruptedException {
        assertThat(JAR).as("the server jar is built before integration tests").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile(Path.of("target"), "it-server-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", JAR.toString(), "--server.port=" + port, "--caunoi.data-dir=" + dataDir));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running.add(process);
        Server server = new Server(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process alive; log:%n%s", Files.readString(log)).isTrue();
            try {
                if (get(server, "/actuator/health").contains("\"status\":\"UP\"")) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server did not become healthy; log:\n" + Files.readString(log));
    }

    private void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static String base(Server server) {
        return "http://localhost:" + server.port();
    }

    private String get(Server server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base(server) + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(Server server, String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(server) + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}"))
                .timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
