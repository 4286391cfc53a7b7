package vn.caunoi.core.indicator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

/** Text cells of a CSV report are never taken for formulas by a spreadsheet. */
class ReportsTest {

    @Test
    void text_that_a_spreadsheet_would_run_is_kept_as_text() {
        assertThat(Reports.inert("=HYPERLINK(\"http://x\",\"Tổ 1\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"Tổ 1\")");
        assertThat(Reports.inert("+1+cmd|' /C calc'!A0")).startsWith("'+");
        assertThat(Reports.inert("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Reports.inert("-2")).isEqualTo("'-2");
        assertThat(Reports.inert("Tổ công nghệ số cộng đồng Thôn An Lạc")).isEqualTo("Tổ công nghệ số cộng đồng Thôn An Lạc");
        assertThat(Reports.inert("")).isEmpty();
    }

    @Test
    void any_text_comes_out_inert_and_otherwise_unchanged() {
        qt().withFixedSeed(29L).withExamples(2000).forAll(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 12)).checkAssert(text -> {
            String cell = Reports.inert(text);
            assertThat(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0).as("%s", cell).isTrue();
            assertThat(cell.equals(text) || cell.equals("'" + text)).isTrue();
        });
    }
}
