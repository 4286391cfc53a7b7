package vn.caunoi.api.plugins;

import vn.caunoi.core.activity.SupportActivityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.caunoi.api.CauNoiApplication;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.activity.Activities;
import vn.caunoi.demo.DemoData;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.team.TeamService;
import vn.caunoi.testkit.TestDatabases;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose plugins directory is empty: its schema is valid, and the services that earlier
 * plugins registered in the same database are still listed, marked as having no plugin, with the
 * data recorded under them still listed and counted.
 */
class NoPluginsTest extends PluginServerTest {

    private static final String DATABASE = TestDatabases.freshDatabaseUrl();
    private static final Path EMPTY = PluginJars.temporaryDirectory("no-plugins-");
    private static final String KEY = java.util.Base64.getEncoder().encodeToString(PersonalDataProtector.newKey());

    static {
        // An earlier life of this database: the same server with the five plugins, since stopped.
        SpringApplication earlier = new SpringApplication(CauNoiApplication.class);
        earlier.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = earlier.run("--spring.datasource.url=" + DATABASE,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--caunoi.demo-data=false", "--caunoi.plugins-dir=" + PluginJars.FIRST_PARTY.toAbsolutePath(),
                "--caunoi.personal-data-key=" + KEY)) {
            // ... in which a team helped twelve people with VNeID.
            CauNoi caunoi = context.getBean(CauNoi.class);
            caunoi.hierarchyImporter().importSnapshot(Actor.system(), "snapshot-2024-05-01.csv",
                    vn.caunoi.core.hierarchy.ReferenceUnits.file("snapshot-2024-05-01.csv"), LocalDate.of(2024, 5, 1));
            long team = caunoi.teams().createTeam(Actor.system(), new TeamService.NewTeam("no-plugins-team-1", "12622", "Tổ Tân Hòa",
                    LocalDate.of(2024, 6, 1))).value().id();
            caunoi.supportActivities().recordSupportActivity(Actor.system(), new SupportActivityService.NewSupportActivity("no-plugins-activity-1", team,
                    null, Activities.PlaceKind.VILLAGE, null, null, Activities.Channel.DOOR_TO_DOOR, LocalDate.of(2024, 7, 1), "vneid",
                    "LEVEL_2_ACTIVATED", 12, null, null));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        server(registry, DATABASE, EMPTY);
        registry.add("caunoi.personal-data-key", () -> KEY);
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
        // The data recorded under the service is still listed and counted.
        ClientGraphQlResponse recorded = client.document("""
                { supportActivities(under: "34", asOf: "2024-07-01", service: "vneid") {
                    totalCount totalPeople nodes { people stageCode stage { code name } service { code available plugin { id } } } } }""")
                .executeSync();
        assertThat(recorded.getErrors()).isEmpty();
        assertThat(recorded.field("supportActivities.totalCount").toEntity(Integer.class)).isEqualTo(1);
        assertThat(recorded.field("supportActivities.totalPeople").toEntity(Integer.class)).isEqualTo(12);
        assertThat(recorded.field("supportActivities.nodes[0].service.available").toEntity(Boolean.class)).isFalse();
        assertThat((Object) recorded.field("supportActivities.nodes[0].service.plugin").getValue()).isNull();
        assertThat(recorded.field("supportActivities.nodes[0].stage.code").toEntity(String.class)).isEqualTo("LEVEL_2_ACTIVATED");
    }
}
