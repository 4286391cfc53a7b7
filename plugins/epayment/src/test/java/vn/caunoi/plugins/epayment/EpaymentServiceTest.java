package vn.caunoi.plugins.epayment;

import org.junit.jupiter.api.Test;
import vn.caunoi.spi.Stage;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EpaymentServiceTest {

    final EpaymentService service = new EpaymentService();

    List<String> codes(String stage, Map<String, String> attributes) {
        return service.validate(stage, attributes).stream().map(p -> p.attribute() + ":" + p.code()).toList();
    }

    @Test
    void the_descriptor_is_valid_and_its_extension_is_indexed_for_pf4j() {
        assertThat(service.descriptor().code()).isEqualTo("epayment");
        assertThat(getClass().getClassLoader().getResource("META-INF/extensions.idx")).isNotNull();
    }

    @Test
    void funnel() {
        assertThat(service.descriptor().stages()).extracting(Stage::code).containsExactly("ACCOUNT_OPENED", "FIRST_PAYMENT");
        assertThat(service.descriptor().eligibility().minimumAge()).isEqualTo(15);
    }

    @Test
    void good_attributes() {
        assertThat(service.validate("ACCOUNT_OPENED", Map.of("providerType", "BANK", "provider", "Agribank"))).isEmpty();
        assertThat(service.validate("FIRST_PAYMENT", Map.of("purpose", "UTILITY_BILL"))).isEmpty();
    }

    @Test
    void bad_attributes() {
        assertThat(codes("ACCOUNT_OPENED", Map.of())).containsExactly("providerType:REQUIRED");
        assertThat(codes("ACCOUNT_OPENED", Map.of("providerType", "CASH"))).containsExactly("providerType:NOT_ALLOWED");
        assertThat(codes("FIRST_PAYMENT", Map.of("purpose", "GAMBLING"))).containsExactly("purpose:NOT_ALLOWED");
        assertThat(codes("ACCOUNT_OPENED", Map.of("providerType", "BANK", "provider", "y".repeat(101)))).containsExactly("provider:TOO_LONG");
    }
}
