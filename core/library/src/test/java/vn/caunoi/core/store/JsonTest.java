package vn.caunoi.core.store;

import org.junit.jupiter.api.Test;
import vn.caunoi.core.store.Json;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

/** Attributes travel as flat JSON objects of strings: whatever the text, they come back as they went. */
class JsonTest {

    @Test
    void any_map_of_strings_survives_the_round_trip() {
        qt().withFixedSeed(13L).withExamples(500)
                .forAll(maps().of(strings().betweenCodePoints(1, 0x2FFF).ofLengthBetween(0, 12),
                        strings().betweenCodePoints(0, 0x2FFF).ofLengthBetween(0, 30)).ofSizeBetween(0, 6))
                .checkAssert(map -> {
                    Map<String, String> parsed = Json.stringMap(Json.of(map));
                    assertThat(parsed).isEqualTo(new TreeMap<>(map));
                });
    }

    @Test
    void postgres_jsonb_output_with_spaces_and_escapes_is_read() {
        assertThat(Json.stringMap("{\"a\": \"x \\\"y\\\" \\\\ z\", \"đ\": \"Nữ\\u0001\"}"))
                .containsExactly(Map.entry("a", "x \"y\" \\ z"), Map.entry("đ", "Nữ\u0001"));
        assertThat(Json.of(Map.of())).isNull();
        assertThat(Json.stringMap(null)).isEmpty();
        qt().forAll(integers().between(0, 0x1F)).checkAssert(c -> assertThat(Json.of(Map.of("k", String.valueOf((char) (int) c))))
                .doesNotContain(String.valueOf((char) (int) c)));
    }
}
