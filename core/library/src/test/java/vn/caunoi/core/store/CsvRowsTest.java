package vn.caunoi.core.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * The rows' bytes, block after block, are the CSV of the rows, whichever field a block boundary cuts
 * (a quote, a multi-byte letter, a row's end) and after a clear that reuses the blocks.
 * {@link CopyTest} sends such rows to PostgreSQL.
 */
class CsvRowsTest {

    @Test
    void the_blocks_in_order_are_the_csv_of_the_rows_across_block_boundaries_and_after_a_clear() {
        qt().withFixedSeed(20261207L).withExamples(25).withShrinkCycles(30)
                .forAll(rowsOf(), rowsOf())
                .checkAssert((first, second) -> {
                    CsvRows rows = new CsvRows();
                    assertThat(text(fill(rows, first))).isEqualTo(csv(first));
                    rows.clear();
                    assertThat(rows.isEmpty()).isTrue();
                    assertThat(text(fill(rows, second))).isEqualTo(csv(second));
                    assertThat(rows.rows()).isEqualTo(second.size());
                });
    }

    @Test
    void rows_that_end_exactly_on_a_block_one_past_it_and_a_smaller_fill_after_many_blocks() {
        // A field of BLOCK - 3 characters is a row of exactly one block: its two quotes and the newline.
        String oneBlock = "x".repeat(CsvRows.BLOCK - 3);
        List<List<String>> exactly = List.of(List.of(oneBlock));
        List<List<String>> onePast = List.of(List.of(oneBlock), List.of("y"));
        List<List<String>> manyBlocks = List.of(List.of(oneBlock + "ễ\"\n,"), List.of(oneBlock), List.of(oneBlock), List.of("z"));
        CsvRows rows = new CsvRows();
        for (List<List<String>> data : List.of(exactly, onePast, manyBlocks, exactly, onePast)) {
            rows.clear();
            assertThat(text(fill(rows, data))).isEqualTo(csv(data));
        }
    }

    /** Up to 300 rows of up to 4 fields of up to 2,000 characters (some rows alone span a block); "" is SQL NULL here. */
    private static org.quicktheories.core.Gen<List<List<String>>> rowsOf() {
        org.quicktheories.core.Gen<String> field = integers().between(0, 2_000).flatMap(n -> strings().betweenCodePoints('"', '"' + 100)
                .ofLengthBetween(0, n).map(s -> s.replace('#', '\n').replace('$', 'ễ')));
        return lists().of(lists().of(field).ofSizeBetween(1, 4)).ofSizeBetween(0, 300);
    }

    private static CsvRows fill(CsvRows rows, List<List<String>> data) {
        for (List<String> row : data) {
            for (String f : row) {
                rows.field(f.isEmpty() ? null : f);
            }
            rows.endRow();
        }
        return rows;
    }

    /** The bytes decoded (a failure then shows text; bytes cut wrongly decode to something else). */
    private static String text(CsvRows rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            rows.forEachBlock((block, length) -> out.write(block, 0, length));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The model: each row's fields quoted (quotes doubled), a NULL as nothing, commas between, a newline after. */
    private static String csv(List<List<String>> data) {
        StringBuilder b = new StringBuilder();
        for (List<String> row : data) {
            for (int i = 0; i < row.size(); i++) {
                String f = row.get(i);
                b.append(i == 0 ? "" : ",").append(f.isEmpty() ? "" : "\"" + f.replace("\"", "\"\"") + "\"");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
