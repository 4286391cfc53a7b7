package vn.caunoi.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The SPI's value types refuse to be built wrong, so a plugin with a bad descriptor fails at load time. */
class ValueTypesTest {

    static ServiceDescriptor.Builder valid() {
        return ServiceDescriptor.builder("vneid").name("Tài khoản", "Account").description("Mô tả", "Description")
                .stage(Stage.of("LEVEL_1_ACTIVATED", "Mức 1", "Level 1"))
                .stage(Stage.of("LEVEL_2_ACTIVATED", "Mức 2", "Level 2"))
                .eligibility(Eligibility.personsFrom(14, null));
    }

    @Test
    void a_valid_descriptor_knows_its_funnel() {
        ServiceDescriptor d = valid().adoptedAt("LEVEL_2_ACTIVATED").build();
        assertThat(d.order("LEVEL_1_ACTIVATED")).isEqualTo(1);
        assertThat(d.order("LEVEL_2_ACTIVATED")).isEqualTo(2);
        assertThat(d.order("LEVEL_3")).isZero();
        assertThat(valid().build().adoptedStage()).as("the last stage by default").isEqualTo("LEVEL_2_ACTIVATED");
        assertThat(d.stages()).isUnmodifiable();
    }

    @Test
    void bad_descriptors_are_refused_with_the_reason() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceDescriptor.builder("VNeID").name("a", "b").description("a", "b")
                .stage(Stage.of("A1", "a", "b")).eligibility(Eligibility.personsFrom(0, null)).build()).withMessageContaining("service code");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().stage(Stage.of("LEVEL_1_ACTIVATED", "x", "y")).build())
                .withMessageContaining("twice");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().adoptedAt("LEVEL_9").build()).withMessageContaining("adopted stage");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().attribute("x", "a", "b", "c", "d", "NO_SUCH_STAGE").build())
                .withMessageContaining("unknown stage");
        assertThatIllegalArgumentException().isThrownBy(() -> Stage.of("level1", "a", "b")).withMessageContaining("stage code");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalizedText.of(" ", "en")).withMessageContaining("vi is required");
        assertThatIllegalArgumentException().isThrownBy(() -> Eligibility.personsFrom(-1, null)).withMessageContaining("minimumAge");
        assertThatIllegalArgumentException().isThrownBy(() -> new Eligibility(Eligibility.Subject.PERSON, 18, 10, null))
                .withMessageContaining("maximumAge");
        assertThatIllegalArgumentException().isThrownBy(() -> new SchemaContribution("graphql/x.graphql", Map.of()))
                .withMessageContaining(".graphqls");
    }

    @Test
    void localized_text_picks_the_language() {
        LocalizedText t = LocalizedText.of("Xã", "Commune");
        assertThat(t.in("en")).isEqualTo("Commune");
        assertThat(t.in("EN")).isEqualTo("Commune");
        assertThat(t.in("vi")).isEqualTo("Xã");
        assertThat(t.in(null)).isEqualTo("Xã");
    }

    @Test
    void a_service_without_validation_refuses_any_attribute() {
        DigitalService bare = () -> valid().build();
        assertThat(bare.validate("LEVEL_1_ACTIVATED", Map.of())).isEmpty();
        assertThat(bare.validate("LEVEL_1_ACTIVATED", Map.of("b", "1", "a", "2"))).extracting(AttributeProblem::attribute, AttributeProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "UNKNOWN_ATTRIBUTE"), org.assertj.core.groups.Tuple.tuple("b", "UNKNOWN_ATTRIBUTE"));
        assertThat(bare.schema()).isEmpty();
        assertThat(List.of(bare)).hasSize(1);
    }
}
