package vn.caunoi.benchmarks;

import vn.caunoi.core.adoption.Adoption;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.ibatis.binding.MapperMethod;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.demo.DemoData;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators;
import vn.caunoi.core.indicator.Period;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.core.indicator.IndicatorStatements;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import vn.caunoi.plugins.ecommerce.EcommerceService;
import vn.caunoi.plugins.epayment.EpaymentService;
import vn.caunoi.plugins.publicservices.PublicServicesService;
import vn.caunoi.plugins.vneid.VneidService;
import vn.caunoi.plugins.vssid.VssidService;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.testkit.TestDatabases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dashboard reads against the size of the data: {@code adoptionRates} for every commune of the
 * province, on province-scale generated data and on the same at a tenth of the size, in one run.
 *
 * <p>Two fresh databases on the one embedded PostgreSQL 18 of the test kit, each with the demo
 * hierarchy (Thái Bình 34 and Hưng Yên 33, 2024-05-01 → 2025-07-01, generated villages) and the five
 * first-party services. Residents live in the villages of Thái Bình (on the 2024 map): by default
 * 1,900,000 of them ("full") and 190,000 ("tenth"), with about 5.3 adoption events each over the
 * five services' funnels, at strictly increasing dates from 2024-07-01 to 2026-06-30 — about
 * 10 million events at full size. The rows are generated with set-based SQL straight into the
 * tables ({@code resident}, {@code residence}, {@code adoption_event}), the running counts
 * ({@code adoption_count}) are computed from those events as the write path would have kept them,
 * the monthly levels rebuilt ({@code caunoi_rebuild_adoption_months()}), population figures added
 * per commune of the 2024 map for 2024 and 2025 (the generated residents, by age band), then
 * {@code VACUUM ANALYZE}. At the tenth scale the counts are rechecked against the events
 * ({@code checkCounts}: exact or the run fails); at full scale only with {@code check-full}.
 *
 * <p>Then, for four query shapes (a month, a quarter, "up to" a mid-month date on today's map,
 * a quarter on the 2024 map), 20 warm-up calls and N timed calls per scale, alternating between the
 * scales call by call; it prints median / p90 / max in ms, the ratio full / tenth, the statements
 * per call, the table blocks touched per call (from {@code pg_statio_user_tables}: none of
 * {@code adoption_event}) and checks the adopters against a count from the events. Then the
 * statements of one call, each run alone with the same arguments (median of 20 runs), so that what
 * grows can be told from what does not.
 *
 * <p>Run (after {@code mvn -q -pl core/benchmarks -am -DskipTests install} once):
 * {@code mvn -q -pl core/benchmarks exec:exec -Dbenchmark.class=vn.caunoi.benchmarks.IndicatorBenchmark
 * -Dbenchmark.heap=2g -Dbenchmark.args="1900000 100"} — arguments: residents at full scale
 * (default 1,900,000; the tenth scale has a tenth), timed calls per shape and scale (default 100),
 * then optionally {@code check-full} to recheck the counts at full scale too (a few minutes) and
 * {@code explain} to print the plans of the statements that read figures ({@code EXPLAIN (ANALYZE,
 * BUFFERS)}; the adopters statement planned for its arguments, generic, and as cached after ten
 * executions). Results and how to read them: docs/benchmarks.md.
 *
 * <p>The data is deterministic (pseudo-random numbers from a hash of row keys, not {@code random()}):
 * the same rows on every machine and in every run.
 */
public final class IndicatorBenchmark {

    /** The first and last day events are generated on: two years. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 7, 1);
    private static final int DAYS = 730;
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 1);
    private static final int WARM_UP = 20;
    /**
     * A backend flushes its table statistics when it goes idle, at most once a second; otherwise
     * 10 s later. The table figures per call are read after this pause.
     */
    private static final long STATS_FLUSH_MS = 11_000;

    /**
     * Share of the residents aged 15 or more in 2024 (born up to 2009) who reached each stage of a
     * service or a later one, stage by stage in funnel order.
     */
    private static final Map<String, double[]> FUNNELS = new LinkedHashMap<>();

    static {
        FUNNELS.put("vneid", new double[]{0.95, 0.85, 0.50});
        FUNNELS.put("vssid", new double[]{0.75, 0.60, 0.35});
        FUNNELS.put("epayment", new double[]{0.70, 0.50});
        FUNNELS.put("public-services", new double[]{0.60, 0.35});
        FUNNELS.put("ecommerce", new double[]{0.12, 0.08, 0.04});
    }

