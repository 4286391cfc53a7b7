package vn.caunoi.examples.congdanso;

import org.junit.jupiter.api.Test;
import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.Stage;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CongDanSoServiceTest {

    final CongDanSoService service = new CongDanSoService();

    @Test
    void funnel() {
        assertThat(service.descriptor().stages()).extracting(Stage::code).containsExactly("INSTALLED", "ACCOUNT_LINKED", "FEEDBACK_SENT");
    }

    @Test
    void validation() {
        assertThat(service.validate("ACCOUNT_LINKED", Map.of("linkedWith", "VNEID"))).isEmpty();
        assertThat(service.validate("FEEDBACK_SENT", Map.of("feedbackTopic", "ENVIRONMENT"))).isEmpty();
        assertThat(service.validate("FEEDBACK_SENT", Map.of())).extracting(AttributeProblem::code).containsExactly("REQUIRED");
        assertThat(service.validate("ACCOUNT_LINKED", Map.of("linkedWith", "ZALO"))).extracting(AttributeProblem::code).containsExactly("NOT_ALLOWED");
    }
}
