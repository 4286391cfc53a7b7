package vn.caunoi.plugins.publicservices;

import org.junit.jupiter.api.Test;
import vn.caunoi.spi.Stage;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PublicServicesServiceTest {

    final PublicServicesService service = new PublicServicesService();

    List<String> codes(String stage, Map<String, String> attributes) {
        return service.validate(stage, attributes).stream().map(p -> p.attribute() + ":" + p.code()).toList();
    }

    @Test
    void the_descriptor_is_valid_and_its_extension_is_indexed_for_pf4j() {
        assertThat(service.descriptor().code()).isEqualTo("public-services");
        assertThat(getClass().getClassLoader().getResource("META-INF/extensions.idx")).isNotNull();
    }

    @Test
    void funnel() {
        assertThat(service.descriptor().stages()).extracting(Stage::code).containsExactly("ACCOUNT_LINKED", "FIRST_APPLICATION_SUBMITTED");
    }

    @Test
    void good_attributes() {
        assertThat(service.validate("ACCOUNT_LINKED", Map.of("portal", "NATIONAL"))).isEmpty();
        assertThat(service.validate("FIRST_APPLICATION_SUBMITTED", Map.of("portal", "PROVINCIAL", "procedureCode", "1.001612"))).isEmpty();
    }

    @Test
    void bad_attributes() {
        assertThat(codes("FIRST_APPLICATION_SUBMITTED", Map.of("procedureCode", "1001612"))).containsExactly("procedureCode:NOT_A_PROCEDURE_CODE");
        assertThat(codes("ACCOUNT_LINKED", Map.of("procedureCode", "1.001612"))).containsExactly("procedureCode:NOT_FOR_STAGE");
        assertThat(codes("ACCOUNT_LINKED", Map.of("portal", "DISTRICT"))).containsExactly("portal:NOT_ALLOWED");
    }
}