    private static final List<DigitalService> SERVICES = List.of(new VneidService(), new VssidService(), new EpaymentService(),
            new PublicServicesService(), new EcommerceService());

    /** One query shape of the dashboard. */
    private record Shape(String name, String under, String period, LocalDate asOf) {
        Indicators.RateQuery query() {
            return new Indicators.RateQuery(under, UnitLevel.COMMUNE, "vneid", null, Period.parse(period, TODAY), asOf);
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("(a) month", "33", "2026-03", TODAY),
            new Shape("(b) quarter", "33", "2026-Q1", TODAY),
            new Shape("(c) up to a date", "33", "2026-03-15", TODAY),
            new Shape("(d) 2024 map, quarter", "34", "2024-Q4", LocalDate.of(2024, 12, 31)));

    /** The tables whose blocks are counted per call. */
    private static final List<String> TABLES = List.of("adoption_event", "adoption_count", "adoption_month", "population",
            "admin_unit", "admin_unit_parent", "unit_change");

    /** One scale: its database, its Cầu Nối and what was loaded. */
    private record Scale(String name, int residents, HikariDataSource ds, CauNoi caunoi, SqlSessionFactory sessions, Map<String, Long> rows,
                         Map<String, Double> seconds, Map<String, Long> bytes) {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_900_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<String> flags = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        boolean checkFull = flags.contains("check-full");
        boolean explain = flags.contains("explain");
        long runStarted = System.nanoTime();

        Scale tenth = load("tenth", residents / 10, true);
        Scale full = load("full", residents, checkFull);
        List<Scale> scales = List.of(tenth, full);

        System.out.println();
        System.out.println("== loaded");
        System.out.printf("%-26s %14s %14s %8s%n", "", "tenth", "full", "ratio");
        for (String k : tenth.rows().keySet()) {
            System.out.printf("%-26s %,14d %,14d %8.2f%n", k + " rows", tenth.rows().get(k), full.rows().get(k),
                    full.rows().get(k) / (double) Math.max(1, tenth.rows().get(k)));
        }
        for (String k : tenth.bytes().keySet()) {
            System.out.printf("%-26s %,14d %,14d %8.2f%n", k + " MB", tenth.bytes().get(k) >> 20, full.bytes().get(k) >> 20,
                    full.bytes().get(k) / (double) Math.max(1, tenth.bytes().get(k)));
        }
        for (String k : tenth.seconds().keySet()) {
            Double f = full.seconds().get(k);
            System.out.printf("%-26s %14.1f %14s%n", k + " s", tenth.seconds().get(k), f == null ? "-" : String.format("%.1f", f));
        }

        System.out.println();
        System.out.printf("== adoptionRates, groupBy COMMUNE, service vneid (adopted stage), %d warm-up + %d timed calls per scale,"
                + " alternating%n", WARM_UP, calls);
        List<String> summary = new ArrayList<>();
        for (Shape shape : SHAPES) {
            Indicators.RateQuery q = shape.query();
            for (int i = 0; i < WARM_UP; i++) {
                for (Scale s : scales) {
                    s.caunoi().rates().adoptionRates(Actor.system(), q);
                }
            }
            Thread.sleep(STATS_FLUSH_MS);
            Map<String, Map<String, long[]>> before = new LinkedHashMap<>();
            long[] statementsBefore = new long[2];
            for (int k = 0; k < 2; k++) {
                before.put(scales.get(k).name(), tableStats(scales.get(k).ds()));
                statementsBefore[k] = scales.get(k).caunoi().statementsExecuted();
            }
            double[][] ms = new double[2][calls];
            for (int i = 0; i < calls; i++) {
                // Alternate which scale goes first, so that neither always runs right after the other.
                for (int j = 0; j < 2; j++) {
                    int k = (i + j) % 2;
                    long t0 = System.nanoTime();
                    scales.get(k).caunoi().rates().adoptionRates(Actor.system(), q);
                    ms[k][i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            long[] statements = new long[2];
            for (int k = 0; k < 2; k++) {
                statements[k] = scales.get(k).caunoi().statementsExecuted() - statementsBefore[k];
            }
            Thread.sleep(STATS_FLUSH_MS);
            // Read before the checks below, which do read the events.
            Map<String, long[]> after0 = tableStats(tenth.ds());
            Map<String, long[]> after1 = tableStats(full.ds());
            System.out.println();
            System.out.printf("%s: under %s on the map of %s, period %s (%s .. %s)%n", shape.name(), shape.under(), shape.asOf(),
                    shape.period(), q.period().from(), q.period().to());
            System.out.printf("  %-7s %9s %9s %9s %6s %10s %12s %12s %9s  %s%n", "scale", "median", "p90", "max", "units", "stmts/call",
                    "adopters", "new", "rate", "adopters check (from events)");
            for (int k = 0; k < 2; k++) {
                Scale s = scales.get(k);
                List<Indicators.AdoptionRate> rates = s.caunoi().rates().adoptionRates(Actor.system(), q);
                long adopters = rates.stream().mapToLong(Indicators.AdoptionRate::adopters).sum();
                long newAdopters = rates.stream().mapToLong(r -> r.newAdopters() == null ? 0 : r.newAdopters()).sum();
                long eligible = rates.stream().mapToLong(r -> r.eligible() == null ? 0 : r.eligible()).sum();
                long withRate = rates.stream().filter(r -> r.rate() != null).count();
                long expected = adoptersFromEvents(s.ds(), q.period().to());
                double[] sorted = ms[k].clone();
                Arrays.sort(sorted);
                System.out.printf("  %-7s %9.1f %9.1f %9.1f %6d %10.1f %,12d %,12d %8.1f%%  %,d %s%n", s.name(), percentile(sorted, 0.5),
                        percentile(sorted, 0.9), sorted[sorted.length - 1], rates.size(), statements[k] / (double) calls, adopters,
                        newAdopters, 100.0 * adopters / Math.max(1, eligible), expected, expected == adopters ? "= ok" : "DIFFERENT");
                System.out.printf("          %d of %d units with a rate; adopters / eligible over them: %,d / %,d%n", withRate,
                        rates.size(), adopters, eligible);
                if (expected != adopters) {
                    throw new IllegalStateException(s.name() + ": adopters " + adopters + " but " + expected + " from the events");
                }
            }
            double[] a = ms[0].clone();
            double[] b = ms[1].clone();
            Arrays.sort(a);
            Arrays.sort(b);
            double ratio = percentile(b, 0.5) / percentile(a, 0.5);
            System.out.printf("  ratio full / tenth: median %.2f, p90 %.2f%n", ratio, percentile(b, 0.9) / percentile(a, 0.9));
            System.out.println("  blocks per call (shared hits + reads, heap + index) and scans per call, by table:");
            System.out.printf("    %-18s %12s %12s %14s %14s%n", "table", "tenth blks", "full blks", "tenth scans", "full scans");
            for (String t : TABLES) {
                long[] d0 = minus(after0.get(t), before.get("tenth").get(t));
                long[] d1 = minus(after1.get(t), before.get("full").get(t));
                System.out.printf("    %-18s %12.1f %12.1f %7.1f seq %4.1f idx %5.1f seq %4.1f idx%n", t, d0[0] / (double) calls,
                        d1[0] / (double) calls, d0[1] / (double) calls, d0[2] / (double) calls, d1[1] / (double) calls,
                        d1[2] / (double) calls);
                if (t.equals("adoption_event") && (d0[0] + d0[1] + d0[2] + d1[0] + d1[1] + d1[2]) != 0) {
                    System.out.println("    !! adoption_event was read during the timed calls");
                }
            }
            summary.add(String.format(Locale.ROOT, "| %s | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.2f |", shape.name(),
                    percentile(a, 0.5), percentile(a, 0.9), a[a.length - 1], percentile(b, 0.5), percentile(b, 0.9), b[b.length - 1],
                    ratio));
            breakdown(shape, scales, explain);
        }
        System.out.println();
        System.out.println("== summary (ms: median / p90 / max)");
        System.out.println("| shape | tenth | full | full / tenth (median) |");
        summary.forEach(System.out::println);
        System.out.printf("cores %d, max heap %,d MB, run %.0f s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, (System.nanoTime() - runStarted) / 1e9);
        tenth.ds().close();
        full.ds().close();
        System.exit(0);
    }

    // --- loading ------------------------------------------------------------------------------------

    private static Scale load(String name, int residents, boolean check) throws SQLException {
        System.out.printf("== %s: %,d residents%n", name, residents);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(TestDatabases.freshDatabaseUrl());
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(4);
        pool.setPoolName(name);
        HikariDataSource ds = new HikariDataSource(pool);
        CauNoi caunoi = CauNoi.create(ds, PersonalDataProtector.newKey());
        DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), Actor.system(), true);
        List<ServiceDescriptor> descriptors = caunoi.digitalServices().register(Actor.system(), "bench", "1", SERVICES);

        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("set work_mem = '256MB'");
            st.execute("set maintenance_work_mem = '512MB'");
            long started = System.nanoTime();

            // The villages of Thái Bình on the first map, numbered from 0, with their commune then.
            step(st, seconds, "villages", """
                    create temp table bench_village as
                    select (row_number() over (order by u.id) - 1)::int as n, u.id, c.unit_id as commune_id
                    from admin_unit u
                    cross join lateral (select a.unit_id from caunoi_ancestors(u.id, date '2024-06-01') a
                                        join admin_unit x on x.id = a.unit_id where x.level = 'COMMUNE') c
                    where u.level = 'VILLAGE' and u.valid_from <= date '2024-06-01' and (u.valid_to is null or u.valid_to > date '2024-06-01')
                      and exists (select 1 from caunoi_ancestors(u.id, date '2024-06-01') a join admin_unit p on p.id = a.unit_id
                                  where p.level = 'PROVINCE' and p.code = '34')""");
            int villages = (int) count(st, "select count(*) from bench_village");
            System.out.printf("  %,d villages in %,d communes of Thái Bình (2024 map); %,d villages of either province ended before %s%n",
                    villages, count(st, "select count(distinct commune_id) from bench_village"),
                    count(st, "select count(*) from admin_unit where level = 'VILLAGE' and valid_to is not null"), TODAY);

            // Stages: position in the descriptor, and the share reaching it or further.
            st.execute("create temp table bench_stage (service_code text, idx int, position int, code text, share float8)");
            st.execute("create temp table bench_service (service_code text, idx int, p1 float8, p2 float8, p3 float8)");
            try (PreparedStatement ps = c.prepareStatement("insert into bench_stage values (?, ?, ?, ?, ?)");
                 PreparedStatement pss = c.prepareStatement("insert into bench_service values (?, ?, ?, ?, ?)")) {
                int idx = 0;
                for (Map.Entry<String, double[]> f : FUNNELS.entrySet()) {
                    idx++;
                    ServiceDescriptor d = descriptors.stream().filter(x -> x.code().equals(f.getKey())).findFirst().orElseThrow();
                    double[] shares = f.getValue();
                    if (d.stages().size() != shares.length) {
                        throw new IllegalStateException(d.code() + " has " + d.stages().size() + " stages, the benchmark " + shares.length);
                    }
                    for (int i = 0; i < shares.length; i++) {
                        String code = d.stages().get(i).code();
                        ps.setString(1, d.code());
                        ps.setInt(2, idx);
                        ps.setInt(3, d.order(code));
                        ps.setString(4, code);
                        ps.setDouble(5, shares[i]);
                        ps.addBatch();
                    }
                    pss.setString(1, d.code());
                    pss.setInt(2, idx);
                    for (int i = 0; i < 3; i++) {
                        pss.setDouble(3 + i, i < shares.length ? shares[i] : 0);
                    }
                    pss.addBatch();
                }
                ps.executeBatch();
                pss.executeBatch();
            }

            // Residents: a hash of a made-up text as the HMAC, birth years 1935–2024, either sex.
            step(st, seconds, "residents", "insert into resident (citizen_hmac, citizen_masked, birth_year, sex) "
                    + "select sha256(convert_to('caunoi-benchmark/" + name + "/' || g, 'UTF8')), '" + "\u2022".repeat(9)
                    + "' || lpad((g % 1000)::text, 3, '0'), 1935 + floor(" + u("g", 1) + " * 90)::int, "
                    + "case when " + u("g", 2) + " < 0.5 then 'MALE' else 'FEMALE' end "
                    + "from generate_series(1, " + residents + ") g");
            step(st, seconds, "residences", "insert into residence (resident_id, village_id, valid_from) "
                    + "select r.id, v.id, '-infinity'::date from resident r join bench_village v on v.n = "
                    + "floor(" + u("r.id", 3) + " * " + villages + ")::int");

            // Events: for each resident aged 15+ and service, k stages reached (0 to the funnel's length) at
            // k strictly increasing days: k offsets drawn from 0 .. DAYS - k, sorted, the i-th plus i - 1.
            String k = "(q.u < q.p1)::int + (q.u < q.p2)::int + (q.u < q.p3)::int";
            step(st, seconds, "events", """
                    insert into adoption_event (resident_id, village_id, service_code, stage_code, stage_order, kind, occurred_on, source)
                    select t.id, t.village_id, t.service_code, st.code, st.position, 'REACHED',
                           date '%s' + (case st.position when 1 then t.s1 when 2 then t.s2 else t.s3 end) + st.position - 1,
                           'AGENCY_LIST'
                    from (
                      select o.*,
                             case o.k when 1 then o.a when 2 then least(o.a, o.b) else least(o.a, o.b, o.c) end as s1,
                             case o.k when 2 then greatest(o.a, o.b) else o.a + o.b + o.c - least(o.a, o.b, o.c) - greatest(o.a, o.b, o.c) end as s2,
                             greatest(o.a, o.b, o.c) as s3
                      from (
                        select p.*, floor(%s * (%d - p.k))::int as a, floor(%s * (%d - p.k))::int as b,
                               floor(%s * (%d - p.k))::int as c
                        from (
                          select q.id, q.village_id, q.service_code, q.key, %s as k
                          from (select r.id, h.village_id, s.service_code, r.id * 8 + s.idx as key, s.p1, s.p2, s.p3, %s as u
                                from resident r join residence h on h.resident_id = r.id cross join bench_service s
                                where r.birth_year <= 2009) q
                        ) p
                        where p.k > 0
                      ) o
                    ) t
                    join bench_stage st on st.service_code = t.service_code and st.position <= t.k
                    order by t.id, t.service_code, st.position""".formatted(FIRST_DAY, u("p.key", 22), DAYS + 1, u("p.key", 23), DAYS + 1,
                    u("p.key", 24), DAYS + 1, k, u("r.id * 8 + s.idx", 21)));

            // Running counts as the write path keeps them: reaching stage i enters it and leaves stage i - 1.
            step(st, seconds, "adoption_count", """
                    insert into adoption_count (village_id, service_code, stage_code, day, entered, "left")
                    select village_id, service_code, stage_code, day, sum(entered)::int, sum(lft)::int
                    from (
                      select e.village_id, e.service_code, e.stage_code, e.occurred_on as day, 1 as entered, 0 as lft
                      from adoption_event e
                      union all
                      select e.village_id, e.service_code, p.code, e.occurred_on, 0, 1
                      from adoption_event e join bench_stage p on p.service_code = e.service_code and p.position = e.stage_order - 1
                    ) x
                    group by 1, 2, 3, 4
                    order by 1, 2, 3, 4""");
            step(st, seconds, "adoption_month", "select caunoi_rebuild_adoption_months()");

            // Population of 2024 and 2025 per commune of the 2024 map: the generated residents by age band.
            step(st, seconds, "population", """
                    insert into population (unit_id, year, age_from, age_to, persons, households)
                    select v.commune_id, y.year, b.age_from, b.age_to,
                           count(*) filter (where y.year - r.birth_year between b.age_from and coalesce(b.age_to, 150))::int,
                           case when b.whole then round(count(*) / 3.6)::int end
                    from bench_village v
                    join residence h on h.village_id = v.id
                    join resident r on r.id = h.resident_id
                    cross join (values (2024), (2025)) y(year)
                    cross join (values (0, null::int, true), (0, 13, false), (14, 17, false), (18, 59, false), (60, null::int, false))
                               b(age_from, age_to, whole)
                    group by v.commune_id, y.year, b.age_from, b.age_to, b.whole""");
            step(st, seconds, "vacuum analyze", "vacuum (analyze) resident, residence, adoption_event, adoption_count, adoption_month, "
                    + "adoption_horizon, population, admin_unit, admin_unit_parent, unit_change");
            seconds.put("load total", (System.nanoTime() - started) / 1e9);
            // The connection goes back to the pool: the calls measured run with the server's settings.
            st.execute("reset work_mem");
            st.execute("reset maintenance_work_mem");
            st.execute("drop table bench_village, bench_stage, bench_service");

            for (String t : List.of("resident", "residence", "adoption_event", "adoption_count", "adoption_month", "population")) {
                rows.put(t, count(st, "select count(*) from " + t));
            }
            Map<String, Long> perStage = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("select service_code, stage_code, count(*) from adoption_event group by 1, 2 order by 1, 2")) {
                while (rs.next()) {
                    perStage.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
                }
            }
            System.out.printf("  events by stage: %s%n", perStage);
            System.out.printf("  horizon %s; population 2024 of the province: %,d%n",
                    text(st, "select month::text from adoption_horizon"),
                    count(st, "select sum(persons) from population where year = 2024 and age_from = 0 and age_to is null"));
        }
        Map<String, Long> bytes = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String t : List.of("adoption_event", "adoption_count", "adoption_month")) {
                bytes.put(t, count(st, "select pg_total_relation_size('" + t + "')"));
            }
            bytes.put("database", count(st, "select pg_database_size(current_database())"));
            System.out.printf("  PostgreSQL %s; shared_buffers %s, work_mem %s, effective_cache_size %s, random_page_cost %s, jit %s"
                            + " (as the calls measured run)%n",
                    text(st, "show server_version"), text(st, "show shared_buffers"), text(st, "show work_mem"),
                    text(st, "show effective_cache_size"), text(st, "show random_page_cost"), text(st, "show jit"));
        }
        if (check) {
            long t0 = System.nanoTime();
            Adoption.CountCheck result = caunoi.counts().checkCounts(Actor.system());
            seconds.put("counts recheck", (System.nanoTime() - t0) / 1e9);
            System.out.printf("  counts recheck: %s (%,d count rows, %,d month rows) in %.1f s%n", result.exact() ? "exact" : "DIFFERENT",
                    result.rowsCompared(), result.monthRowsCompared(), seconds.get("counts recheck"));
            if (!result.exact()) {
                throw new IllegalStateException(name + ": the generated counts differ from the events: " + result);
            }
        }
        return new Scale(name, residents, ds, caunoi, IndicatorStatements.sessions(ds), rows, seconds, bytes);
    }

    /**
     * A deterministic pseudo-random number in [0, 1) from a key and a salt (53 bits of PostgreSQL's
     * 64-bit integer hash): the same data whatever the plan or the order rows are produced in.
     */
    private static String u(String key, int salt) {
        return "((hashint8extended((" + key + ")::bigint, " + salt + ") & 9007199254740991)::float8 / 9007199254740992.0)";
    }

    private static void step(Statement st, Map<String, Double> seconds, String name, String sql) throws SQLException {
        long t0 = System.nanoTime();
        st.execute(sql);
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.put(name, s);
        System.out.printf("  %-16s %7.1f s%n", name, s);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    // --- measuring ----------------------------------------------------------------------------------

    /** Residents at VNeID level 2 or further at the end of {@code day}, counted from the events (a check, not timed). */
    private static long adoptersFromEvents(HikariDataSource ds, LocalDate day) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(distinct resident_id) from adoption_event "
                     + "where service_code = 'vneid' and stage_order >= 2 and occurred_on <= ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static final int BREAKDOWN_REPS = 20;
    private static final String[] ADOPTED_AND_LATER = {"LEVEL_2_ACTIVATED", "DOCUMENTS_INTEGRATED"};

    /**
     * The statements of one {@code adoptionRates} call, each run on its own the way the service runs
     * it (same mapper, same arguments), timed: median of {@value #BREAKDOWN_REPS} runs. With
     * {@code explain}, the plans of the two that read figures, from {@code EXPLAIN (ANALYZE, BUFFERS)}
     * (the adopters statement planned for its arguments, generic, and as a prepared statement's plan cache
     * settles after ten executions).
     */
    private static void breakdown(Shape shape, List<Scale> scales, boolean explain) throws SQLException {
        Indicators.RateQuery q = shape.query();
        Period period = q.period();
        LocalDate asOf = q.asOf();
        List<LocalDate> dates = period.dayBefore() == null ? List.of(period.to()) : List.of(period.to(), period.dayBefore());
        String[] days = dates.stream().map(LocalDate::toString).toArray(String[]::new);
        String[] names = {"area", "ancestorIds", "adopters", "populationYears", "eligible", "targetsOf"};
        System.out.printf("  statements of the call, each alone (median of %d, ms):%n", BREAKDOWN_REPS);
        System.out.printf("    %-7s", "scale");
        for (String n : names) {
            System.out.printf(" %14s", n);
        }
        System.out.printf(" %14s%n", "daily rows read");
        for (Scale sc : scales) {
            long underId = unitId(sc.ds(), q.under(), asOf);
            double[][] t = new double[names.length][BREAKDOWN_REPS];
            long dailyRows = 0;
            for (LocalDate d : dates) {
                dailyRows += d.equals(d.withDayOfMonth(d.lengthOfMonth())) ? 0 : dailyRows(sc.ds(), d);
            }
            List<String> plans;
            try (SqlSession s = sc.sessions().openSession(false)) {
                Long[] ids = null;
                Long[] villages = null;
                Integer year = null;
                for (int r = 0; r < BREAKDOWN_REPS; r++) {
                    long t0 = System.nanoTime();
                    IndicatorStatements.Area area = IndicatorStatements.area(s, underId, asOf);
                    long t1 = System.nanoTime();
                    List<Long> above = IndicatorStatements.ancestorIds(s, underId, asOf);
                    long t2 = System.nanoTime();
                    ids = area.ids();
                    villages = area.villages();
                    long t3 = System.nanoTime();
                    IndicatorStatements.adopters(s, "vneid", ADOPTED_AND_LATER, days, asOf, ids, villages);
                    long t4 = System.nanoTime();
                    year = IndicatorStatements.populationYears(s, period.year()).get(0);
                    long t5 = System.nanoTime();
                    IndicatorStatements.eligible(s, year, LocalDate.of(year, 7, 1), asOf, ids, "PERSON", 14, null);
                    long t6 = System.nanoTime();
                    List<Long> all = new ArrayList<>(Arrays.asList(ids));
                    all.addAll(above);
                    long t7 = System.nanoTime();
                    IndicatorStatements.targetsOf(s, all.toArray(Long[]::new), "vneid", "LEVEL_2_ACTIVATED");
                    long t8 = System.nanoTime();
                    long[] spans = {t1 - t0, t2 - t1, t4 - t3, t5 - t4, t6 - t5, t8 - t7};
                    for (int i = 0; i < spans.length; i++) {
                        t[i][r] = spans[i] / 1e6;
                    }
                }
                List<String> out = new ArrayList<>();
                if (explain) {
                    MapperMethod.ParamMap<Object> a = new MapperMethod.ParamMap<>();
                    a.put("service", "vneid");
                    a.put("stages", ADOPTED_AND_LATER);
                    a.put("dates", days);
                    a.put("hdate", asOf);
                    a.put("areaIds", ids);
                    a.put("villageIds", villages);
                    for (Planning planning : Planning.values()) {
                        out.add("adopters, " + planning + " plan:");
                        out.addAll(plan(s, "adopters", a, planning));
                    }
                    MapperMethod.ParamMap<Object> e = new MapperMethod.ParamMap<>();
                    e.put("year", year);
                    e.put("fdate", LocalDate.of(year, 7, 1));
                    e.put("hdate", asOf);
                    e.put("areaIds", ids);
                    e.put("subject", "PERSON");
                    e.put("minAge", 14);
                    e.put("maxAge", null);
                    out.add("eligible:");
                    out.addAll(plan(s, "eligible", e, Planning.CUSTOM));
                }
                s.rollback(true);
                plans = out;
            }
            System.out.printf("    %-7s", sc.name());
            for (double[] x : t) {
                Arrays.sort(x);
                System.out.printf(" %14.1f", percentile(x, 0.5));
            }
            System.out.printf(" %,14d%n", dailyRows);
            if (!plans.isEmpty()) {
                System.out.println("    plans at " + sc.name() + " scale:");
                plans.forEach(l -> System.out.println("      " + l));
            }
        }
    }

    private static final java.util.regex.Pattern LONG_ARRAY = java.util.regex.Pattern.compile("'\\{([0-9,]{60,})\\}'");

    /** How a statement is planned: as PostgreSQL would for one execution, or from its plan cache. */
    private enum Planning {
        /** Planned for the arguments at hand: what an unnamed statement (a connection's first five executions) gets. */
        CUSTOM,
        /** The generic plan, forced. */
        GENERIC,
        /** A prepared statement after ten executions with plan_cache_mode auto: what a pooled connection runs from then on. */
        CACHED
    }

    /**
     * {@code EXPLAIN (ANALYZE, BUFFERS)} of a statement of IndicatorMapper.xml with these arguments,
     * planned as {@code planning} says, preceded by the median time of five executions planned so.
     */
    private static List<String> plan(SqlSession s, String statement, MapperMethod.ParamMap<Object> args, Planning planning) {
        MappedStatement ms = s.getConfiguration().getMappedStatement("vn.caunoi.core.indicator.IndicatorMapper." + statement);
        BoundSql bound = ms.getBoundSql(args);
        Connection c = s.getConnection();
        List<String> lines = new ArrayList<>();
        try {
            String run;
            if (planning == Planning.CUSTOM) {
                run = bound.getSql();
            } else {
                // PREPARE with $n for MyBatis's ?, then EXECUTE with the same arguments bound to its ?.
                StringBuilder sql = new StringBuilder();
                int n = 0;
                for (char ch : bound.getSql().toCharArray()) {
                    sql.append(ch == '?' ? "$" + (++n) : String.valueOf(ch));
                }
                try (Statement st = c.createStatement()) {
                    st.execute("set plan_cache_mode = " + (planning == Planning.GENERIC ? "force_generic_plan" : "auto"));
                    st.execute("prepare bench_q as " + sql);
                }
                // EXECUTE takes no bind parameters: the arguments go as literals, typed by the prepared statement.
                org.apache.ibatis.reflection.MetaObject values = s.getConfiguration().newMetaObject(args);
                List<String> literals = new ArrayList<>();
                for (org.apache.ibatis.mapping.ParameterMapping pm : bound.getParameterMappings()) {
                    literals.add(literal(values.getValue(pm.getProperty())));
                }
                run = "execute bench_q(" + String.join(", ", literals) + ")";
                for (int i = 0; planning == Planning.CACHED && i < 10; i++) {
                    execute(c, ms, args, bound, run);
                }
            }
            double[] ms5 = new double[5];
            for (int i = 0; i < ms5.length; i++) {
                long t0 = System.nanoTime();
                execute(c, ms, args, bound, run);
                ms5[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms5);
            lines.add(String.format(Locale.ROOT, "median of 5 executions: %.1f ms", percentile(ms5, 0.5)));
            try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + run)) {
                ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                if (planning == Planning.CUSTOM) {
                    new DefaultParameterHandler(ms, args, bound).setParameters(ps);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // The arrays of unit ids make a line thousands of characters long: their size says enough.
                        lines.add(LONG_ARRAY.matcher(rs.getString(1)).replaceAll(m -> "'{" + m.group(1).split(",").length + " ids}'"));
                    }
                }
            }
            if (planning != Planning.CUSTOM) {
                try (Statement st = c.createStatement()) {
                    st.execute("deallocate bench_q");
                    st.execute("reset plan_cache_mode");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[] array) {
            List<String> items = new ArrayList<>();
            for (Object o : array) {
                items.add(o instanceof String t ? "\"" + t + "\"" : String.valueOf(o));
            }
            return "'{" + String.join(",", items).replace("'", "''") + "}'";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** Runs a statement once, never server-prepared by the driver (so that only PostgreSQL's planning applies). */
    private static void execute(Connection c, MappedStatement ms, MapperMethod.ParamMap<Object> args, BoundSql bound, String sql)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            if (sql.contains("?")) {
                new DefaultParameterHandler(ms, args, bound).setParameters(ps);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
    }

    /** The id of the unit with this code on that date. */
    private static long unitId(HikariDataSource ds, String code, LocalDate on) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id from admin_unit where code = ? and valid_from <= ? and (valid_to is null or valid_to > ?)")) {
            ps.setString(1, code);
            ps.setObject(2, on);
            ps.setObject(3, on);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Daily count rows of VNeID at the adopted stage or later from the first of the month of
     * {@code day} to it, in every village: what the adopters statement reads besides the monthly
     * levels for a date that is not a month's end.
     */
    private static long dailyRows(HikariDataSource ds, LocalDate day) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from adoption_count where service_code = 'vneid' and stage_code = any(?) "
                        + "and day between date_trunc('month', ?::date)::date and ?")) {
            ps.setArray(1, c.createArrayOf("text", ADOPTED_AND_LATER));
            ps.setObject(2, day);
            ps.setObject(3, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Per table: blocks touched (heap, index, shared hits and reads), sequential scans, index scans. */
    private static Map<String, long[]> tableStats(HikariDataSource ds) throws SQLException {
        Map<String, long[]> stats = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("""
                    select t.relname,
                           coalesce(io.heap_blks_read, 0) + coalesce(io.heap_blks_hit, 0) + coalesce(io.idx_blks_read, 0)
                             + coalesce(io.idx_blks_hit, 0),
                           coalesce(t.seq_scan, 0), coalesce(t.idx_scan, 0)
                    from pg_stat_user_tables t join pg_statio_user_tables io on io.relid = t.relid""")) {
                while (rs.next()) {
                    stats.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return stats;
    }

    private static long[] minus(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
