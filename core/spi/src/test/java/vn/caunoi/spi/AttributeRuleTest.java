package vn.caunoi.spi;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class AttributeRuleTest {

    static final List<AttributeRule> RULES = List.of(
            AttributeRule.pattern("socialInsuranceCode", "\\d{10}", "NOT_10_DIGITS", "10 chữ số", "10 digits"),
            AttributeRule.oneOf("verificationPlace", List.of("COMMUNE_POLICE", "MOBILE_TEAM")).at("LEVEL_2").required(),
            AttributeRule.text("note", 20));

    static final String[] KEYS = {"socialInsuranceCode", "verificationPlace", "note", "citizenId"};
    static final String[] VALUES = {"3412345678", "341234567", "COMMUNE_POLICE", "AT_HOME", "", "ghi chú", "x".repeat(21)};
    static final String[] STAGES = {"LEVEL_1", "LEVEL_2"};

    @Test
    void every_problem_is_explained_and_every_valid_attribute_accepted() {
        qt().withExamples(1000)
                .forAll(lists().of(integers().between(0, KEYS.length * VALUES.length - 1)).ofSizeBetween(0, 6), integers().between(0, 1))
                .checkAssert((picks, stageIndex) -> {
                    String stage = STAGES[stageIndex];
                    Map<String, String> attributes = new LinkedHashMap<>();
                    picks.forEach(p -> attributes.put(KEYS[p % KEYS.length], VALUES[p / KEYS.length]));
                    List<AttributeProblem> problems = AttributeRule.check(RULES, stage, attributes);
                    Map<String, Set<String>> byAttribute = problems.stream().collect(Collectors.groupingBy(
                            AttributeProblem::attribute, Collectors.mapping(AttributeProblem::code, Collectors.toSet())));
                    // An attribute no rule knows is always refused as unknown, and only so.
                    if (attributes.containsKey("citizenId")) {
                        assertThat(byAttribute.get("citizenId")).containsExactly("UNKNOWN_ATTRIBUTE");
                    }
                    // A required attribute missing at its stage is reported; elsewhere never required.
                    boolean placeNeeded = stage.equals("LEVEL_2") && !attributes.containsKey("verificationPlace");
                    assertThat(placeNeeded).isEqualTo(byAttribute.getOrDefault("verificationPlace", Set.of()).contains("REQUIRED")
                            && !attributes.containsKey("verificationPlace"));
                    // A known attribute with a valid value at an allowed stage is never refused.
                    String code = attributes.get("socialInsuranceCode");
                    if (code != null) {
                        assertThat(byAttribute.containsKey("socialInsuranceCode")).isEqualTo(!code.isEmpty() && !code.matches("\\d{10}"));
                    }
                    String note = attributes.get("note");
                    if (note != null) {
                        assertThat(byAttribute.containsKey("note")).isEqualTo(note.length() > 20);
                    }
                    // Free values never appear in messages about them: they may be personal data.
                    problems.stream().filter(p -> p.attribute() != null && List.of("socialInsuranceCode", "note").contains(p.attribute()))
                            .forEach(p -> assertThat(p.message().vi() + p.message().en()).doesNotContain(attributes.get(p.attribute())));
                });
    }

    @Test
    void an_attribute_of_another_stage_is_refused() {
        assertThat(AttributeRule.check(RULES, "LEVEL_1", Map.of("verificationPlace", "MOBILE_TEAM")))
                .extracting(AttributeProblem::code).containsExactly("NOT_FOR_STAGE");
    }
}
