package vn.caunoi.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Cầu Nối against PostGraphile 4.14.1 on the same embedded PostgreSQL and the same demo data, and
 * each query against its best single SQL statement (docs/benchmarks.md, "Cầu Nối vs PostGraphile").
 * A program, not a test: JDK only, so it runs from its source file, and loads PostgreSQL's JDBC
 * driver from the server jar it measures (no build step, and an older jar can be measured the same
 * way):
 *
 * <pre>
 * java core/benchmarks/src/main/java/vn/caunoi/benchmarks/PeerBenchmark.java [--jar api/target/caunoi-api.jar]
 * </pre>
 *
 * Options: {@code --jar}, {@code --plugins DIR} (default: {@code plugins/} beside the jar, else the
 * reactor's {@code plugins/*}{@code /target/caunoi-plugin-*.jar}), {@code --rounds 6},
 * {@code --seconds 10}, {@code --warmup 3}, {@code --clients 1,16}, {@code --queries a,b,c,d},
 * {@code --heap 512m}, {@code --java-options "…"} (the server's other JVM options), {@code --period YYYY-MM} (default: last month), {@code --data-dir},
 * {@code --postgraphile-dir} (npm cache, default {@code ~/.cache/caunoi-benchmarks/postgraphile-4.14.1}),
 * {@code --no-postgraphile}, {@code --no-statement-counts}; {@code --rounds 0} checks the answers and counts the
 * statements per request only.
 */
public final class PeerBenchmark {

    static final String POSTGRAPHILE_VERSION = "4.14.1";
    static final String CAUNOI = "Cầu Nối";
    static final String POSTGRAPHILE = "PostGraphile";
    static final String SQL = "best SQL";

    /** One way to run a query: a GraphQL body for a server, or a statement for JDBC; a check of one answer. */
    record Target(String name, String body, String sql, Function<String, String> check) {
    }

    record Query(String key, String title, List<Target> targets) {
    }

    /** The medians over rounds of one target at one client count. */
    record Result(double rps, double p50, double p99, long errors, long requests) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path jar = Path.of(o.getOrDefault("jar", "api/target/caunoi-api.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("no server jar at " + jar + ": build it (mvn -o -DskipTests package) or give --jar");
        }
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "6"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + o.getOrDefault("heap", "512m")));
        jvm.addAll(Arrays.stream(o.getOrDefault("java-options", "").trim().split("\\s+")).filter(x -> !x.isEmpty()).toList());
        int[] clientCounts = Arrays.stream(o.getOrDefault("clients", "1,16").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        List<String> wanted = List.of(o.getOrDefault("queries", "a,b,c,d").split(","));
        LocalDate lastMonth = LocalDate.now().withDayOfMonth(1).minusMonths(1);
        String period = o.getOrDefault("period", lastMonth.format(DateTimeFormatter.ofPattern("yyyy-MM")));
        Path work = Path.of(o.getOrDefault("data-dir", "core/benchmarks/target/peer-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath().normalize();
        if (Files.exists(work.resolve("data"))) {
            fail(work + " already holds a data directory: the benchmark needs a fresh one");
        }
        Files.createDirectories(work);
        Path plugins = pluginsDirectory(o.get("plugins"), jar, work);

        System.out.printf("Cầu Nối vs PostGraphile %s — %s%n", POSTGRAPHILE_VERSION, LocalDateTime.now().withNano(0));
        System.out.printf("machine: %d cores, load average %s; Java %s%n", Runtime.getRuntime().availableProcessors(), loadAverage(),
                System.getProperty("java.version"));
        System.out.printf("jar %s (java %s), plugins %s, work directory %s%n", jar, String.join(" ", jvm), plugins, work);
        System.out.printf("%d rounds × %d s per target (warm-up %d s), clients %s, period %s%n", rounds, seconds, warmup,
                Arrays.toString(clientCounts), period);

        List<Process> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(PeerBenchmark::stop)));
        Path data = work.resolve("data");
        Server server = Server.start(jar, plugins, data, work.resolve("server.log"), jvm, started);
        boolean statementCounts = !o.containsKey("no-statement-counts");
        if (statementCounts) {
            // pg_stat_statements has to be loaded when PostgreSQL starts: set it once, then restart the
            // server on the same data directory (its PostgreSQL reads postgresql.auto.conf).
            try (Connection c = server.connect()) {
                execute(c, "alter system set shared_preload_libraries = 'pg_stat_statements'");
            }
            stop(server.process);
            started.remove(server.process);
            server = Server.start(jar, plugins, data, work.resolve("server-2.log"), jvm, started);
            try (Connection c = server.connect()) {
                execute(c, "create extension if not exists pg_stat_statements");
            }
        }
        System.out.printf("server ready on port %d, its PostgreSQL on port %d (%s)%n", server.httpPort, server.pgPort, server.pgVersion());

        String postgraphile = null;
        if (!o.containsKey("no-postgraphile")) {
            Path cache = Path.of(o.getOrDefault("postgraphile-dir",
                    System.getProperty("user.home") + "/.cache/caunoi-benchmarks/postgraphile-" + POSTGRAPHILE_VERSION));
            postgraphile = startPostGraphile(cache, server.pgPort, work.resolve("postgraphile.log"), started);
        }
        if (postgraphile == null) {
            System.out.println("PostGraphile: not measured (see above); the rest runs without it");
        }

        String token = server.token("province-admin");
        List<Query> queries = queries(server, postgraphile, token, period, wanted);

        // Every answer is checked once before any timing: a wrong or failing query is not measured.
        for (Query q : queries) {
            for (Target t : q.targets()) {
                String answer = t.sql() != null ? server.sqlAnswer(t.sql()) : post(client(), server.url(t, postgraphile), t.body(),
                        t.name().equals(CAUNOI) ? token : null);
                String problem = t.check().apply(answer);
                if (problem != null) {
                    // Only the counts and the error codes: the answer itself holds members' names.
                    fail("(" + q.key() + ") " + t.name() + " answered wrongly: " + problem + errorCodes(answer));
                }
                if (q.key().equals("d")) {
                    // The statement is only a limit if it computes the same figures.
                    System.out.printf("  (d) %s: adopters %d, eligible %d in all%n", t.name(), sum(answer, "adopters"), sum(answer, "eligible"));
                }
            }
        }
        System.out.println("answers checked: " + queries.size() + " queries");

        Map<String, double[]> perRequest = new LinkedHashMap<>();
        if (statementCounts) {
            for (Query q : queries) {
                for (Target t : q.targets()) {
                    if (t.sql() == null) {
                        perRequest.put(q.key() + " " + t.name(), server.countPerRequest(t, postgraphile, token));
                    }
                }
            }
        }

        Map<String, Result> results = new LinkedHashMap<>();
        // --rounds 0: the answers' checks and the counts per request only.
        for (int clients : rounds == 0 ? new int[0] : clientCounts) {
            for (Query q : queries) {
                for (Target t : q.targets()) {
                    measure(server, t, postgraphile, token, clients, warmup, false);
                }
                Map<Target, List<Result>> byTarget = new LinkedHashMap<>();
                for (int r = 0; r < rounds; r++) {
                    // Alternating targets round by round: a drift of the machine (another build, the
                    // JIT, a checkpoint) falls on all of them alike.
                    for (Target t : q.targets()) {
                        byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(measure(server, t, postgraphile, token, clients, seconds, true));
                    }
                }
                for (Map.Entry<Target, List<Result>> e : byTarget.entrySet()) {
                    results.put(q.key() + "|" + clients + "|" + e.getKey().name(), median(e.getValue()));
                }
                System.out.printf("  measured (%s) at %d client(s); load average %s%n", q.key(), clients, loadAverage());
            }
        }
        print(queries, rounds == 0 ? new int[0] : clientCounts, results, perRequest, rounds, seconds);
        System.out.printf("load average at the end: %s%n", loadAverage());
        started.forEach(PeerBenchmark::stop);
        started.clear();
    }

    // ---------------------------------------------------------------------------------------------
    // The queries

    static List<Query> queries(Server server, String postgraphile, String token, String period, List<String> wanted) throws SQLException {
        List<Query> list = new ArrayList<>();
        String province = "33";
        if (wanted.contains("a")) {
            // The province administrator's first 100 teams of the province on today's map are its commune
            // teams by name (the demo's order); PostGraphile and the SQL read the same 100 teams.
            List<Target> t = new ArrayList<>();
            t.add(new Target(CAUNOI, json("{ teams(under: \"" + province + "\", first: 100) { nodes { name memberships { member { fullName } } } } }"),
                    null, counts(100, "\"name\"", 1000, "\"fullName\"")));
            if (postgraphile != null) {
                t.add(new Target(POSTGRAPHILE, json("{ allTeams(first: 100, condition: {level: \"COMMUNE\", dissolvedOn: null}, orderBy: NAME_ASC)"
                        + " { nodes { name membershipsByTeamId(condition: {validTo: null}) { nodes { memberByMemberId { fullName } } } } } }"),
                        null, counts(100, "\"name\"", 1000, "\"fullName\"")));
            }
            t.add(new Target(SQL, null, """
                    select json_agg(json_build_object('name', t.name, 'memberships', m.list) order by t.name, t.id)
                    from (select id, name from team where level = 'COMMUNE' and dissolved_on is null order by name, id limit 100) t
                    cross join lateral (
                      select coalesce(json_agg(json_build_object('member', json_build_object('fullName', p.full_name))
                                               order by ms.role, ms.id), '[]') as list
                      from membership ms join member p on p.id = ms.member_id
                      where ms.team_id = t.id and ms.valid_from <= current_date and (ms.valid_to is null or ms.valid_to > current_date)
                    ) m""", counts(100, "\"name\"", 1000, "\"fullName\"")));
            list.add(new Query("a", "100 teams with their current memberships and each member's name", t));
        }
        if (wanted.contains("b")) {
            List<Target> t = new ArrayList<>();
            t.add(new Target(CAUNOI, json("{ units(level: COMMUNE, under: \"" + province + "\", first: 100) { nodes { communeCode: code name"
                    + " children(first: 500) { nodes { code name kind } } } } }"), null, counts(100, "\"communeCode\"", 2000, "\"kind\"")));
            if (postgraphile != null) {
                // Today's map: the rows of admin_unit_parent still open (valid_to null); in the demo
                // no row starts after today, so they are the rows valid today.
                t.add(new Target(POSTGRAPHILE, json("{ allAdminUnits(condition: {code: \"" + province + "\", validTo: null}) { nodes {"
                        + " adminUnitParentsByParentId(first: 100, condition: {validTo: null}) { nodes { adminUnitByUnitId { communeCode: code name"
                        + " adminUnitParentsByParentId(condition: {validTo: null}) { nodes { adminUnitByUnitId { code name kind } } } } } } } } }"),
                        null, counts(100, "\"communeCode\"", 2000, "\"kind\"")));
            }
            t.add(new Target(SQL, null, """
                    select json_agg(json_build_object('communeCode', c.code, 'name', c.name, 'children', v.list) order by c.code)
                    from (
                      select u.id, u.code, u.name
                      from admin_unit p
                      join admin_unit_parent up on up.parent_id = p.id and up.valid_from <= current_date
                        and (up.valid_to is null or up.valid_to > current_date)
                      join admin_unit u on u.id = up.unit_id and u.level = 'COMMUNE'
                      where p.code = '33' and p.valid_from <= current_date and (p.valid_to is null or p.valid_to > current_date)
                      order by u.code limit 100
                    ) c
                    cross join lateral (
                      select coalesce(json_agg(json_build_object('code', x.code, 'name', x.name, 'kind', x.kind) order by x.code), '[]') as list
                      from admin_unit_parent vp join admin_unit x on x.id = vp.unit_id
                      where vp.parent_id = c.id and vp.valid_from <= current_date and (vp.valid_to is null or vp.valid_to > current_date)
                    ) v""", counts(100, "\"communeCode\"", 2000, "\"kind\"")));
            list.add(new Query("b", "100 communes of a province on a date with their villages", t));
        }
        if (wanted.contains("c")) {
            List<Target> t = new ArrayList<>();
            Function<String, String> typename = a -> a.contains("\"__typename\":\"Query\"") && !a.contains("\"errors\"") ? null : "no __typename";
            t.add(new Target(CAUNOI, json("{ __typename }"), null, typename));
            if (postgraphile != null) {
                t.add(new Target(POSTGRAPHILE, json("{ __typename }"), null, typename));
            }
            t.add(new Target(SQL, null, "select json_build_object('__typename', 'Query')", a -> a.contains("Query") ? null : "no row"));
            list.add(new Query("c", "{ __typename } (Cầu Nối with a bearer token, PostGraphile without)", t));
        }
        if (wanted.contains("d")) {
            int communes = server.communesOf(province);
            LocalDate first = LocalDate.parse(period + "-01");
            LocalDate last = first.plusMonths(1).minusDays(1);
            Function<String, String> rows = a -> {
                int n = occurrences(a, "\"adopters\"");
                return !a.contains("\"errors\"") && n == communes ? null : n + " rows where " + communes + " communes were expected";
            };
            List<Target> t = new ArrayList<>();
            t.add(new Target(CAUNOI, json("{ adoptionRates(under: \"" + province + "\", groupBy: COMMUNE, service: \"vneid\", period: \""
                    + period + "\") { unit { code } adopters eligible rate } }"), null, rows));
            t.add(new Target(SQL, null, adoptionRatesSql(province, "vneid", first, last), rows));
            list.add(new Query("d", "the dashboard's adoptionRates of all communes of the province (vneid, " + period + ")", t));
        }
        return list;
    }

    /**
     * What adoptionRates reads for a month, in one statement (IndicatorMapper.xml: adopters from the
     * monthly levels of the month, clamped to the horizon, of the area's villages and of ended
     * villages placed on them; eligible from the communes' population figures of the latest year,
     * age bands counted pro rata within the service's ages), rolled up per commune of today's map.
     * Both aggregates are materialized: inlined, the planner joins them by a nested loop that
     * aggregates again for every commune (2 × slower).
     */
    static String adoptionRatesSql(String province, String service, LocalDate first, LocalDate last) {
        return """
                with communes as (
                  select u.id, u.code from admin_unit p
                  join admin_unit_parent up on up.parent_id = p.id and up.valid_from <= current_date
                    and (up.valid_to is null or up.valid_to > current_date)
                  join admin_unit u on u.id = up.unit_id and u.level = 'COMMUNE'
                  where p.code = '%1$s' and p.valid_from <= current_date and (p.valid_to is null or p.valid_to > current_date)),
                area as (
                  select c.id as unit_id, c.id as commune_id from communes c
                  union all
                  select vp.unit_id, vp.parent_id from admin_unit_parent vp join communes c on c.id = vp.parent_id
                  where vp.valid_from <= current_date and (vp.valid_to is null or vp.valid_to > current_date)),
                facts as (
                  select a.unit_id as village_id, a.commune_id from area a where a.unit_id <> a.commune_id
                  union all
                  select u.id, a.commune_id from admin_unit u
                  cross join lateral (select caunoi_place_on(u.id, current_date) as placed) x
                  join area a on a.unit_id = x.placed
                  where u.level = 'VILLAGE' and (u.valid_to <= current_date or u.valid_from > current_date)),
                stages as (
                  select s.code from digital_service_stage s
                  join digital_service d on d.code = s.service_code
                  join digital_service_stage a on a.service_code = d.code and a.code = d.adopted_stage
                  where s.service_code = '%2$s' and s.position >= a.position),
                adopters as materialized (
                  select f.commune_id, sum(m.level) as n from facts f
                  join adoption_month m on m.village_id = f.village_id and m.service_code = '%2$s'
                    and m.month = least(date '%3$s', (select h.month from adoption_horizon h)) and m.stage_code in (select code from stages)
                  group by 1),
                eligible as materialized (
                  select p.unit_id, round(sum(p.persons * greatest(0, least(coalesce(p.age_to, greatest(p.age_from, 100)),
                           coalesce(d.maximum_age, 1000)) - greatest(p.age_from, d.minimum_age) + 1)::numeric
                           / (coalesce(p.age_to, greatest(p.age_from, 100)) - p.age_from + 1)))::bigint as e
                  from population p join communes c on c.id = p.unit_id join digital_service d on d.code = '%2$s'
                  where p.year = (select max(year) from population where year <= %4$d) and not (p.age_from = 0 and p.age_to is null)
                  group by 1)
                select json_agg(json_build_object('unit', c.code, 'adopters', coalesce(a.n, 0), 'eligible', e.e,
                                                  'rate', coalesce(a.n, 0)::float8 / nullif(e.e, 0)) order by c.code)
                from communes c left join adopters a on a.commune_id = c.id left join eligible e on e.unit_id = c.id
                """.formatted(province, service, first, last.getYear());
    }

    static Function<String, String> counts(int outer, String outerField, int innerAtLeast, String innerField) {
        return a -> {
            if (a == null || a.contains("\"errors\"")) {
                return "errors in the answer";
            }
            int o = occurrences(a, outerField);
            int i = occurrences(a, innerField);
            return o == outer && i >= innerAtLeast ? null : o + " × " + outerField + " (expected " + outer + "), " + i + " × " + innerField
                    + " (expected at least " + innerAtLeast + ")";
        };
    }

    // ---------------------------------------------------------------------------------------------
    // The load

    /**
     * One run of {@code clients} threads, each with its own keep-alive HTTP client or JDBC
     * connection, sending the target's request back to back for {@code seconds}.
     */
    static Result measure(Server server, Target t, String postgraphile, String token, int clients, int seconds, boolean keep) throws Exception {
        long[][] latencies = new long[clients][];
        int[] done = new int[clients];
        long[] errors = new long[clients];
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int me = c;
            latencies[me] = new long[4096];
            Runnable body;
            if (t.sql() != null) {
                Connection connection = server.connect();
                resources.add(connection);
                PreparedStatement statement = connection.prepareStatement(t.sql());
                body = () -> {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try (ResultSet rs = statement.executeQuery()) {
                            ok = rs.next() && rs.getString(1) != null;
                        } catch (SQLException e) {
                            ok = false;
                        }
                        record(latencies, done, errors, me, System.nanoTime() - t0, ok);
                    }
                };
            } else {
                URI uri = URI.create(server.url(t, postgraphile));
                Http11 http = new Http11(uri, t.body(), t.name().equals(CAUNOI) ? token : null);
                resources.add(http);
                body = () -> {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = http.post() == 200 && !http.body().contains("\"errors\"");
                        } catch (IOException | RuntimeException e) {
                            // a broken connection or a malformed answer: an error, and a new connection
                            http.close();
                            ok = false;
                        }
                        record(latencies, done, errors, me, System.nanoTime() - t0, ok);
                    }
                };
            }
            threads.add(new Thread(body, "peer-client-" + c));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(90));
        }
        long elapsed = System.nanoTime() - start;
        for (AutoCloseable r : resources) {
            r.close();
        }
        if (!keep) {
            return null;
        }
        int total = Arrays.stream(done).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, done[c]);
            at += done[c];
        }
        Arrays.sort(all);
        return new Result(total / (elapsed / 1e9), percentile(all, 0.50), percentile(all, 0.99), Arrays.stream(errors).sum(), total);
    }

    private static void record(long[][] latencies, int[] done, long[] errors, int me, long nanos, boolean ok) {
        if (done[me] == latencies[me].length) {
            latencies[me] = Arrays.copyOf(latencies[me], latencies[me].length * 2);
        }
        latencies[me][done[me]++] = nanos;
        if (!ok) {
            errors[me]++;
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static Result median(List<Result> rounds) {
        return new Result(median(rounds.stream().mapToDouble(Result::rps).toArray()), median(rounds.stream().mapToDouble(Result::p50).toArray()),
                median(rounds.stream().mapToDouble(Result::p99).toArray()), rounds.stream().mapToLong(Result::errors).sum(),
                rounds.stream().mapToLong(Result::requests).sum());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    // ---------------------------------------------------------------------------------------------
    // The table

    static void printRates(List<Query> queries, int[] clientCounts, Map<String, Result> results, int rounds, int seconds) {
        System.out.println();
        System.out.printf("Medians of %d alternating rounds of %d s. rps: requests per second; p50, p99: latency in ms; errors: non-200 answers,"
                + " GraphQL errors or failed statements over all rounds.%n%n", rounds, seconds);
        System.out.println("| query | clients | target | rps | p50 ms | p99 ms | errors |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|");
        List<String> ratios = new ArrayList<>();
        for (Query q : queries) {
            for (int clients : clientCounts) {
                for (Target t : q.targets()) {
                    Result r = results.get(q.key() + "|" + clients + "|" + t.name());
                    System.out.printf(Locale.ROOT, "| (%s) | %d | %s | %,.0f | %.1f | %.1f | %d |%n", q.key(), clients, t.name(), r.rps(), r.p50(), r.p99(),
                            r.errors());
                }
                Result ours = results.get(q.key() + "|" + clients + "|" + CAUNOI);
                Result peer = results.get(q.key() + "|" + clients + "|" + POSTGRAPHILE);
                Result sql = results.get(q.key() + "|" + clients + "|" + SQL);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| (%s) | %d |", q.key(), clients));
                line.append(peer == null ? " – |" : String.format(Locale.ROOT, " **%.2f** |", ours.rps() / peer.rps()));
                line.append(String.format(Locale.ROOT, " %.2f | %.2f |", ours.p50() / sql.p50(), sql.rps() / ours.rps()));
                ratios.add(line.toString());
            }
        }
        System.out.println();
        System.out.println("| query | clients | Cầu Nối / PostGraphile rps | Cầu Nối p50 / best-SQL p50 | best-SQL rps / Cầu Nối rps |");
        System.out.println("|---|---:|---:|---:|---:|");
        ratios.forEach(System.out::println);
    }

    static void print(List<Query> queries, int[] clientCounts, Map<String, Result> results, Map<String, double[]> perRequest, int rounds,
                      int seconds) {
        if (clientCounts.length > 0) {
            printRates(queries, clientCounts, results, rounds, seconds);
        }
        if (!perRequest.isEmpty()) {
            System.out.println();
            System.out.println("Per request, one client: transactions from pg_stat_database (xact_commit + xact_rollback), statements"
                    + " from pg_stat_statements (top level, as sent by the server), deltas over 20 or more sequential requests less the idle rate:");
            System.out.println();
            System.out.println("| query | server | transactions | of them BEGIN … COMMIT/ROLLBACK | statements (all) | statements (no BEGIN/COMMIT/ROLLBACK/SET) |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            perRequest.forEach((k, v) -> {
                String[] parts = k.split(" ", 2);
                System.out.printf(Locale.ROOT, "| (%s) | %s | %.1f | %.1f | %.1f | %.1f |%n", parts[0], parts[1], v[0], v[3], v[1], v[2]);
            });
        }
        System.out.println();
        for (Query q : queries) {
            System.out.printf("(%s) %s%n", q.key(), q.title());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The servers

    static final class Server {
        final Process process;
        final int httpPort;
        final int pgPort;
        final Driver driver;

        private Server(Process process, int httpPort, int pgPort, Driver driver) {
            this.process = process;
            this.httpPort = httpPort;
            this.pgPort = pgPort;
            this.driver = driver;
        }

        /** {@code jvm}: the server's JVM options (its heap first), as the README's run command gives them. */
        static Server start(Path jar, Path plugins, Path data, Path log, List<String> jvm, List<Process> started) throws Exception {
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--caunoi.data-dir=" + data, "--caunoi.plugins-dir=" + plugins,
                    // Measured: the read path, not the per-caller rates that would refuse a benchmark's load.
                    "--caunoi.limits.mutations-per-minute=10000000", "--caunoi.limits.expensive-queries-per-minute=10000000",
                    "--caunoi.limits.anonymous-expensive-queries-per-minute=10000000"));
            long launched = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            started.add(p);
            HttpClient http = client();
            while (true) {
                if (!p.isAlive() || System.nanoTime() - launched > TimeUnit.MINUTES.toNanos(4)) {
                    fail("the server did not start; see " + log);
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.body().contains("\"UP\"")) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            System.out.printf("server started in %.1f s%n", (System.nanoTime() - launched) / 1e9);
            // The embedded PostgreSQL's port: the fourth line of its postmaster.pid.
            List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
            return new Server(p, port, Integer.parseInt(pid.get(3).trim()), jdbcDriver(jar, data.getParent()));
        }

        Connection connect() throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", "postgres");
            props.setProperty("password", "postgres");
            return driver.connect("jdbc:postgresql://localhost:" + pgPort + "/postgres", props);
        }

        String url(Target t, String postgraphile) {
            return t.name().equals(POSTGRAPHILE) ? postgraphile : "http://127.0.0.1:" + httpPort + "/graphql";
        }

        String pgVersion() throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1);
            }
        }

        String token(String subject) throws Exception {
            HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/dev/token?user=" + subject))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                fail("no development token for " + subject + " (HTTP " + r.statusCode() + ")");
            }
            return m.group(1);
        }

        String sqlAnswer(String sql) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }

        int communesOf(String province) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select count(*) from admin_unit p
                    join admin_unit_parent up on up.parent_id = p.id and up.valid_from <= current_date
                      and (up.valid_to is null or up.valid_to > current_date)
                    join admin_unit u on u.id = up.unit_id and u.level = 'COMMUNE'
                    where p.code = '%s' and p.valid_from <= current_date and (p.valid_to is null or p.valid_to > current_date)
                    """.formatted(province))) {
                rs.next();
                return rs.getInt(1);
            }
        }

        /**
         * What PostgreSQL does while the servers are idle (the server's health probe, these
         * snapshots), per nanosecond: subtracted from the counts of requests.
         */
        private double[] idlePerNano;

        /**
         * Transactions and statements PostgreSQL ran per request of one target, from the counters'
         * deltas over a counted number of sequential requests, less the idle rate over the same time.
         */
        double[] countPerRequest(Target t, String postgraphile, String token) throws Exception {
            HttpClient http = client();
            String url = url(t, postgraphile);
            String bearer = t.name().equals(CAUNOI) ? token : null;
            try (Connection c = connect()) {
                if (idlePerNano == null) {
                    // Autovacuum after the demo's load commits transactions of its own for a while:
                    // done now, and waited for, it stays out of the idle rate and of the counts.
                    execute(c, "vacuum analyze");
                    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                    while (System.nanoTime() < until && autovacuumWorkers(c) > 0) {
                        Thread.sleep(1000);
                    }
                    long[] before = counters(c);
                    long t0 = System.nanoTime();
                    long[] after = counters(c);
                    long idle = System.nanoTime() - t0;
                    idlePerNano = new double[4];
                    for (int k = 0; k < 4; k++) {
                        idlePerNano[k] = (after[k] - before[k]) / (double) idle;
                    }
                }
                for (int i = 0; i < 5; i++) {
                    post(http, url, t.body(), bearer);
                }
                long[] before = counters(c);
                long t0 = System.nanoTime();
                int n = 0;
                while (n < 200 && (n < 20 || System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3))) {
                    post(http, url, t.body(), bearer);
                    n++;
                }
                long[] after = counters(c);
                long elapsed = System.nanoTime() - t0;
                double[] perRequest = new double[4];
                for (int k = 0; k < 4; k++) {
                    perRequest[k] = Math.max(0, (after[k] - before[k]) - idlePerNano[k] * elapsed) / n;
                }
                return perRequest;
            }
        }

        private static int autovacuumWorkers(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        /**
         * Transactions, statements, statements other than transaction control, explicit transactions
         * (BEGIN); read once the backends have reported them.
         */
        private long[] counters(Connection c) throws Exception {
            // An idle backend reports its transaction counts to the cumulative statistics within 10 s
            // (PGSTAT_IDLE_INTERVAL); pg_stat_statements counts at once.
            Thread.sleep(11_000);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()),
                           coalesce(sum(calls), 0),
                           coalesce(sum(calls) filter (where query !~* '^\\s*(begin|commit|rollback|set|start transaction|show|reset|discard)\\M'), 0),
                           coalesce(sum(calls) filter (where query ~* '^\\s*(begin|start transaction)\\M'), 0)
                    from pg_stat_statements where query !~ 'pg_stat_statements' and dbid = (select oid from pg_database where datname = current_database())
                    """)) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    /** Installs PostGraphile with npm into {@code cache} when it is not there yet, starts it and returns its GraphQL URL, or null. */
    static String startPostGraphile(Path cache, int pgPort, Path log, List<Process> started) throws Exception {
        Path bin = cache.resolve("node_modules").resolve(".bin").resolve("postgraphile");
        if (!Files.isExecutable(bin)) {
            if (!runs("node", "--version") || !runs("npm", "--version")) {
                System.out.println("PostGraphile: node and npm not found on the PATH");
                return null;
            }
            Files.createDirectories(cache);
            System.out.println("installing postgraphile@" + POSTGRAPHILE_VERSION + " with npm into " + cache);
            Process npm = new ProcessBuilder("npm", "install", "--prefix", cache.toString(), "--no-audit", "--no-fund", "--loglevel=error",
                    "postgraphile@" + POSTGRAPHILE_VERSION).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(bin)) {
                System.out.println("PostGraphile: npm install failed");
                return null;
            }
        }
        int port = freePort();
        // Defaults otherwise: relations from the foreign keys, connections with conditions, its own
        // pool of 10 connections (the same as Cầu Nối's pool-size).
        Process p = new ProcessBuilder(bin.toString(), "-c", "postgres://postgres:postgres@localhost:" + pgPort + "/postgres",
                "--schema", "public", "--host", "127.0.0.1", "--port", Integer.toString(port), "--disable-graphiql", "--disable-query-log")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        String url = "http://127.0.0.1:" + port + "/graphql";
        long launched = System.nanoTime();
        HttpClient http = client();
        while (System.nanoTime() - launched < TimeUnit.MINUTES.toNanos(2)) {
            if (!p.isAlive()) {
                System.out.println("PostGraphile: it stopped at start; see " + log);
                return null;
            }
            try {
                if (post(http, url, json("{ __typename }"), null).contains("Query")) {
                    String version = Files.readString(log).lines().filter(l -> l.contains("PostGraphile v")).findFirst().orElse("").strip();
                    System.out.printf("PostGraphile started in %.1f s: %s; Node %s%n", (System.nanoTime() - launched) / 1e9, version, output("node", "--version"));
                    return url;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        System.out.println("PostGraphile: no answer after 2 minutes; see " + log);
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // Small helpers

    /**
     * The PostgreSQL JDBC driver the server jar carries: the same driver the server uses, and the
     * program needs no class path.
     */
    static Driver jdbcDriver(Path jar, Path work) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.stream().filter(e -> e.getName().matches("BOOT-INF/lib/postgresql-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL JDBC driver in " + jar));
            Path copy = work.resolve(Path.of(entry.getName()).getFileName().toString());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()}, PeerBenchmark.class.getClassLoader());
            return (Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor().newInstance();
        }
    }

    /** The plugins directory: given, beside the jar, or a new one with the reactor's plugin jars (built with the project). */
    static Path pluginsDirectory(String given, Path jar, Path work) throws IOException {
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        Path beside = jar.resolveSibling("plugins");
        if (Files.isDirectory(beside)) {
            return beside;
        }
        Path dir = Files.createDirectories(work.resolve("plugins"));
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(Path.of("plugins"), Files::isDirectory)) {
            for (Path module : modules) {
                Path target = module.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "caunoi-plugin-*.jar")) {
                    for (Path j : jars) {
                        String name = j.getFileName().toString();
                        if (!name.endsWith("-sources.jar") && !name.endsWith("-tests.jar") && !name.endsWith("-javadoc.jar")) {
                            Files.copy(j, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException noReactor) {
            // run outside the repository: no plugins
        }
        return dir;
    }

    /**
     * The load's HTTP client: one keep-alive HTTP/1.1 connection that sends one prepared POST again
     * and again and reads each whole answer (status, headers, a body of {@code Content-Length} or
     * chunked). The JDK's {@link HttpClient} spent 1.3 to 1.5 of this machine's 2 cores on 16
     * clients of a trivial query, more than either server, so the rates measured the client; this
     * one takes a small share, the same for every target.
     */
    public static final class Http11 implements AutoCloseable {
        private final String host;
        private final int port;
        private final byte[] request;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;
        private byte[] body = new byte[0];
        private int bodyLength;

        public Http11(URI uri, String body, String bearer) {
            this.host = uri.getHost();
            this.port = uri.getPort();
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n") + "Content-Length: " + content.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            this.request = Arrays.copyOf(h, h.length + content.length);
            System.arraycopy(content, 0, request, h.length, content.length);
        }

        /** Sends the request and reads the whole answer; its status. */
        public int post() throws IOException {
            if (socket == null) {
                socket = new java.net.Socket();
                socket.connect(new java.net.InetSocketAddress(host, port), 5_000);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 65_536);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> { }
                }
            }
            bodyLength = 0;
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                    read(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                read(Math.toIntExact(length));
            } else {
                throw new IOException("an answer without a length");
            }
            if (close) {
                close();
            }
            return code;
        }

        /** The last answer's body. */
        public String body() {
            return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
        }

        private void read(int n) throws IOException {
            if (bodyLength + n > body.length) {
                body = Arrays.copyOf(body, Math.max(bodyLength + n, body.length * 2));
            }
            int got = in.readNBytes(body, bodyLength, n);
            if (got < n) {
                throw new IOException("the connection closed inside an answer");
            }
            bodyLength += n;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    static HttpClient client() {
        // HTTP/1.1 keep-alive, as a browser or a proxy talks to both servers (no h2c upgrade attempt).
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String post(HttpClient http, String url, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "{\"errors\":[\"HTTP " + r.statusCode() + "\"]}";
    }

    static String json(String query) {
        return "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    static long sum(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    static int occurrences(String text, String what) {
        if (text == null) {
            return 0;
        }
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void stop(Process p) {
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String errorCodes(String answer) {
        if (answer == null) {
            return "; no answer";
        }
        Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"|HTTP [0-9]{3}").matcher(answer);
        List<String> codes = new ArrayList<>();
        while (m.find() && codes.size() < 5) {
            codes.add(m.group(1) != null ? m.group(1) : m.group());
        }
        return codes.isEmpty() ? "" : "; errors " + codes;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                fail("unexpected argument " + args[i] + " (options are --name value)");
            }
            String name = args[i].substring(2);
            if (name.startsWith("no-")) {
                o.put(name, "true");
            } else if (i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                fail("--" + name + " needs a value");
            }
        }
        return o;
    }

    static void fail(String message) {
        System.err.println("peer benchmark: " + message);
        System.exit(1);
    }
}
