package vn.caunoi.plugins.vneid;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import vn.caunoi.spi.Stage;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VneidServiceTest {

    final VneidService service = new VneidService();

    List<String> codes(String stage, Map<String, String> attributes) {
        return service.validate(stage, attributes).stream().map(p -> p.attribute() + ":" + p.code()).toList();
    }

    @Test
    void the_descriptor_is_valid_and_its_extension_is_indexed_for_pf4j() {
        assertThat(service.descriptor().code()).isEqualTo("vneid");
        assertThat(getClass().getClassLoader().getResource("META-INF/extensions.idx")).isNotNull();
    }

    @Test
    void funnel_and_eligibility() {
        assertThat(service.descriptor().stages()).extracting(Stage::code)
                .containsExactly("LEVEL_1_ACTIVATED", "LEVEL_2_ACTIVATED", "DOCUMENTS_INTEGRATED");
        assertThat(service.descriptor().adoptedStage()).isEqualTo("LEVEL_2_ACTIVATED");
        assertThat(service.descriptor().eligibility().minimumAge()).isEqualTo(14);
        assertThat(service.descriptor().eligibility().note().en()).contains("in-person");
    }

    @Test
    void good_attributes() {
        assertThat(service.validate("LEVEL_1_ACTIVATED", Map.of())).isEmpty();
        assertThat(service.validate("LEVEL_1_ACTIVATED", Map.of("device", "ANDROID"))).isEmpty();
        assertThat(service.validate("LEVEL_2_ACTIVATED", Map.of("verificationPlace", "COMMUNE_POLICE", "device", "IOS"))).isEmpty();
        assertThat(service.validate("DOCUMENTS_INTEGRATED", Map.of("document", "HEALTH_INSURANCE_CARD"))).isEmpty();
    }

    @Test
    void bad_attributes() {
        assertThat(codes("LEVEL_2_ACTIVATED", Map.of())).containsExactly("verificationPlace:REQUIRED");
        assertThat(codes("LEVEL_2_ACTIVATED", Map.of("verificationPlace", "AT_HOME"))).containsExactly("verificationPlace:NOT_ALLOWED");
        assertThat(codes("LEVEL_1_ACTIVATED", Map.of("verificationPlace", "COMMUNE_POLICE"))).containsExactly("verificationPlace:NOT_FOR_STAGE");
        assertThat(codes("LEVEL_1_ACTIVATED", Map.of("citizenId", "x"))).containsExactly("citizenId:UNKNOWN_ATTRIBUTE");
        assertThat(codes("DOCUMENTS_INTEGRATED", Map.of("document", "PASSPORT"))).containsExactly("document:NOT_ALLOWED");
    }

    @Test
    void contributes_a_schema_fragment_with_its_resolver() {
        var schema = service.schema().orElseThrow();
        assertThat(getClass().getClassLoader().getResource(schema.resource())).isNotNull();
        var resolver = schema.resolvers().get("DigitalService").get("vneidLevel2Verification");
        assertThat(resolver.resolve(context(service.descriptor()))).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("inPerson", true);
        assertThat(resolver.resolve(context("another service"))).isNull();
    }

    private static vn.caunoi.spi.FieldResolver.Context context(Object source) {
        return new vn.caunoi.spi.FieldResolver.Context() {
            public Object source() { return source; }
            public Map<String, Object> arguments() { return Map.of(); }
        };
    }
}
