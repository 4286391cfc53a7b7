package vn.caunoi.plugins.ecommerce;

import org.junit.jupiter.api.Test;
import vn.caunoi.spi.Stage;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EcommerceServiceTest {

    final EcommerceService service = new EcommerceService();

    List<String> codes(String stage, Map<String, String> attributes) {
        return service.validate(stage, attributes).stream().map(p -> p.attribute() + ":" + p.code()).toList();
    }

    @Test
    void the_descriptor_is_valid_and_its_extension_is_indexed_for_pf4j() {
        assertThat(service.descriptor().code()).isEqualTo("ecommerce");
        assertThat(getClass().getClassLoader().getResource("META-INF/extensions.idx")).isNotNull();
    }

    @Test
    void funnel_for_households() {
        assertThat(service.descriptor().stages()).extracting(Stage::code)
                .containsExactly("SELLER_REGISTERED", "FIRST_PRODUCT_LISTED", "FIRST_ORDER");
        assertThat(service.descriptor().eligibility().subject()).isEqualTo(vn.caunoi.spi.Eligibility.Subject.HOUSEHOLD);
    }

    @Test
    void good_attributes() {
        assertThat(service.validate("SELLER_REGISTERED", Map.of("platform", "POSTMART"))).isEmpty();
        assertThat(service.validate("FIRST_PRODUCT_LISTED", Map.of("ocopStars", "4", "productCategory", "Gạo tám thơm"))).isEmpty();
        assertThat(service.validate("FIRST_ORDER", Map.of())).isEmpty();
    }

    @Test
    void bad_attributes() {
        assertThat(codes("SELLER_REGISTERED", Map.of())).containsExactly("platform:REQUIRED");
        assertThat(codes("SELLER_REGISTERED", Map.of("platform", "EBAY"))).containsExactly("platform:NOT_ALLOWED");
        assertThat(codes("FIRST_PRODUCT_LISTED", Map.of("ocopStars", "2"))).containsExactly("ocopStars:NOT_OCOP_STARS");
        assertThat(codes("FIRST_ORDER", Map.of("ocopStars", "5"))).containsExactly("ocopStars:NOT_FOR_STAGE");
    }
}
