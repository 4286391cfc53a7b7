package vn.caunoi.api.plugins;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import vn.caunoi.api.CauNoiApplication;
import vn.caunoi.testkit.TestDatabases;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose plugins directory is empty: its schema is valid, and the services that earlier
 * plugins registered in the same database are still listed, marked as having no plugin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoPluginsTest {

    private static final String DATABASE = TestDatabases.freshDatabaseUrl();
    private static final Path EMPTY = PluginJars.temporaryDirectory("no-plugins-");

    static {
        // An earlier life of this database: the same server with the five plugins, since stopped.
        SpringApplication earlier = new SpringApplication(CauNoiApplication.class);
        earlier.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext ignored = earlier.run("--spring.datasource.url=" + DATABASE,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--caunoi.demo-data=false", "--caunoi.plugins-dir=" + PluginJars.FIRST_PARTY.toAbsolutePath())) {
            // started and stopped
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("caunoi.demo-data", () -> "false");
        registry.add("caunoi.plugins-dir", () -> EMPTY.toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;
    HttpSyncGraphQlClient client;

    @BeforeEach
    void client() {
        client = HttpSyncGraphQlClient.create(RestClient.create("http://localhost:" + port + "/graphql"));
    }

    @Test
    void the_schema_is_valid_and_no_plugin_is_listed() {
        ClientGraphQlResponse r = client.document("{ plugins { id } __type(name: \"DigitalService\") { fields { name } } }").executeSync();
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("plugins").toEntityList(Map.class)).isEmpty();
        assertThat(r.field("__type.fields").toEntityList(Map.class)).extracting(f -> (String) f.get("name"))
                .contains("code", "stages", "plugin").doesNotContain("vneidLevel2Verification");
    }

    @Test
    void services_whose_plugin_is_gone_stay_readable_and_are_marked_as_having_no_plugin() {
        ClientGraphQlResponse r = client.document("""
                { digitalServices { code available plugin { id } lastPluginId stages { code order } adoptedStage { code } eligibility { minimumAge } } }""")
                .executeSync();
        assertThat(r.getErrors()).isEmpty();
        List<Map> services = r.field("digitalServices").toEntityList(Map.class);
        assertThat(services).extracting(s -> (String) s.get("code")).containsExactly("ecommerce", "epayment", "public-services", "vneid", "vssid");
        assertThat(services).allSatisfy(s -> {
            assertThat(s.get("available")).isEqualTo(false);
            assertThat(s.get("plugin")).isNull();
            assertThat(s.get("lastPluginId")).isEqualTo(s.get("code"));
            assertThat((List<?>) s.get("stages")).isNotEmpty();
        });
        ClientGraphQlResponse check = client.document("""
                { checkServiceRecord(service: "vneid", stage: "LEVEL_1_ACTIVATED") { code } }""").executeSync();
        assertThat(check.field("checkServiceRecord[0].code").toEntity(String.class)).isEqualTo("SERVICE_UNAVAILABLE");
    }
}
