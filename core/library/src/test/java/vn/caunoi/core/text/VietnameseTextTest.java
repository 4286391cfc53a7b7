package vn.caunoi.core.text;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class VietnameseTextTest {

    @Test
    void old_and_new_tone_placement_are_the_same_name() {
        assertThat(VietnameseText.exact("Tân Hoà")).isEqualTo(VietnameseText.exact("Tân Hòa"));
        assertThat(VietnameseText.exact("Thuỵ Trường")).isEqualTo(VietnameseText.exact("Thụy Trường"));
        assertThat(VietnameseText.exact("Hoè Nhai")).isEqualTo(VietnameseText.exact("Hòe Nhai"));
        assertThat(VietnameseText.exact("Tân Hòa")).isEqualTo("tân hòa");
    }

    @Test
    void tone_stays_where_the_syllable_goes_on_or_after_q() {
        assertThat(VietnameseText.exact("Hoàng")).isEqualTo("hoàng");
        assertThat(VietnameseText.exact("Quý")).isEqualTo("quý");
        assertThat(VietnameseText.exact("Quỳnh")).isEqualTo("quỳnh");
    }

    @Test
    void folding_forgets_case_diacritics_and_the_bar_of_d() {
        assertThat(VietnameseText.folded("Xã Đông  Động")).isEqualTo("xa dong dong");
        assertThat(VietnameseText.folded("  THỊ TRẤN Hưng Hà ")).isEqualTo("thi tran hung ha");
    }

    @Test
    void decomposed_input_is_the_same_as_composed() {
        String decomposed = Normalizer.normalize("Tân Hoà", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Tân Hoà");
        assertThat(VietnameseText.exact(decomposed)).isEqualTo(VietnameseText.exact("Tân Hòa"));
        assertThat(VietnameseText.folded(decomposed)).isEqualTo("tan hoa");
    }

    /** Syllables of real unit names; generated names are sequences of them in random case and form. */
    private static final String[] SYLLABLES = {"Tân", "Hoà", "Hòa", "Thuỵ", "Thụy", "Đông", "Quỳnh", "Ngự", "Thiên",
            "Hưng", "Hà", "Vũ", "Thư", "Phố", "Hiến", "Đoài", "Khoẻ", "Quý", "Lạc", "Đạo", "ấp", "Bản"};

    @Test
    void normal_forms_are_stable_under_case_unicode_form_and_repetition() {
        qt().withExamples(500)
                .forAll(lists().of(integers().between(0, SYLLABLES.length * 4 - 1)).ofSizeBetween(1, 6))
                .checkAssert(picks -> {
                    StringBuilder text = new StringBuilder();
                    StringBuilder variant = new StringBuilder();
                    for (int pick : picks) {
                        String syllable = SYLLABLES[pick % SYLLABLES.length];
                        int form = pick / SYLLABLES.length;
                        text.append(syllable).append(' ');
                        String v = (form & 1) == 1 ? syllable.toUpperCase(Locale.ROOT) : syllable;
                        variant.append((form & 2) == 2 ? Normalizer.normalize(v, Normalizer.Form.NFD) : v).append("  ");
                    }
                    String exact = VietnameseText.exact(text.toString());
                    assertThat(VietnameseText.exact(exact)).isEqualTo(exact);
                    assertThat(VietnameseText.exact(variant.toString())).isEqualTo(exact);
                    assertThat(VietnameseText.folded(variant.toString())).isEqualTo(VietnameseText.folded(text.toString()));
                    assertThat(VietnameseText.folded(exact)).isEqualTo(VietnameseText.folded(text.toString()));
                    assertThat(VietnameseText.folded(text.toString())).matches("[a-z ]*");
                });
    }
}
