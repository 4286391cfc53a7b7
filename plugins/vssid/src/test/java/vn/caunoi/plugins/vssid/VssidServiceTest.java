package vn.caunoi.plugins.vssid;

import org.junit.jupiter.api.Test;
import vn.caunoi.spi.Stage;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VssidServiceTest {

    final VssidService service = new VssidService();

    List<String> codes(String stage, Map<String, String> attributes) {
        return service.validate(stage, attributes).stream().map(p -> p.attribute() + ":" + p.code()).toList();
    }

    @Test
    void the_descriptor_is_valid_and_its_extension_is_indexed_for_pf4j() {
        assertThat(service.descriptor().code()).isEqualTo("vssid");
        assertThat(getClass().getClassLoader().getResource("META-INF/extensions.idx")).isNotNull();
    }

    @Test
    void funnel() {
        assertThat(service.descriptor().stages()).extracting(Stage::code)
                .containsExactly("INSTALLED", "ACCOUNT_ACTIVATED", "HEALTH_CARD_USED");
    }

    @Test
    void good_attributes() {
        assertThat(service.validate("ACCOUNT_ACTIVATED", Map.of("socialInsuranceCode", "3412345678"))).isEmpty();
        assertThat(service.validate("HEALTH_CARD_USED", Map.of("healthFacility", "Trạm y tế xã Ngự Thiên"))).isEmpty();
        assertThat(service.validate("INSTALLED", Map.of())).isEmpty();
    }

    @Test
    void a_social_insurance_code_is_exactly_ten_digits() {
        assertThat(codes("ACCOUNT_ACTIVATED", Map.of("socialInsuranceCode", "341234567"))).containsExactly("socialInsuranceCode:NOT_10_DIGITS");
        assertThat(codes("ACCOUNT_ACTIVATED", Map.of("socialInsuranceCode", "34123456789"))).containsExactly("socialInsuranceCode:NOT_10_DIGITS");
        assertThat(codes("ACCOUNT_ACTIVATED", Map.of("socialInsuranceCode", "34123A5678"))).containsExactly("socialInsuranceCode:NOT_10_DIGITS");
        assertThat(service.validate("ACCOUNT_ACTIVATED", Map.of("socialInsuranceCode", "341234567")).get(0).message().vi())
                .doesNotContain("341234567");
    }

    @Test
    void other_bad_attributes() {
        assertThat(codes("INSTALLED", Map.of("healthFacility", "x"))).containsExactly("healthFacility:NOT_FOR_STAGE");
        assertThat(codes("HEALTH_CARD_USED", Map.of("healthFacility", "x".repeat(201)))).containsExactly("healthFacility:TOO_LONG");
    }
}
