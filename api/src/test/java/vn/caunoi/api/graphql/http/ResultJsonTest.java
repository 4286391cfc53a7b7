package vn.caunoi.api.graphql.http;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** An answer written value by value has exactly the bytes the mapper writes for it. */
class ResultJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] TEXTS = {"", "Tổ công nghệ số", "a\"b\\c", "line\nbreak\ttab", "\u0000\u001f\u007f", "😀 emoji",
            "\ud800 lone surrogate", "</script>", "null", "1e3"};

    @Test
    void writes_what_the_mapper_writes_for_any_answer() {
        qt().withExamples(1_000).forAll(longs().all(), integers().between(0, 4)).checkAssert((seed, depth) -> {
            Object answer = answer(new Random(seed), depth);
            // The endpoint wrote the mapper's bytes (a lone surrogate is escaped in bytes, kept in a String).
            String expected = new String(JSON.writeValueAsBytes(answer), StandardCharsets.UTF_8);
            String written = new String(ResultJson.write(JSON, answer), StandardCharsets.UTF_8);
            assertThat(escaped(written)).isEqualTo(escaped(expected));
        });
    }

    @Test
    void a_value_that_is_not_json_is_written_by_the_mapper() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("date", LocalDate.of(2025, 7, 1));
        answer.put("keys", Map.of(1, "one"));
        answer.put("data", List.of(Map.of("n", 1)));
        assertThat(ResultJson.write(JSON, answer)).isEqualTo(JSON.writeValueAsBytes(answer));
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    /** Maps, lists, strings, numbers, booleans and nulls, nested up to {@code depth}. */
    private static Object answer(Random r, int depth) {
        int kind = depth == 0 ? r.nextInt(7) : r.nextInt(9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt()));
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> r.nextBoolean() ? r.nextDouble() * 1e6 : new BigDecimal(r.nextInt(100000)).movePointLeft(2);
            case 5 -> r.nextBoolean();
            case 6 -> BigInteger.valueOf(r.nextLong()).shiftLeft(10);
            case 7 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    map.put(TEXTS[r.nextInt(TEXTS.length)] + i, answer(r, depth - 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    list.add(answer(r, depth - 1));
                }
                yield list;
            }
        };
    }
}
