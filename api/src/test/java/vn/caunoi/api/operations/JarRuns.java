package vn.caunoi.api.operations;

import vn.caunoi.testkit.ServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the operations tests share: the jar run as a command, and a client that keeps recording adoption. */
final class JarRuns {

    static final Path JAR = Path.of("target", "caunoi-api.jar");
    static final Path LOGS = Path.of("target", "it-logs");

    private JarRuns() {
    }

    /** A finished command: its exit code and everything it printed. */
    record Run(int exitCode, String output) {
    }

    /** Runs {@code java -jar caunoi-api.jar args…} to its end (at most {@code seconds}). */
    static Run run(int seconds, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-jar", JAR.toString()));
            command.addAll(List.of(args));
            Files.createDirectories(LOGS);
            Path out = Files.createTempFile(LOGS, "command-", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("java -jar " + String.join(" ", args) + " did not end within " + seconds + " s:\n"
                        + Files.readString(out));
            }
            return new Run(p.exitValue(), Files.readString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Village codes of Xã Ngự Thiên (12595) in the demo data. */
    static List<String> villages(ServerProcess server) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("\"code\":\"([0-9.]+)\"").matcher(server.graphql(ServerProcess.query(
                "{ units(level: VILLAGE, under: \"12595\", first: 20) { nodes { code } } }")));
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** A valid citizen ID of Thái Bình (034) born in 1950–2009, unique per {@code n}. */
    static String citizenId(int n) {
        int year = 1950 + n % 60;
        return "034" + ((year - 1900) / 100 * 2 + n % 2) + String.format("%02d", year % 100) + String.format("%06d", 500_000 + n);
    }

    static String recordAdoption(String key, String citizenId, String village) {
        return "{\"query\":\"mutation($in: RecordAdoptionInput!) { recordAdoption(input: $in) { maskedCitizenId replayed"
                + " status { stage } userErrors { code } } }\",\"variables\":{\"in\":{\"idempotencyKey\":\"" + key + "\",\"citizenId\":\""
                + citizenId + "\",\"village\":\"" + village + "\",\"service\":\"vssid\",\"stage\":\"INSTALLED\",\"occurredOn\":\"2025-03-02\"}}}";
    }

    static HttpResponse<String> post(ServerProcess server, String body) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/graphql")).header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Records adoption continuously, one citizen per mutation, and remembers which the server
     * acknowledged (answered with a status) and which it refused or failed.
     */
    static final class Recorder implements AutoCloseable {
        /** Request bodies by citizen ID: what the server acknowledged, and what it did not. */
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final Map<String, String> notAcknowledged = new ConcurrentHashMap<>();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger next;
        private final Thread thread;

        Recorder(ServerProcess server, List<String> villages, int firstCitizen) {
            next = new AtomicInteger(firstCitizen);
            thread = new Thread(() -> {
                while (running.get()) {
                    int n = next.getAndIncrement();
                    String key = "it-" + UUID.randomUUID();
                    String id = citizenId(n);
                    String body = recordAdoption(key, id, villages.get(n % villages.size()));
                    try {
                        HttpResponse<String> r = post(server, body);
                        if (r.statusCode() == 200 && r.body().contains("\"stage\":\"INSTALLED\"")) {
                            acknowledged.put(id, body);
                        } else {
                            notAcknowledged.put(id, body);
                            failures.merge(code(r.body()) + " HTTP " + r.statusCode(), 1, Integer::sum);
                            Thread.sleep(100);
                        }
                    } catch (RuntimeException | InterruptedException e) {
                        notAcknowledged.put(id, body);
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
            }, "it-recorder");
            thread.start();
        }

        int acknowledgedCount() {
            return acknowledged.size();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(60_000);
        }
    }

    static String code(String body) {
        Matcher m = Pattern.compile("\"code\":\"([A-Z_]+)\"").matcher(body);
        return m.find() ? m.group(1) : "no code";
    }

    /** Waits until {@code check} holds (polling every 200 ms), at most {@code seconds}; returns the milliseconds it took. */
    static long await(int seconds, java.util.function.BooleanSupplier check, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(seconds)) {
                throw new AssertionError(what + " did not happen within " + seconds + " s");
            }
            Thread.sleep(200);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    }
}
