package vn.caunoi.api.graphql.http;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/** The answer's own JSON writer writes what Jackson writes, as JSON that any reader reads back to the same tree. */
class ResultJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Text of any characters a database's text holds (every code point but the surrogates, which
     * UTF-8 cannot carry alone), and Vietnamese names with the characters JSON escapes mixed in.
     */
    private static Gen<String> texts() {
        Gen<String> any = strings().allPossible().ofLengthBetween(0, 12).map(ResultJsonTest::withoutLoneSurrogates);
        Gen<String> named = strings().betweenCodePoints(0, 0x1f).ofLengthBetween(0, 2)
                .zip(integers().between(0, 5), (controls, pick) -> List.of("Nguyễn Thị Lan", "Tổ \"thôn\" Đông", "a\\b", "𝔘𝔫𝔦", "", "Đỗ")
                        .get(pick) + controls);
        return any.mix(named, 50);
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !Character.isSurrogate((char) cp) || cp > 0xffff).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static Gen<Object> scalars() {
        Gen<Object> text = texts().map(s -> (Object) s);
        Gen<Object> ints = integers().all().map(i -> (Object) i);
        Gen<Object> big = longs().all().map(l -> (Object) l);
        Gen<Object> decimals = doubles().between(-1e12, 1e12).map(d -> (Object) d);
        Gen<Object> exact = longs().all().map(l -> (Object) new BigDecimal(BigInteger.valueOf(l), 3));
        Gen<Object> flags = booleans().all().map(b -> (Object) b);
        Gen<Object> nothing = booleans().all().map(b -> (Object) null);
        return text.mix(ints, 30).mix(big, 15).mix(decimals, 15).mix(exact, 10).mix(flags, 10).mix(nothing, 10);
    }

    /** A tree of maps and lists, three levels deep at most, as graphql-java answers. */
    private static Gen<Object> trees(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Object> inner = trees(depth - 1);
        Gen<Object> object = lists().of(texts().zip(inner, java.util.AbstractMap.SimpleEntry::new)).ofSizeBetween(0, 4).map(entries -> {
            Map<String, Object> map = new LinkedHashMap<>();
            entries.forEach(e -> map.put(e.getKey(), e.getValue()));
            return (Object) map;
        });
        Gen<Object> array = lists().of(inner).ofSizeBetween(0, 4).map(l -> (Object) new ArrayList<>(l));
        return scalars().mix(object, 45).mix(array, 35);
    }

    @Test
    void any_answer_reads_back_as_the_tree_jackson_writes() {
        qt().withExamples(3_000).forAll(trees(3)).checkAssert(tree -> {
            byte[] ours = ResultJson.write(tree, JSON);
            JsonNode read = JSON.readTree(ours);
            assertThat(read).as(new String(ours, StandardCharsets.UTF_8)).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(tree)));
        });
    }

    @Test
    void text_is_utf8_with_only_what_json_requires_escaped() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", "Tổ \"thôn\" Đông\\\n\t\u0001");
        answer.put("emoji", "𝔘");
        answer.put("lone", "a\ud800b");
        byte[] bytes = ResultJson.write(answer, JSON);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"Tổ \\\"thôn\\\" Đông\\\\\\n\\t\\u0001\",\"emoji\":\"𝔘\",\"lone\":\"a\\ud800b\"}");
        // a surrogate with no partner is escaped, so the bytes stay valid UTF-8, and reads back as it was
        assertThat(JSON.readTree(bytes).get("lone").asString()).isEqualTo("a\ud800b");
    }

    @Test
    void values_of_other_types_are_written_by_jackson_and_numbers_jackson_cannot_write_as_json_numbers_too() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("date", LocalDate.of(2025, 7, 1));
        answer.put("notANumber", Double.NaN);
        answer.put("list", List.of(1, 2L, new BigInteger("123456789012345678901234567890")));

        assertThat(new String(ResultJson.write(answer, JSON), StandardCharsets.UTF_8))
                .isEqualTo(new String(JSON.writeValueAsBytes(answer), StandardCharsets.UTF_8));
    }
}
