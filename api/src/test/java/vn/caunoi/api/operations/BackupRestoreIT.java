package vn.caunoi.api.operations;

import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.caunoi.api.operations.JarRuns.JAR;
import static vn.caunoi.api.operations.JarRuns.LOGS;

/**
 * A backup taken with the jar's command while the server takes writes, restored with the jar's
 * command into a fresh data directory: every table holds the rows of the backup's snapshot, the
 * running counts equal a recomputation from the events, everything acknowledged before the backup
 * began is there, and a server started on it with the key serves it.
 */
class BackupRestoreIT {

    @Test
    void a_backup_taken_under_writes_restores_every_row_into_a_fresh_directory_and_a_working_server() throws Exception {
        Path source = Files.createTempDirectory(Path.of("target"), "it-backup-source-");
        Path target = Files.createTempDirectory(Path.of("target"), "it-backup-target-");
        Files.delete(target);
        Path backups = Files.createTempDirectory(Path.of("target"), "it-backups-");
        Map<String, String> before;
        try (ServerProcess server = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + source,
                "--caunoi.limits.mutations-per-minute=100000").signIn("province-admin")) {
            List<String> villages = JarRuns.villages(server);
            try (JarRuns.Recorder recorder = new JarRuns.Recorder(server, villages, 100_000)) {
                JarRuns.await(60, () -> recorder.acknowledgedCount() >= 20, "20 acknowledged records");
                before = Map.copyOf(recorder.acknowledged);

                // when a backup is taken while the writes go on
                JarRuns.Run backup = JarRuns.run(180, "backup", backups.toString(), "--keep", "2", "--caunoi.data-dir=" + source);
                assertThat(backup.exitCode()).as(backup.output()).isZero();
                assertThat(backup.output()).contains("a server is running on", "backup written:");
                int during = recorder.acknowledgedCount();
                JarRuns.await(60, () -> recorder.acknowledgedCount() > during + 5, "writes go on after the backup");
                assertThat(recorder.failures).as("the server kept serving during the backup").isEmpty();
            }
        }
        Path file;
        try (var files = Files.list(backups)) {
            file = files.filter(f -> f.getFileName().toString().matches("caunoi-\\d{8}-\\d{6}\\.zip")).findFirst().orElseThrow();
        }
        Properties manifest = new Properties();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            manifest.load(zip.getInputStream(zip.getEntry("manifest.properties")));
        }

        // then it restores into a fresh data directory, checked table by table and count by count
        JarRuns.Run restore = JarRuns.run(300, "restore", file.toString(), "--caunoi.data-dir=" + target);
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("every table's row count equals the backup's", "running counts exact");
        // a second restore over it is refused and changes nothing
        JarRuns.Run again = JarRuns.run(300, "restore", file.toString(), "--caunoi.data-dir=" + target);
        assertThat(again.exitCode()).as(again.output()).isEqualTo(2);
        assertThat(again.output()).contains("already holds data");

        // and a server started on it with the key serves it: every table's rows, the counts exact, the old records found
        Files.createDirectories(target.resolve("keys"));
        Files.copy(source.resolve("keys/personal-data.key"), target.resolve("keys/personal-data.key"));
        try (ServerProcess restored = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + target, "--caunoi.demo-data=false")
                .signIn("province-admin")) {
            Map<String, Long> counts = rowCounts(target, List.of(manifest.getProperty("tables").split(",")));
            Map<String, Long> expected = new LinkedHashMap<>();
            counts.keySet().forEach(t -> expected.put(t, Long.parseLong(manifest.getProperty("table." + t + ".rows"))));
            assertThat(counts).isEqualTo(expected);
            assertThat(counts.get("adoption_event")).isPositive();
            assertThat(restored.graphql(ServerProcess.query("{ adoptionCountCheck { exact } }"))).contains("\"exact\":true");
            JarRuns.Run check = JarRuns.run(180, "check-counts", "--caunoi.data-dir=" + target);
            assertThat(check.exitCode()).as(check.output()).isZero();
            for (Map.Entry<String, String> ack : before.entrySet()) {
                assertThat(JarRuns.post(restored, ack.getValue()).body()).as("acknowledged before the backup: %s", ack.getKey())
                        .contains("\"replayed\":true");
            }
        }
    }

    /** Rows per table, read straight from the embedded PostgreSQL of {@code dataDir} (running). */
    private static Map<String, Long> rowCounts(Path dataDir, List<String> tables) throws Exception {
        int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip());
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
             Statement st = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("select count(*) from \"" + t + "\"")) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
