package vn.caunoi.api.plugins;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import vn.caunoi.testkit.TestDatabases;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The five first-party plugin jars, loaded from disk by a real server. */
class FirstPartyPluginsTest extends PluginServerTest {

    private static final String DATABASE = TestDatabases.freshDatabaseUrl();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        server(registry, DATABASE, PluginJars.FIRST_PARTY);
    }

    ClientGraphQlResponse graphql(String document) {
        return client.document(document).executeSync();
    }

    @Test
    void the_five_services_with_their_funnels_eligibility_and_plugins() {
        ClientGraphQlResponse r = graphql("""
                { digitalServices { code name nameEn: name(lang: EN) description available lastPluginId
                    stages { code name(lang: EN) order } adoptedStage { code order }
                    eligibility { subject minimumAge note(lang: EN) }
                    attributes { name stage label(lang: EN) }
                    plugin { id version state } } }""");
        assertThat(r.getErrors()).isEmpty();
        List<Map> services = r.field("digitalServices").toEntityList(Map.class);
        assertThat(services).extracting(s -> (String) s.get("code"))
                .containsExactly("ecommerce", "epayment", "public-services", "vneid", "vssid");
        assertThat(services).allSatisfy(s -> {
            assertThat(s.get("available")).isEqualTo(true);
            assertThat((Map<String, Object>) s.get("plugin")).containsEntry("state", "STARTED").containsEntry("id", s.get("code"));
        });
        Map vneid = services.get(3);
        assertThat(vneid.get("name")).isEqualTo("Tài khoản định danh điện tử VNeID");
        assertThat((List<Map>) vneid.get("stages")).extracting(s -> (String) s.get("code"))
                .startsWith("LEVEL_1_ACTIVATED", "LEVEL_2_ACTIVATED");
        assertThat((Map<String, Object>) vneid.get("eligibility")).containsEntry("minimumAge", 14)
                .hasEntrySatisfying("note", note -> assertThat((String) note).contains("in-person"));
        assertThat((Map<String, Object>) vneid.get("adoptedStage")).containsEntry("code", "LEVEL_2_ACTIVATED").containsEntry("order", 2);
        Map ecommerce = services.get(0);
        assertThat((Map<String, Object>) ecommerce.get("eligibility")).containsEntry("subject", "HOUSEHOLD");
        assertThat((List<Map>) services.get(4).get("stages")).extracting(s -> (String) s.get("code"))
                .containsExactly("INSTALLED", "ACCOUNT_ACTIVATED", "HEALTH_CARD_USED");
    }

    @Test
    void a_plugin_contributes_schema_and_resolvers() {
        ClientGraphQlResponse r = graphql("""
                { vneid: digitalService(code: "vneid") { vneidLevel2Verification { inPerson where documents } }
                  vssid: digitalService(code: "vssid") { vneidLevel2Verification { inPerson } } }""");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.field("vneid.vneidLevel2Verification.inPerson").toEntity(Boolean.class)).isTrue();
        assertThat(r.field("vneid.vneidLevel2Verification.documents").toEntityList(String.class)).isNotEmpty();
        assertThat((Object) r.field("vssid.vneidLevel2Verification").getValue()).isNull();
    }

    @Test
    void each_plugins_validation_is_in_force_through_the_api() {
        assertThat(problems("vssid", "ACCOUNT_ACTIVATED", "socialInsuranceCode", "3412345678")).isEmpty();
        assertThat(problems("vssid", "ACCOUNT_ACTIVATED", "socialInsuranceCode", "341234567")).containsExactly("socialInsuranceCode:NOT_10_DIGITS");
        assertThat(problems("vneid", "LEVEL_2_ACTIVATED", "verificationPlace", "COMMUNE_POLICE")).isEmpty();
        assertThat(problems("vneid", "LEVEL_2_ACTIVATED", "device", "IOS")).containsExactly("verificationPlace:REQUIRED");
        assertThat(problems("epayment", "ACCOUNT_OPENED", "providerType", "CASH")).containsExactly("providerType:NOT_ALLOWED");
        assertThat(problems("public-services", "FIRST_APPLICATION_SUBMITTED", "procedureCode", "1.001612")).isEmpty();
        assertThat(problems("ecommerce", "FIRST_PRODUCT_LISTED", "ocopStars", "6")).containsExactly("ocopStars:NOT_OCOP_STARS");
        assertThat(problems("vneid", "LEVEL_9", "device", "IOS")).containsExactly("null:UNKNOWN_STAGE");
        assertThat(problems("zalo", "INSTALLED", "device", "IOS")).containsExactly("null:UNKNOWN_SERVICE");
    }

    @Test
    void problems_come_in_both_languages() {
        ClientGraphQlResponse r = graphql("""
                { checkServiceRecord(service: "vssid", stage: "ACCOUNT_ACTIVATED", attributes: [{name: "socialInsuranceCode", value: "12"}]) {
                    attribute code vi: message en: message(lang: EN) } }""");
        assertThat(r.field("checkServiceRecord[0].vi").toEntity(String.class)).contains("10 chữ số");
        assertThat(r.field("checkServiceRecord[0].en").toEntity(String.class)).contains("10 digits").doesNotContain("12 ");
    }

    @Test
    void plugins_and_health_report_every_plugin_started() {
        ClientGraphQlResponse r = graphql("{ plugins { id version state reason requires provider file services } }");
        List<Map> plugins = r.field("plugins").toEntityList(Map.class);
        assertThat(plugins).hasSize(5).allSatisfy(p -> {
            assertThat(p.get("state")).isEqualTo("STARTED");
            assertThat(p.get("reason")).isNull();
            // VNeID overrides allowsStepBack, added in SPI 1.1.0; the others need 1.0.0 only.
            assertThat(p.get("requires")).isEqualTo(p.get("id").equals("vneid") ? ">=1.1.0 & <2.0.0" : ">=1.0.0 & <2.0.0");
            assertThat((String) p.get("file")).endsWith(".jar");
        });
        String health = RestClient.create("http://localhost:" + port).get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(health).contains("\"plugins\":{\"details\":").contains("\"vneid\":\"STARTED\"").startsWith("{").contains("\"status\":\"UP\"");
    }

    private List<String> problems(String service, String stage, String name, String value) {
        ClientGraphQlResponse r = client.document("""
                query($service: String!, $stage: String!, $name: String!, $value: String!) {
                  checkServiceRecord(service: $service, stage: $stage, attributes: [{name: $name, value: $value}]) { attribute code } }""")
                .variables(Map.of("service", service, "stage", stage, "name", name, "value", value)).executeSync();
        assertThat(r.getErrors()).isEmpty();
        return r.field("checkServiceRecord").toEntityList(Map.class).stream().map(p -> p.get("attribute") + ":" + p.get("code")).toList();
    }
}
