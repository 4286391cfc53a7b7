package vn.caunoi.examples.congdanso;

import org.junit.jupiter.api.Test;
import vn.caunoi.testkit.ServerProcess;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This plugin, built as its own artifact, dropped into the plugins directory of the real server jar:
 * the server lists the service and enforces its validation, with no change to the server.
 */
class CongDanSoPluginIT {

    @Test
    void the_server_loads_the_plugin_from_its_directory_and_enforces_its_validation() throws Exception {
        Path plugins = Files.createTempDirectory(Path.of("target"), "plugins-");
        Path jar = Path.of(System.getProperty("plugin.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Path data = Files.createTempDirectory(Path.of("target"), "data-");
        try (ServerProcess server = ServerProcess.start(Path.of(System.getProperty("caunoi.server.jar")), Path.of("target", "it-logs"),
                "--caunoi.plugins-dir=" + plugins, "--caunoi.data-dir=" + data, "--caunoi.demo-data=false",
                "--caunoi.security.bootstrap-admin=it-admin").signIn("it-admin")) {
            assertThat(server.graphql(ServerProcess.query("{ plugins { id version state } }")))
                    .contains("{\"id\":\"congdanso-thaibinh\",\"version\":\"1.0.0\",\"state\":\"STARTED\"}");
            assertThat(server.graphql(ServerProcess.query(
                    "{ digitalService(code: \"congdanso-thaibinh\") { name(lang: EN) stages { code order } adoptedStage { code } } }")))
                    .contains("Công dân số Thái Bình citizen app")
                    .contains("{\"code\":\"INSTALLED\",\"order\":1},{\"code\":\"ACCOUNT_LINKED\",\"order\":2},{\"code\":\"FEEDBACK_SENT\",\"order\":3}");
            assertThat(server.graphql(ServerProcess.query(
                    "{ checkServiceRecord(service: \"congdanso-thaibinh\", stage: \"FEEDBACK_SENT\") { attribute code } }")))
                    .contains("{\"attribute\":\"feedbackTopic\",\"code\":\"REQUIRED\"}");
            assertThat(server.graphql(ServerProcess.query(
                    "{ checkServiceRecord(service: \"congdanso-thaibinh\", stage: \"FEEDBACK_SENT\", attributes: [{name: \"feedbackTopic\", value: \"ENVIRONMENT\"}]) { code } }")))
                    .contains("{\"data\":{\"checkServiceRecord\":[]}}");
            assertThat(server.graphql(ServerProcess.query("{ congDanSoFeedbackTopics }"))).contains("\"ENVIRONMENT\"");
            // a plugin's root fields are open to signed-in users only
            assertThat(server.signOut().graphql(ServerProcess.query("{ congDanSoFeedbackTopics }")))
                    .contains("\"UNAUTHENTICATED\"").doesNotContain("ENVIRONMENT");
        }
    }
}
