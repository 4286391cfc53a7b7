package vn.caunoi.api.security;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/** The firewall's fast predicates decide exactly as Spring Security's regular expressions do. */
class FirewallCharactersTest {

    @Test
    void the_fast_predicates_agree_with_spring_securitys_patterns_on_any_text() {
        // Any code points, and printable ASCII with a few characters from the edges mixed in.
        qt().withExamples(2_000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(FirewallCharactersTest::agree);
        int[] edges = {0x00, 0x09, 0x0a, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xe1, 0x1ea1, 0x0378, 0xfffe, 0xd800};
        qt().withExamples(2_000).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40), lists().of(integers().between(0, edges.length - 1))
                .ofSizeBetween(0, 3)).checkAssert((text, picks) -> {
                    StringBuilder b = new StringBuilder(text);
                    for (int i = 0; i < picks.size(); i++) {
                        b.insert(Math.min(b.length(), i * 7), (char) edges[picks.get(i)]);
                    }
                    agree(b.toString());
                });
    }

    private static void agree(String text) {
        assertThat(FirewallCharacters.NAMES_AND_PARAMETERS.test(text)).as("names %s", escape(text))
                .isEqualTo(FirewallCharacters.ASSIGNED_NOT_CONTROL.matcher(text).matches());
        assertThat(FirewallCharacters.HEADER_VALUES.test(text)).as("values %s", escape(text))
                .isEqualTo(FirewallCharacters.HEADER_VALUE.matcher(text).matches());
    }

    @Test
    void printable_ascii_passes_and_control_characters_do_not() {
        String bearer = "Bearer " + "eyJhbGciOiJSUzI1NiJ9.".repeat(40);
        assertThat(FirewallCharacters.HEADER_VALUES.test(bearer)).isTrue();
        assertThat(FirewallCharacters.HEADER_VALUES.test("a\tb")).as("a tab in a value").isTrue();
        assertThat(FirewallCharacters.NAMES_AND_PARAMETERS.test("a\tb")).as("a tab in a name").isFalse();
        assertThat(FirewallCharacters.HEADER_VALUES.test("a\u0007b")).isFalse();
        assertThat(FirewallCharacters.HEADER_VALUES.test("a\u0085b")).as("a C1 control").isFalse();
        assertThat(FirewallCharacters.HEADER_VALUES.test("Tổ công nghệ số")).isTrue();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }
}
