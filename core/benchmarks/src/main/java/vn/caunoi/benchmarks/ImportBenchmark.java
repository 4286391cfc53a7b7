package vn.caunoi.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.demo.DemoData;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.plugins.vneid.VneidService;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators;
import vn.caunoi.core.indicator.Indicators.RateQuery;
import vn.caunoi.core.indicator.Period;
import vn.caunoi.testkit.PendingCounts;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bulk import against plain PostgreSQL COPY, same rows, same run: a generated list of VNeID level 2
 * activations (citizen ID, birth year, sex, village, date) over the demo villages of Thái Bình and
 * Hưng Yên. Prints three rows/s figures: COPY of the file into a bare table; COPY of what the import
 * writes (residents, residences, events, daily counts, monthly levels) into the same tables of a
 * fresh database (the schema's own limit, see {@link #schemaLimit}); and the import. Then the ratios
 * of the import to both and the peak heap.
 *
 * <p>Run: {@code mvn -pl core/benchmarks -am -DskipTests package exec:exec} (1,000,000 rows, 256 MB
 * heap); {@code -Dbenchmark.args=200000} for fewer rows; the JVM option {@code -Dbenchmark.chunk=N}
 * imports in chunks of N rows instead of the default. docs/benchmarks.md also runs it with plain
 * {@code java} on the packaged class path.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean xlsx = args.length > 1 && args[1].equalsIgnoreCase("xlsx");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(TestDatabases.freshDatabaseUrl());
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(4);
        HikariDataSource ds = new HikariDataSource(pool);
        CauNoi caunoi = CauNoi.create(ds, PersonalDataProtector.newKey());
        Actor system = Actor.system();
        DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), system, true);
        caunoi.digitalServices().register(system, "vneid", "benchmark", List.of(new VneidService()));

        Path file = Files.createTempFile("caunoi-benchmark-", ".csv");
        List<String> villages = villages(ds);
        long generated = generate(file, rows, villages);
        System.out.printf("generated %,d rows over %,d villages: %,d bytes of CSV%n", rows, villages.size(), generated);
        Path imported = file;
        if (xlsx) {
            imported = Files.createTempFile("caunoi-benchmark-", ".xlsx");
            System.out.printf("the same rows as XLSX with a shared-strings table: %,d bytes%n", generateXlsx(imported, rows, villages));
        }

        double copy1 = plainCopy(ds, file, "bare_copy_1");
        long started = System.nanoTime();
        int chunk = Integer.getInteger("benchmark.chunk", ImportJobs.DEFAULT_CHUNK);
        ImportJob job = caunoi.imports().withChunkSize(chunk).run(system, new ImportJobs.Request(ImportJob.Kind.ADOPTION, imported, xlsx ? "activations.xlsx" : "activations.csv",
                Map.of("service", "vneid", "stage", "LEVEL_2_ACTIVATED", "attr.verificationPlace", "COMMUNE_POLICE",
                        "agency", "Công an tỉnh (benchmark)")), j -> {
            if (j.rowsDone() % 200_000 < chunk) {
                System.out.printf("  %,10d rows  %,8.0f rows/s  %5.1f%%  ETA %s s%n", j.rowsDone(), j.rowsPerSecond(), j.fractionDone() == null ? 0 : 100 * j.fractionDone(),
                        j.etaSeconds() == null ? "?" : String.format("%.0f", j.etaSeconds()));
            }
        });
        double ours = (System.nanoTime() - started) / 1e9;
        double copy2 = plainCopy(ds, file, "bare_copy_2");
        String inPlace = updatesInPlace(ds);
        if (job.state() != ImportJob.State.DONE || job.rowsAccepted() != rows) {
            throw new IllegalStateException("import ended " + job.state() + " with " + job.rowsAccepted() + " rows: " + job.failure());
        }
        // The import's time includes folding its count changes into the counts: none may be left.
        long pending = count(ds, "select (select count(*) from adoption_count_pending) + (select count(*) from adoption_month_pending)");
        if (pending != 0) {
            throw new IllegalStateException(pending + " count changes left pending after the import");
        }
        // Twice, the better kept (as for the bare COPY): the ratio is then against the faster limit.
        SchemaLimit limit1 = schemaLimit(ds);
        SchemaLimit limit2 = schemaLimit(ds);
        SchemaLimit limit = limit1.seconds() <= limit2.seconds() ? limit1 : limit2;
        long checkStart = System.nanoTime();
        boolean exact = caunoi.counts().checkCounts(system).exact();
        double check = (System.nanoTime() - checkStart) / 1e9;

        // What the dashboard pays while an import's changes are pending: the rates of the province's
        // communes with the larger half of every count of the import pending (more than an import
        // leaves at any moment: it folds its daily changes behind each chunk) against none pending.
        RateQuery rates = new RateQuery("33", UnitLevel.COMMUNE, "vneid", null, Period.upTo(LocalDate.of(2025, 12, 15)), LocalDate.now());
        List<Indicators.AdoptionRate> folded = caunoi.rates().adoptionRates(system, rates);
        double foldedMillis = medianMillis(() -> caunoi.rates().adoptionRates(system, rates));
        PendingCounts.unfold(ds, 1, 0);
        long pendingRows = count(ds, "select (select count(*) from adoption_count_pending) + (select count(*) from adoption_month_pending)");
        List<Indicators.AdoptionRate> unfolded = caunoi.rates().adoptionRates(system, rates);
        double pendingMillis = medianMillis(() -> caunoi.rates().adoptionRates(system, rates));
        if (!unfolded.equals(folded)) {
            throw new IllegalStateException("the rates differ while the counts are pending");
        }

        double copy = Math.min(copy1, copy2);
        System.out.println();
        System.out.printf("rows                               %,d%n", rows);
        System.out.printf("1. COPY into a bare table          %6.1f s  %,9.0f rows/s  (runs: %.1f s, %.1f s)%n", copy, rows / copy, copy1, copy2);
        System.out.printf("2. COPY into the import's tables   %6.1f s  %,9.0f rows/s  (runs: %.1f s, %.1f s; %s)%n", limit.seconds(),
                rows / limit.seconds(), limit1.seconds(), limit2.seconds(), limit.detail());
        System.out.printf("3. Cầu Nối import from %-4s        %6.1f s  %,9.0f rows/s%n", xlsx ? "XLSX" : "CSV", ours, rows / ours);
        System.out.printf("ratio import / bare COPY           %6.3f%n", copy / ours);
        System.out.printf("ratio import / schema limit        %6.3f%n", limit.seconds() / ours);
        System.out.printf("max heap                           %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("peak heap used (sum of the pools' peaks: an upper bound) %,d MB%n", peakHeap() >> 20);
        System.out.printf("count rows updated in place (HOT)  %s%n", inPlace);
        System.out.printf("counts recheck                     %s in %.1f s%n", exact ? "exact" : "DIFFERENT", check);
        System.out.printf("rates of the %d communes, median   %.1f ms with nothing pending, %.1f ms with %,d rows of count changes pending (same answers)%n",
                folded.size(), foldedMillis, pendingMillis, pendingRows);
        System.out.printf("cores                              %d%n", Runtime.getRuntime().availableProcessors());
        Files.delete(file);
        Files.deleteIfExists(imported);
        System.exit(exact ? 0 : 1);
    }

    private static List<String> villages(DataSource ds) throws SQLException {
        List<String> codes = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select code from admin_unit where level = 'VILLAGE' and valid_to is null order by code")) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    /** Row {@code i}: a unique valid citizen ID (province 034 or 033), birth year, sex, village and a date in 2024–2025. */
    private record Row(String citizenId, int year, boolean female, String village, LocalDate day) {
        static Row of(int i, List<String> villages) {
            Random random = new Random(20250701L * 31 + i);
            int year = 1940 + random.nextInt(70);
            boolean female = random.nextBoolean();
            String id = (i % 2 == 0 ? "034" : "033") + ((year - 1900) / 100 * 2 + (female ? 1 : 0)) + String.format("%02d", year % 100)
                    + String.format("%06d", (i / 2) % 1_000_000);
            return new Row(id, year, female, villages.get(random.nextInt(villages.size())), FIRST_DAY.plusDays(random.nextInt(DAYS)));
        }
    }

    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 6, 1);
    private static final int DAYS = 540;

    private static long generate(Path file, int rows, List<String> villages) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("citizen_id,birth_year,sex,village_code,occurred_on\n");
            for (int i = 0; i < rows; i++) {
                Row r = Row.of(i, villages);
                out.write(r.citizenId() + "," + r.year() + "," + (r.female() ? "FEMALE" : "MALE") + "," + r.village() + "," + r.day() + "\n");
            }
        }
        return Files.size(file);
    }

    /**
     * The same rows as an XLSX workbook the way Excel saves one: every text in the shared-strings
     * table (a million citizen IDs typed as text), written part by part so that generating it needs
     * no memory either.
     */
    private static long generateXlsx(Path file, int rows, List<String> villages) throws IOException {
        Map<String, Integer> fixed = new java.util.LinkedHashMap<>();
        for (String h : List.of("citizen_id", "birth_year", "sex", "village_code", "occurred_on", "MALE", "FEMALE")) {
            fixed.put(h, rows + fixed.size());
        }
        villages.forEach(v -> fixed.put(v, rows + fixed.size()));
        for (int d = 0; d < DAYS; d++) {
            fixed.put(FIRST_DAY.plusDays(d).toString(), rows + fixed.size());
        }
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file));
             java.io.Writer out = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8)) {
            part(zip, out, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
                    </Types>""");
            part(zip, out, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            part(zip, out, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            part(zip, out, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                    </Relationships>""");
            part(zip, out, "xl/styles.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                    <fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>
                    <cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>""");
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\""
                    + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:E" + (rows + 1) + "\"/><sheetData>");
            out.write("<row r=\"1\">");
            String[] header = {"citizen_id", "birth_year", "sex", "village_code", "occurred_on"};
            for (int c = 0; c < header.length; c++) {
                out.write("<c r=\"" + (char) ('A' + c) + "1\" t=\"s\"><v>" + fixed.get(header[c]) + "</v></c>");
            }
            out.write("</row>");
            for (int i = 0; i < rows; i++) {
                Row r = Row.of(i, villages);
                int line = i + 2;
                out.write("<row r=\"" + line + "\"><c r=\"A" + line + "\" t=\"s\"><v>" + i + "</v></c><c r=\"B" + line + "\"><v>" + r.year()
                        + "</v></c><c r=\"C" + line + "\" t=\"s\"><v>" + fixed.get(r.female() ? "FEMALE" : "MALE") + "</v></c><c r=\"D" + line
                        + "\" t=\"s\"><v>" + fixed.get(r.village()) + "</v></c><c r=\"E" + line + "\" t=\"s\"><v>" + fixed.get(r.day().toString())
                        + "</v></c></row>");
            }
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            int unique = rows + fixed.size();
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\""
                    + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + (rows * 4 + 5) + "\" uniqueCount=\"" + unique + "\">");
            for (int i = 0; i < rows; i++) {
                out.write("<si><t>" + Row.of(i, villages).citizenId() + "</t></si>");
            }
            for (String text : fixed.keySet()) {
                out.write("<si><t>" + text + "</t></si>");
            }
            out.write("</sst>");
            out.flush();
            zip.closeEntry();
        }
        return Files.size(file);
    }

    private static void part(java.util.zip.ZipOutputStream zip, java.io.Writer out, String name, String xml) throws IOException {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        out.write(xml);
        out.flush();
        zip.closeEntry();
    }

    /** Seconds of the schema's limit and of each table in it. */
    private record SchemaLimit(double seconds, String detail) {
    }

    /**
     * What the import writes, as rows (citizen HMACs, masks, resident ids, counts and monthly levels
     * all computed already), is copied out of the imported database and then, timed, copied into a
     * fresh database migrated with the same schema: the same tables with the same indexes,
     * constraints and triggers, in one transaction. What that takes is the database's own work for
     * these rows; nothing the import computes is in it. Resident ids are renumbered 1…n in id order,
     * as the fresh database's identity gives them.
     */
    private static SchemaLimit schemaLimit(DataSource imported) throws Exception {
        String rank = "(select id, row_number() over (order by id) as n from resident)";
        Map<String, String> tables = new java.util.LinkedHashMap<>();
        tables.put("resident (citizen_hmac, citizen_masked, birth_year, sex, household_hmac)",
                "select citizen_hmac, citizen_masked, birth_year, sex, household_hmac from resident order by id");
        tables.put("residence (resident_id, village_id, valid_from, valid_to)",
                "select k.n, r.village_id, r.valid_from, r.valid_to from residence r join " + rank + " k on k.id = r.resident_id "
                        + "order by r.resident_id, r.valid_from");
        tables.put("adoption_event (resident_id, village_id, service_code, stage_code, stage_order, kind, occurred_on, source, team_id, "
                        + "member_id, import_job_id, attributes, client_recorded_at)",
                "select k.n, e.village_id, e.service_code, e.stage_code, e.stage_order, e.kind, e.occurred_on, e.source, e.team_id, "
                        + "e.member_id, e.import_job_id, e.attributes, e.client_recorded_at from adoption_event e join " + rank
                        + " k on k.id = e.resident_id order by e.id");
        tables.put("adoption_count (village_id, service_code, stage_code, day, entered, \"left\")",
                "select village_id, service_code, stage_code, day, entered, \"left\" from adoption_count order by 1, 2, 3, 4");
        tables.put("adoption_month (service_code, month, village_id, stage_code, level)",
                "select service_code, month, village_id, stage_code, level from adoption_month order by 1, 2, 3, 4");
        List<Path> files = new ArrayList<>();
        try (Connection c = imported.getConnection()) {
            for (String select : tables.values()) {
                Path f = Files.createTempFile("caunoi-schema-limit-", ".bin");
                try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(f))) {
                    c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + select + ") to stdout (format binary)", out);
                }
                files.add(f);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.freshDatabaseUrl());
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(2);
        try (HikariDataSource fresh = new HikariDataSource(config)) {
            new vn.caunoi.core.store.Database(fresh, null);
            try (Connection c = fresh.getConnection(); Statement st = c.createStatement()) {
                StringBuilder detail = new StringBuilder();
                long started = System.nanoTime();
                c.setAutoCommit(false);
                int i = 0;
                for (String table : tables.keySet()) {
                    long t = System.nanoTime();
                    try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(files.get(i++)))) {
                        long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin (format binary)", in);
                        detail.append(detail.length() == 0 ? "" : ", ").append(table, 0, table.indexOf(' '))
                                .append(String.format(" %,d rows %.1f s", n, (System.nanoTime() - t) / 1e9));
                    }
                }
                st.execute("update adoption_horizon set month = (select max(month) from adoption_month)");
                c.commit();
                double seconds = (System.nanoTime() - started) / 1e9;
                for (Path f : files) {
                    Files.delete(f);
                }
                return new SchemaLimit(seconds, detail.toString());
            }
        }
    }

    private static double plainCopy(DataSource ds, Path file, String table) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("create table " + table + " (citizen_id text, birth_year int, sex text, village_code text, occurred_on date)");
            long started = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin (format csv, header true)", in);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            st.execute("drop table " + table);
            return seconds;
        }
    }

    /**
     * How many of the count tables' updates stayed on their page (no new index entry): what their
     * fillfactor is for. PostgreSQL reports a session's counters within a second of its commit; the
     * bare COPY before this gives it that second.
     */
    /** The median time of 15 calls after 5 unmeasured ones. */
    private static double medianMillis(Runnable call) {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        double[] millis = new double[15];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String updatesInPlace(DataSource ds) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select relname, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables "
                     + "where relname in ('adoption_count', 'adoption_month') order by relname")) {
            while (rs.next()) {
                b.append(b.length() == 0 ? "" : "; ").append(rs.getString(1))
                        .append(String.format(" %,d of %,d", rs.getLong(3), rs.getLong(2)));
            }
        }
        return b.toString();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
