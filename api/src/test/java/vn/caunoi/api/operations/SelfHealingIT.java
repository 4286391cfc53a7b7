package vn.caunoi.api.operations;

import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.caunoi.api.operations.JarRuns.JAR;
import static vn.caunoi.api.operations.JarRuns.LOGS;

/**
 * The server jar and its embedded PostgreSQL as an operator meets them, with real faults:
 * PostgreSQL killed under a server that is taking writes, the JVM killed (leaving its PostgreSQL
 * orphaned), a second server on the same directory, a wrong personal-data key, a damaged data
 * directory, and {@code --help}.
 */
class SelfHealingIT {

    private static final String TOKEN = "it-management-token";

    @Test
    void help_prints_the_commands_and_exit_codes_and_exits_0() {
        JarRuns.Run help = JarRuns.run(60, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("backup DIR|FILE", "restore FILE", "check-counts", "import-units", "--caunoi.data-dir",
                "exit codes", "78 configuration").doesNotContain("Tomcat");
        assertThat(JarRuns.run(60, "no-such-command").exitCode()).isEqualTo(64);
    }

    @Test
    void postgresql_killed_under_load_heals_without_a_restart_and_loses_no_acknowledged_write_then_a_killed_jvm_restarts_cleanly()
            throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "it-heal-");
        // Rates are not what this test is about: the recorder writes faster than a person.
        try (ServerProcess server = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir, "--caunoi.management.token=" + TOKEN,
                "--caunoi.limits.mutations-per-minute=100000")
                .signIn("province-admin")) {
            List<String> villages = JarRuns.villages(server);
            assertThat(villages).hasSizeGreaterThan(3);
            long adoptersBefore = adopters(server);
            JarRuns.Recorder recorder = new JarRuns.Recorder(server, villages, 1);
            JarRuns.await(60, () -> recorder.acknowledgedCount() >= 30, "30 acknowledged records");

            // given PostgreSQL dies (SIGKILL: no shutdown, as the OOM killer would)
            long postmaster = JarRuns.postmasterPid(dataDir);
            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

            // then readiness says so within seconds, and requests fail fast with a code and Retry-After
            long down = JarRuns.await(10, () -> status(server, "/actuator/health/readiness") == 503, "readiness DOWN");
            assertThat(status(server, "/actuator/health/liveness")).as("the process itself is fine").isEqualTo(200);
            long asked = System.nanoTime();
            HttpResponse<String> refused = JarRuns.post(server, ServerProcess.query("{ units(first: 0) { totalCount } }"));
            long tookMillis = (System.nanoTime() - asked) / 1_000_000;
            if (refused.statusCode() == 503) {
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
                assertThat(tookMillis).as("refused at once, not after a pool timeout").isLessThan(3000);
            } else {
                // it may already be back: the restart takes about a second
                assertThat(refused.body()).contains("totalCount");
            }

            // and it comes back by itself, without a restart of the server
            long up = JarRuns.await(60, () -> status(server, "/actuator/health/readiness") == 200, "readiness UP again");
            JarRuns.await(30, () -> recorder.acknowledgedCount() >= 60, "writes acknowledged again after the restart");
            recorder.close();
            System.out.printf("readiness DOWN after %d ms, UP again %d ms later; %d acknowledged, %d not: %s%n", down, up,
                    recorder.acknowledged.size(), recorder.notAcknowledged.size(), recorder.failures);
            assertThat(recorder.failures.keySet()).as("every failure carried a stable code")
                    .allMatch(f -> f.startsWith("SERVICE_UNAVAILABLE") || f.startsWith("TIMEOUT"));
            assertThat(server.log()).contains("started again on port", "restart #1").doesNotContain("Connection refused\n\tat");

            // no acknowledged write was lost, none was written twice, and a refused one retried is written once
            for (Map.Entry<String, String> ack : recorder.acknowledged.entrySet()) {
                String replay = JarRuns.post(server, ack.getValue()).body();
                assertThat(replay).as("acknowledged %s", ack.getKey()).contains("\"replayed\":true");
            }
            for (Map.Entry<String, String> lost : recorder.notAcknowledged.entrySet()) {
                String retry = JarRuns.post(server, lost.getValue()).body();
                assertThat(retry).contains("\"stage\":\"INSTALLED\"");
            }
            int all = recorder.acknowledged.size() + recorder.notAcknowledged.size();
            assertThat(server.graphql(ServerProcess.query("{ adoptionCountCheck { exact } }"))).contains("\"exact\":true");
            assertThat(adopters(server) - adoptersBefore).as("each citizen recorded, and counted, exactly once").isEqualTo(all);
            for (String citizen : recorder.acknowledged.keySet()) {
                String history = server.graphql(ServerProcess.query("{ resident(citizenId: \"" + citizen + "\") { history { stage } } }"));
                assertThat(history.split("\"stage\"", -1).length - 1).as("events of %s", citizen).isEqualTo(1);
            }

            // the restart is counted where an operator looks
            String metrics = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + TOKEN)).body();
            assertThat(metrics).contains("caunoi_database_restarts_total 1.0", "caunoi_database_up 1.0",
                    "caunoi_graphql_operations_seconds_count{field=\"recordAdoption\",outcome=\"OK\",type=\"mutation\"}",
                    "caunoi_errors_total{code=\"SERVICE_UNAVAILABLE\",endpoint=\"http\"}", "hikaricp_connections_active", "caunoi_plugins{state=\"STARTED\"} 5.0");
            assertThat(server.signOut().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/actuator/prometheus"))).statusCode())
                    .isEqualTo(401);

            // when the JVM is killed its PostgreSQL is orphaned
            server.kill();
        }
        long orphan = JarRuns.postmasterPid(dataDir);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        // then the next start stops it and starts cleanly
        try (ServerProcess again = ServerProcess.start(JAR, LOGS, "--caunoi.data-dir=" + dataDir)) {
            assertThat(again.log()).contains("orphaned PostgreSQL (pid " + orphan + ")", "reopened");
            assertThat(again.graphql(ServerProcess.query("{ units(level: COMMUNE, under: \"33\", first: 0) { totalCount } }")))
                    .contains("\"totalCount\":104");

            // and a second server on the same directory is refused while it runs
            JarRuns.Run second = JarRuns.run(120, "--server.port=0", "--caunoi.data-dir=" + dataDir);
            assertThat(second.exitCode()).isEqualTo(75);
            assertThat(second.output()).contains("is in use by another Cầu Nối process");
        }

        // a start with another personal-data key on this data refuses, saying how to supply the right one
        JarRuns.Run wrongKey = JarRuns.run(120, "--server.port=0", "--caunoi.data-dir=" + dataDir,
                "--caunoi.personal-data-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(wrongKey.exitCode()).isEqualTo(78);
        assertThat(wrongKey.output()).contains("APPLICATION FAILED TO START", "does not match this database's",
                "Supply the key this database was written with", "CAUNOI_PERSONAL_DATA_KEY").doesNotContain("\tat ");
        // so does a start without the key file, which must never generate a new key for existing data
        Files.move(dataDir.resolve("keys/personal-data.key"), dataDir.resolve("keys/personal-data.key.away"));
        JarRuns.Run noKey = JarRuns.run(120, "--server.port=0", "--caunoi.data-dir=" + dataDir);
        assertThat(noKey.exitCode()).isEqualTo(78);
        assertThat(noKey.output()).contains("none is generated");
        assertThat(dataDir.resolve("keys/personal-data.key")).doesNotExist();

        // a damaged data directory: PostgreSQL's own reason, the directory named, a short report
        Files.delete(dataDir.resolve("postgres/global/pg_control"));
        JarRuns.Run damaged = JarRuns.run(120, "--server.port=0", "--caunoi.data-dir=" + dataDir);
        assertThat(damaged.exitCode()).isEqualTo(69);
        String report = damaged.output().substring(damaged.output().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("did not start in " + dataDir.toAbsolutePath().normalize().resolve("postgres"), "pg_control",
                "postgres.log").doesNotContain("\tat ");
        assertThat(report.lines().count()).isLessThan(20);
    }

    private static int status(ServerProcess server, String path) {
        try {
            return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))).statusCode();
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }

    /** vssid adopters in the villages of Xã Ngự Thiên in 2025, summed: what the running counts say. */
    private static long adopters(ServerProcess server) {
        String rates = server.graphql(ServerProcess.query("{ adoptionRates(under: \"12595\", groupBy: VILLAGE, service: \"vssid\","
                + " stage: \"INSTALLED\", period: \"2025\") { adopters } }"));
        assertThat(rates).doesNotContain("errors");
        long sum = 0;
        Matcher m = Pattern.compile("\"adopters\":(\\d+)").matcher(rates);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }
}
