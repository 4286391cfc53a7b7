package vn.caunoi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The server jar started as a separate process, as a user starts it, on a free port; waits until
 * {@code /actuator/health} answers UP. Its output goes to a log file the test can read.
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code java -jar jar --server.port=<free> args…} and waits (up to two minutes) until it is healthy. */
    public static ServerProcess start(Path jar, Path logDirectory, String... args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath() + ": build the api module first (mvn verify)");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(logDirectory);
            Path log = Files.createTempFile(logDirectory, "server-", ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(process, port, log);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped while starting; log:\n" + log());
            }
            try {
                if (get("/actuator/health").contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("the server did not become healthy; log:\n" + log());
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Everything the server printed so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private volatile String token;

    /**
     * Signs in as the user with this subject: later requests carry a development token from the
     * server ({@code POST /dev/token}). Returns this server.
     */
    public ServerProcess signIn(String subject) {
        token = null;
        String body = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/dev/token?user=" + subject))
                .POST(HttpRequest.BodyPublishers.noBody())).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no development token for " + subject + ": " + body);
        }
        token = m.group(1);
        return this;
    }

    /** Later requests carry no token: they come from the public. Returns this server. */
    public ServerProcess signOut() {
        token = null;
        return this;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))).body();
    }

    /** Posts a GraphQL request body (JSON) to /graphql and returns the response body. */
    public String graphql(String jsonBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))).body();
    }

    /** A GraphQL request body for {@code query}, with no variables. */
    public static String query(String query) {
        String escaped = query.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n").replace("\t", " ");
        return "{\"query\":\"" + escaped + "\"}";
    }

    /** Kills the server's JVM (SIGKILL): no shutdown hook runs, as in a power cut. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server the way a service manager would (SIGTERM), and waits for it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
