package vn.caunoi.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.demo.DemoData;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.plugins.vneid.VneidService;
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
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bulk import against plain PostgreSQL COPY, same rows, same database, same run: a generated list
 * of VNeID level 2 activations (citizen ID, birth year, sex, village, date) over the demo villages
 * of Thái Bình and Hưng Yên. Prints rows/s of both, their ratio and the peak heap.
 *
 * <p>Run: {@code mvn -pl core/benchmarks -am -DskipTests package exec:exec} (1,000,000 rows, 256 MB
 * heap); {@code -Dbenchmark.args=200000} for fewer rows.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
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
        System.out.printf("generated %,d rows over %,d villages: %,d bytes%n", rows, villages.size(), generated);

        double copy1 = plainCopy(ds, file, "bare_copy_1");
        long started = System.nanoTime();
        ImportJob job = caunoi.imports().run(system, new ImportJobs.Request(ImportJob.Kind.ADOPTION, file, "activations.csv",
                Map.of("service", "vneid", "stage", "LEVEL_2_ACTIVATED", "attr.verificationPlace", "COMMUNE_POLICE",
                        "agency", "Công an tỉnh (benchmark)")), j -> {
            if (j.rowsDone() % 200_000 < ImportJobs.DEFAULT_CHUNK) {
                System.out.printf("  %,10d rows  %,8.0f rows/s  %5.1f%%  ETA %s s%n", j.rowsDone(), j.rowsPerSecond(), 100 * j.fractionDone(),
                        j.etaSeconds() == null ? "?" : String.format("%.0f", j.etaSeconds()));
            }
        });
        double ours = (System.nanoTime() - started) / 1e9;
        double copy2 = plainCopy(ds, file, "bare_copy_2");
        if (job.state() != ImportJob.State.DONE || job.rowsAccepted() != rows) {
            throw new IllegalStateException("import ended " + job.state() + " with " + job.rowsAccepted() + " rows: " + job.failure());
        }
        long checkStart = System.nanoTime();
        boolean exact = caunoi.residents().checkCounts(system).exact();
        double check = (System.nanoTime() - checkStart) / 1e9;

        double copy = Math.min(copy1, copy2);
        System.out.println();
        System.out.printf("rows                         %,d%n", rows);
        System.out.printf("plain COPY into a bare table %6.1f s  %,9.0f rows/s  (runs: %.1f s, %.1f s)%n", copy, rows / copy, copy1, copy2);
        System.out.printf("Cầu Nối import               %6.1f s  %,9.0f rows/s%n", ours, rows / ours);
        System.out.printf("ratio (ours / COPY)          %6.2f%n", copy / ours);
        System.out.printf("max heap                     %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("peak heap used               %,d MB%n", peakHeap() >> 20);
        System.out.printf("counts recheck               %s in %.1f s%n", exact ? "exact" : "DIFFERENT", check);
        System.out.printf("cores                        %d%n", Runtime.getRuntime().availableProcessors());
        Files.delete(file);
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

    /** Unique valid citizen IDs (province 034 and 033, century-and-sex digit, year, serial), dates in 2024–2025. */
    private static long generate(Path file, int rows, List<String> villages) throws IOException {
        Random random = new Random(20250701);
        LocalDate first = LocalDate.of(2024, 6, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("citizen_id,birth_year,sex,village_code,occurred_on\n");
            for (int i = 0; i < rows; i++) {
                int year = 1940 + random.nextInt(70);
                boolean female = random.nextBoolean();
                String id = (i % 2 == 0 ? "034" : "033") + ((year - 1900) / 100 * 2 + (female ? 1 : 0)) + String.format("%02d", year % 100)
                        + String.format("%06d", (i / 2) % 1_000_000);
                out.write(id + "," + year + "," + (female ? "FEMALE" : "MALE") + "," + villages.get(random.nextInt(villages.size())) + ","
                        + first.plusDays(random.nextInt(540)) + "\n");
            }
        }
        return Files.size(file);
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
