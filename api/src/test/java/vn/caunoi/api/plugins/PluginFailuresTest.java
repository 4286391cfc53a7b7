package vn.caunoi.api.plugins;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import vn.caunoi.testkit.TestDatabases;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One plugins directory holding everything that can go wrong beside two good plugins: the server
 * starts, says why for each bad one (log, GraphQL, health), and the good ones work.
 */
@ExtendWith(OutputCaptureExtension.class)
class PluginFailuresTest extends PluginServerTest {

    private static final String DATABASE = TestDatabases.freshDatabaseUrl();
    private static final Path DIRECTORY = mixedDirectory();

    /** vneid and vssid as built; a plugin that throws on start; one needing SPI 99; a second plugin with
     *  vneid's service code; one whose schema fragment does not fit; a jar that is not a jar; and one
     *  whose extensions cannot be found. */
    private static Path mixedDirectory() {
        Path dir = PluginJars.temporaryDirectory("mixed-plugins-");
        Path vneid = PluginJars.jar(PluginJars.FIRST_PARTY, "caunoi-plugin-vneid");
        Path vssid = PluginJars.jar(PluginJars.FIRST_PARTY, "caunoi-plugin-vssid");
        PluginJars.copy(vneid, dir);
        PluginJars.copy(vssid, dir);
        PluginJars.copy(PluginJars.jar(PluginJars.TEST_ONLY, "caunoi-test-plugin-broken-start"), dir);
        PluginJars.copy(PluginJars.jar(PluginJars.TEST_ONLY, "caunoi-test-plugin-bad-schema"), dir);
        PluginJars.withManifest(vssid, dir.resolve("vssid-next.jar"), Map.of("Plugin-Id", "vssid-next", "Plugin-Requires", ">=99.0.0"));
        PluginJars.withManifest(vneid, dir.resolve("vneid-copy.jar"), Map.of("Plugin-Id", "vneid-copy"));
        PluginJars.write(dir.resolve("corrupt.jar"), "this is not a zip file".getBytes());
        PluginJars.rewrite(vssid, dir.resolve("no-services.jar"), Map.of("Plugin-Id", "no-services"), "META-INF/extensions.idx");
        return dir;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        server(registry, DATABASE, DIRECTORY);
    }

    @Test
    void every_failure_is_reported_with_its_reason_and_the_good_plugins_work(CapturedOutput output) {
        ClientGraphQlResponse r = client.document("{ plugins { id state reason file services } digitalServices { code available } }").executeSync();
        assertThat(r.getErrors()).isEmpty();
        Map<String, Map> plugins = r.field("plugins").toEntityList(Map.class).stream()
                .collect(Collectors.toMap(p -> (String) p.get("id"), p -> p));

        assertThat(plugins.get("vneid")).containsEntry("state", "STARTED").containsEntry("services", List.of("vneid"));
        assertThat(plugins.get("vssid")).containsEntry("state", "STARTED");
        assertThat(plugins.get("broken-start")).containsEntry("state", "FAILED");
        assertThat((String) plugins.get("broken-start").get("reason")).contains("failed to start", "licence server");
        assertThat(plugins.get("vssid-next")).containsEntry("state", "DISABLED");
        assertThat((String) plugins.get("vssid-next").get("reason")).contains("needs SPI >=99.0.0", "provides SPI 1.1.0");
        assertThat(plugins.get("vneid-copy")).containsEntry("state", "FAILED");
        assertThat((String) plugins.get("vneid-copy").get("reason")).contains("'vneid'", "already provides");
        assertThat(plugins.get("bad-schema")).containsEntry("state", "FAILED");
        assertThat((String) plugins.get("bad-schema").get("reason")).contains("NoSuchType");
        assertThat(plugins.get("corrupt.jar")).containsEntry("state", "FAILED");
        assertThat((String) plugins.get("corrupt.jar").get("reason")).startsWith("cannot be loaded");
        assertThat(plugins.get("no-services")).containsEntry("state", "FAILED");
        assertThat((String) plugins.get("no-services").get("reason")).contains("provides no digital service");

        assertThat(r.field("digitalServices").toEntityList(Map.class)).extracting(s -> (String) s.get("code"))
                .containsExactly("vneid", "vssid");
        ClientGraphQlResponse check = client.document("""
                { checkServiceRecord(service: "vssid", stage: "ACCOUNT_ACTIVATED", attributes: [{name: "socialInsuranceCode", value: "1"}]) { code } }""")
                .executeSync();
        assertThat(check.field("checkServiceRecord[0].code").toEntity(String.class)).isEqualTo("NOT_10_DIGITS");

        String health = RestClient.create("http://localhost:" + port).get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(health).contains("\"status\":\"DEGRADED\"").contains("\"notStarted\":6").contains("needs SPI >=99.0.0");
        assertThat(health).endsWith("\"status\":\"UP\"}");

        assertThat(output.getAll()).contains("plugin broken-start (", "is FAILED: failed to start", "plugin vssid-next (", "is DISABLED: needs SPI");
    }
}
