package vn.caunoi.api.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.caunoi.demo.DemoData;
import vn.caunoi.testkit.TestDatabases;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImportUnitsCommandTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return ImportUnitsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void imports_a_list_then_a_change_file_and_refuses_a_bad_file_naming_line_and_column(@TempDir Path dir) throws Exception {
        String db = "--spring.datasource.url=" + TestDatabases.freshDatabaseUrl();
        Path first = Files.write(dir.resolve("snapshot-2024-05-01.csv"), vn.caunoi.core.hierarchy.ReferenceUnits.file("snapshot-2024-05-01.csv"));
        Path changes = Files.write(dir.resolve("changes-2024-11-01.csv"), vn.caunoi.core.hierarchy.ReferenceUnits.file("changes-2024-11-01.csv"));
        Path bad = Files.writeString(dir.resolve("bad.csv"), """
                effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis
                2025-01-01,COMMUNE,99999,Xã Lạ,88888,Xã Ma,full,x
                """);
        String credentials = "--spring.datasource.username=postgres";
        String password = "--spring.datasource.password=postgres";

        assertThat(run("--snapshot", first.toString(), db, credentials, password)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("snapshot-2024-05-01.csv: 441 unit(s) created");
        assertThat(run("--changes", changes.toString(), db, credentials, password)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("changes-2024-11-01.csv: ");
        assertThat(run("--changes", changes.toString(), db, credentials, password)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already imported");

        assertThat(run("--changes", bad.toString(), db, credentials, password)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.csv:2 [old_code]: no unit has code 88888");
    }

    @Test
    void bad_usage_says_how_to_call_it() {
        assertThat(run("--snapshot")).isEqualTo(64);
        assertThat(run("--changes", "a.csv", "--snapshot", "b.csv")).isEqualTo(64);
        assertThat(run("--snapshot", "list.csv")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar caunoi-api.jar import-units");
    }
}
