package vn.caunoi.api.soak;

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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak: the server jar started with a GC log, then N clients of mixed reads and writes for M
 * minutes, and per minute the requests, errors, latency percentiles, the live heap (after a full
 * GC the soak asks for at the end of each minute with {@code jcmd}) and the heap after young GCs. A
 * program to rerun, not a test (it is no part of {@code mvn verify}); JDK only, so it runs from its
 * source file:
 *
 * <pre>
 * mvn -q -DskipTests package
 * java api/src/test/java/vn/caunoi/api/soak/Soak.java --minutes 10 --clients 16
 * </pre>
 * Options: {@code --jar}, {@code --data-dir} (default: a new directory under {@code api/target}),
 * {@code --heap} (512m), {@code --writes} (share of writes, 0.3). Results in docs/benchmarks.md.
 */
public final class Soak {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern GC = Pattern.compile("^\\[([0-9.]+)s\\].*Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /** A full collection the soak asks for at the end of every minute: what it leaves is the live heap. */
    private static final Pattern FULL_GC = Pattern.compile(
            "^\\[([0-9.]+)s\\].*Pause Full \\((?:System.gc\\(\\)|Diagnostic Command)\\) (\\d+)M->(\\d+)M");

    private record Sample(long atNanos, long latencyNanos, String op, String error) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int minutes = Integer.parseInt(o.getOrDefault("minutes", "10"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        double writes = Double.parseDouble(o.getOrDefault("writes", "0.3"));
        Path jar = Path.of(o.getOrDefault("jar", "api/target/caunoi-api.jar"));
        Path dataDir = o.containsKey("data-dir") ? Path.of(o.get("data-dir"))
                : Files.createTempDirectory(Files.createDirectories(Path.of("api", "target")), "soak-");
        Path gcLog = dataDir.resolveSibling(dataDir.getFileName() + "-gc.log");
        Path serverLog = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://localhost:" + port;
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + o.getOrDefault("heap", "512m"), "-Xlog:gc:file=" + gcLog, "-jar", jar.toString(), "--server.port=" + port,
                "--caunoi.data-dir=" + dataDir, "--caunoi.management.token=soak",
                // The soak measures stability under load, not the per-caller rates that would refuse it.
                "--caunoi.limits.mutations-per-minute=10000000", "--caunoi.limits.expensive-queries-per-minute=10000000");
        System.out.printf("starting %s (data %s, GC log %s)%n", jar, dataDir, gcLog);
        long launched = System.nanoTime();
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        // Interrupted (Ctrl-C), the soak still stops the server it started.
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        try {
            while (!get(base + "/actuator/health/readiness").contains("\"UP\"")) {
                if (!server.isAlive() || System.nanoTime() - launched > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("the server did not start; see " + serverLog);
                }
                Thread.sleep(500);
            }
            String admin = token(base, "province-admin");
            List<String> villages = codes(post(base, admin, query("{ units(level: VILLAGE, under: \"33\", first: 500) { nodes { code } } }")));
            if (villages.isEmpty()) {
                throw new IllegalStateException("no villages in the demo data: start with a fresh --data-dir");
            }
            System.out.printf("ready after %.1f s; %d villages; %d clients for %d minutes, %.0f%% writes%n",
                    (System.nanoTime() - launched) / 1e9, villages.size(), clients, minutes, writes * 100);

            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            List<String> recorded = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger serial = new AtomicInteger();
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(minutes);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        double pick = r.nextDouble();
                        String op;
                        String body;
                        if (pick < writes) {
                            int n = serial.incrementAndGet();
                            String id = citizenId(n);
                            op = "recordAdoption";
                            body = "{\"query\":\"mutation($in: RecordAdoptionInput!) { recordAdoption(input: $in) { maskedCitizenId"
                                    + " status { stage } userErrors { code } } }\",\"variables\":{\"in\":{\"idempotencyKey\":\"soak-"
                                    + java.util.UUID.randomUUID() + "\",\"citizenId\":\"" + id + "\",\"village\":\""
                                    + villages.get(r.nextInt(villages.size())) + "\",\"service\":\"vssid\",\"stage\":\"INSTALLED\","
                                    + "\"occurredOn\":\"2025-" + String.format("%02d", 1 + r.nextInt(12)) + "-15\"}}}";
                            recorded.add(id);
                        } else if (pick < writes + 0.15 && !recorded.isEmpty()) {
                            op = "resident";
                            body = query("{ resident(citizenId: \"" + recorded.get(r.nextInt(recorded.size()))
                                    + "\") { maskedCitizenId statuses { stage } history { stage occurredOn } } }");
                        } else if (pick < writes + 0.35) {
                            op = "adoptionRates";
                            body = query("{ adoptionRates(under: \"33\", groupBy: COMMUNE, service: \"vssid\", period: \"2025\","
                                    + " orderBy: GAP_DESC) { unit { code } adopters eligible rate rank } }");
                        } else if (pick < writes + 0.5) {
                            op = "units";
                            body = query("{ units(level: COMMUNE, under: \"33\", first: 50) { totalCount nodes { code fullName"
                                    + " parent { fullName } } } }");
                        } else if (pick < writes + 0.6) {
                            op = "coverage";
                            body = query("{ coverage(code: \"34\", asOf: \"2024-12-03\") { communes communesWithTeam teams members } }");
                        } else {
                            op = "teams";
                            body = query("{ teams(under: \"12595\", first: 20) { totalCount nodes { name } } }");
                        }
                        long t0 = System.nanoTime();
                        String error;
                        try {
                            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            error = response.statusCode() != 200 ? "HTTP " + response.statusCode()
                                    : response.body().contains("\"errors\"") || response.body().contains("userErrors\":[{")
                                    ? code(response.body()) : null;
                        } catch (IOException | InterruptedException e) {
                            error = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        samples.add(new Sample(t1, t1 - t0, op, error));
                    }
                }, "soak-client-" + c);
                threads.add(t);
                t.start();
            }
            // At the end of every minute, a full GC in the server (jcmd GC.run): the heap it leaves is the live set.
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            for (int m = 1; m <= minutes; m++) {
                long wait = start + TimeUnit.MINUTES.toNanos(m) - System.nanoTime() - TimeUnit.SECONDS.toNanos(2);
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            }
            for (Thread t : threads) {
                t.join();
            }
            double launchToStart = (start - launched) / 1e9;
            report(samples, start, minutes, gcLog, launchToStart);
            String metrics = getWithToken(base + "/actuator/prometheus", "soak");
            metrics.lines().filter(l -> l.startsWith("hikaricp_connections_pending") || l.startsWith("hikaricp_connections_max")
                    || l.startsWith("caunoi_database_restarts_total")).forEach(l -> System.out.println("  " + l));
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static void report(ConcurrentLinkedQueue<Sample> samples, long start, int minutes, Path gcLog, double launchToStart)
            throws IOException {
        Map<Integer, List<Long>> latencies = new TreeMap<>();
        Map<Integer, Integer> errors = new TreeMap<>();
        Map<String, Integer> errorCodes = new TreeMap<>();
        Map<String, Integer> ops = new TreeMap<>();
        for (Sample s : samples) {
            int minute = (int) Math.min(minutes - 1, TimeUnit.NANOSECONDS.toMinutes(s.atNanos() - start));
            latencies.computeIfAbsent(minute, m -> new ArrayList<>()).add(s.latencyNanos());
            ops.merge(s.op(), 1, Integer::sum);
            if (s.error() != null) {
                errors.merge(minute, 1, Integer::sum);
                errorCodes.merge(s.op() + " " + s.error(), 1, Integer::sum);
            }
        }
        Map<Integer, List<double[]>> heap = new TreeMap<>();
        Map<Integer, Double> live = new TreeMap<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher full = FULL_GC.matcher(line);
            if (full.find()) {
                double at = Double.parseDouble(full.group(1)) - launchToStart;
                if (at >= 0) {
                    live.put((int) Math.min(minutes - 1, at / 60), Double.parseDouble(full.group(3)));
                }
                continue;
            }
            Matcher m = GC.matcher(line);
            if (m.find()) {
                double at = Double.parseDouble(m.group(1)) - launchToStart;
                if (at >= 0) {
                    int minute = (int) Math.min(minutes - 1, at / 60);
                    heap.computeIfAbsent(minute, k -> new ArrayList<>()).add(new double[] {Double.parseDouble(m.group(3)),
                            Double.parseDouble(m.group(4))});
                }
            }
        }
        System.out.println();
        System.out.println("minute | requests |  req/s | errors |  p50 ms |  p99 ms |  max ms | live heap MB | heap after young GCs MB (min / median / max)");
        long total = 0;
        int totalErrors = 0;
        for (int m = 0; m < minutes; m++) {
            List<Long> l = latencies.getOrDefault(m, new ArrayList<>());
            Collections.sort(l);
            List<double[]> h = heap.getOrDefault(m, List.of());
            List<Double> after = h.stream().map(x -> x[0]).sorted().toList();
            total += l.size();
            totalErrors += errors.getOrDefault(m, 0);
            System.out.printf(Locale.ROOT, "%6d | %8d | %6.1f | %6d | %7.1f | %7.1f | %7.1f | %12s | %s%n", m + 1, l.size(), l.size() / 60.0,
                    errors.getOrDefault(m, 0), pct(l, 0.50), pct(l, 0.99), l.isEmpty() ? 0 : l.get(l.size() - 1) / 1e6,
                    live.containsKey(m) ? String.format(Locale.ROOT, "%.0f", live.get(m)) : "-",
                    after.isEmpty() ? "no GC" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f (%d GCs)", after.get(0),
                            after.get(after.size() / 2), after.get(after.size() - 1), after.size()));
        }
        System.out.printf(Locale.ROOT, "%nall: %,d requests, %.1f req/s, %d errors %s%nby operation: %s%n", total,
                total / (minutes * 60.0), totalErrors, errorCodes, ops);
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /** A valid, made-up citizen ID of Thái Bình (034), unique per {@code n}; the demo's own IDs use other serials. */
    static String citizenId(int n) {
        int year = 1950 + n % 60;
        return "034" + ((year - 1900) / 100 * 2 + n % 2) + String.format("%02d", year % 100) + String.format("%06d", 700_000 + n % 300_000);
    }

    private static String code(String body) {
        Matcher m = Pattern.compile("\"code\":\"([A-Z_]+)\"").matcher(body);
        return m.find() ? m.group(1) : "error";
    }

    private static String query(String q) {
        return "{\"query\":\"" + q.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static List<String> codes(String json) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("\"code\":\"([0-9.]+)\"").matcher(json);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static String token(String base, String user) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/dev/token?user=" + user)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token: " + body);
        }
        return m.group(1);
    }

    private static String post(String base, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException notYet) {
            return "";
        }
    }

    private static String getWithToken(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new ConcurrentHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length
                    || !java.util.Set.of("--minutes", "--clients", "--writes", "--jar", "--data-dir", "--heap").contains(args[i])) {
                throw new IllegalArgumentException("options: --minutes N --clients N --writes 0.3 --jar FILE --data-dir DIR --heap 512m"
                        + " (not " + args[i] + ")");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
