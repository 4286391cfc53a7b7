package vn.caunoi.api.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.demo.DemoData;
import vn.caunoi.testkit.SimpleDataSource;
import vn.caunoi.testkit.TestDatabases;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code import} and {@code check-counts} from the command line, against a real database and the real plugins. */
class ImportCommandTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int importFile(String... args) {
        return ImportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void imports_a_police_list_with_progress_reports_its_rejections_and_changes_nothing_the_second_time(@TempDir Path dir) throws Exception {
        String url = TestDatabases.freshDatabaseUrl();
        SimpleDataSource ds = new SimpleDataSource(url, "postgres", "postgres");
        DemoData.importAdministrativeUnits(CauNoi.create(ds).hierarchyImporter(), Actor.system(), true);
        List<String> villages = column(ds, "select code from admin_unit where level = 'VILLAGE' and valid_to is null order by code limit 5");
        StringBuilder csv = new StringBuilder("Số định danh;Năm sinh;Mã thôn;Ngày\n");
        for (int n = 1; n <= 30; n++) {
            csv.append("0341").append(String.format("%02d", 60 + n % 30)).append(String.format("%06d", 700_000 + n)).append(';')
                    .append(1960 + n % 30).append(';').append(villages.get(n % 5)).append(';').append(String.format("%02d/03/2025", 1 + n % 28))
                    .append('\n');
        }
        csv.append("034199000001;1999;00000.00;01/03/2025\n").append("999199000001;1999;").append(villages.get(0)).append(";01/03/2025\n");
        Path list = Files.writeString(dir.resolve("cong-an-tinh-level2.csv"), csv.toString());
        Path report = dir.resolve("rejections.csv");
        String[] server = {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--caunoi.data-dir=" + dir.resolve("data"), "--caunoi.plugins-dir=" + Path.of("target", "plugins").toAbsolutePath()};
        List<String> args = new ArrayList<>(List.of(list.toString(), "--service", "vneid", "--stage", "LEVEL_2_ACTIVATED",
                "--attr", "verificationPlace=COMMUNE_POLICE", "--agency", "Công an tỉnh", "--report", report.toString()));
        args.addAll(List.of(server));

        assertThat(importFile(args.toArray(String[]::new))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out()).contains("rows/s").contains("ETA").contains("DONE: 32 rows, 30 accepted, 2 rejected")
                .contains("line 32, village_code: UNKNOWN_VILLAGE").contains("line 33, citizen_id: UNKNOWN_PROVINCE_CODE");
        assertThat(Files.readString(report)).startsWith("\uFEFFline,column,code,reason").doesNotContain("999199000001");
        long events = Long.parseLong(column(ds, "select count(*) from adoption_event").get(0));
        assertThat(events).isEqualTo(30);

        out.reset();
        assertThat(importFile(args.toArray(String[]::new))).isZero();
        assertThat(out()).contains("DONE: 32 rows, 30 accepted, 2 rejected").doesNotContain("rows/s");
        assertThat(Long.parseLong(column(ds, "select count(*) from adoption_event").get(0))).isEqualTo(events);

        out.reset();
        assertThat(CheckCountsCommand.run(server, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(out()).contains("running counts exact");

        List<String> refused = new ArrayList<>(List.of(list.toString(), "--service", "nope", "--stage", "X"));
        refused.addAll(List.of(server));
        assertThat(importFile(refused.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parameters.service: UNKNOWN_SERVICE");
        assertThat(importFile("--service")).isEqualTo(64);
        assertThat(importFile(dir.resolve("missing.csv").toString())).isEqualTo(66);
    }

    static List<String> column(SimpleDataSource ds, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
