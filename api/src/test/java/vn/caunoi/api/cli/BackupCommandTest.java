package vn.caunoi.api.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.demo.DemoData;
import vn.caunoi.demo.DemoTeams;
import vn.caunoi.core.privacy.PersonalDataKeys;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.testkit.SimpleDataSource;
import vn.caunoi.testkit.TestDatabases;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup} and {@code restore} against external PostgreSQL databases (the embedded one is
 * covered by {@code BackupRestoreIT}): every table back with its rows, the key's fingerprint with
 * them, a non-empty target and a damaged file refused.
 */
class BackupCommandTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return Commands.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static String[] server(String url, Path dataDir) {
        return new String[] {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--caunoi.data-dir=" + dataDir};
    }

    static String[] with(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void an_external_database_is_backed_up_and_restored_into_an_empty_one_row_for_row(@TempDir Path dir) throws Exception {
        String sourceUrl = TestDatabases.freshDatabaseUrl();
        SimpleDataSource source = new SimpleDataSource(sourceUrl, "postgres", "postgres");
        byte[] key = PersonalDataProtector.newKey();
        CauNoi caunoi = CauNoi.create(source, key);
        PersonalDataKeys.verify(source, key);
        DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), Actor.system(), true);
        DemoTeams.load(caunoi, Actor.system());

        Path file = dir.resolve("nightly.zip");
        assertThat(run("backup", with(file.toString(), server(sourceUrl, dir.resolve("a"))))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("backup written", PersonalDataKeys.shortForm(PersonalDataKeys.fingerprint(key)));

        String targetUrl = TestDatabases.freshDatabaseUrl();
        SimpleDataSource target = new SimpleDataSource(targetUrl, "postgres", "postgres");
        out.reset();
        assertThat(run("restore", with(file.toString(), server(targetUrl, dir.resolve("b"))))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("every table's row count equals the backup's", "running counts exact");

        List<String> tables = ImportCommandTest.column(source, "select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = current_schema() and c.relkind = 'r' order by 1");
        assertThat(tables).contains("admin_unit", "team", "member", "personal_data_key");
        for (String table : tables) {
            String count = "select count(*) from \"" + table + "\"";
            assertThat(ImportCommandTest.column(target, count)).as(table).isEqualTo(ImportCommandTest.column(source, count));
        }
        assertThat(PersonalDataKeys.verify(target, key)).as("the key's fingerprint came with the data").isEqualTo(PersonalDataKeys.Outcome.MATCHES);
        // the restored sequences are past the restored ids: a new row gets a new id
        assertThat(ImportCommandTest.column(target, "select nextval(pg_get_serial_sequence('team', 'id')) > (select max(id) from team)"))
                .containsExactly("t");

        err.reset();
        assertThat(run("restore", with(file.toString(), server(targetUrl, dir.resolve("b"))))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already holds data");

        Path damaged = Files.write(dir.resolve("damaged.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThat(run("restore", with(damaged.toString(), server(TestDatabases.freshDatabaseUrl(), dir.resolve("c"))))).isEqualTo(65);
        assertThat(run("restore")).isEqualTo(64);
        assertThat(run("backup")).isEqualTo(64);

        // the operator matches her key's backup with the data: the same fingerprint as the backup printed
        out.reset();
        assertThat(run("key-fingerprint", "--caunoi.personal-data-key=" + java.util.Base64.getEncoder().encodeToString(key))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(PersonalDataKeys.shortForm(PersonalDataKeys.fingerprint(key)));
        assertThat(run("key-fingerprint", "--caunoi.data-dir=" + dir.resolve("no-keys-here"))).isEqualTo(78);
    }
}
