package vn.caunoi.core.resident;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import vn.caunoi.core.common.InvalidInputException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The rules of the 12-digit citizen ID number, on generated valid and invalid numbers. */
class CitizenIdTest {

    static final int NOW = 2026;
    static final List<String> PROVINCES = CitizenId.PROVINCE_CODES.stream().sorted().toList();

    /** A valid number for a birth year and sex, with random tail digits. */
    static Gen<String> validNumbers() {
        return integers().between(0, PROVINCES.size() - 1)
                .zip(integers().between(1900, NOW), integers().between(0, 1), integers().between(0, 999_999),
                        (p, year, female, tail) -> PROVINCES.get(p) + ((year - 1900) / 100 * 2 + female)
                                + String.format("%02d", year % 100) + String.format("%06d", tail));
    }

    @Test
    void every_valid_number_parses_and_says_its_birth_year_sex_and_province() {
        qt().withExamples(2000).forAll(validNumbers()).checkAssert(number -> {
            CitizenId id = CitizenId.parse(number, null, NOW);
            assertThat(id.digits()).isEqualTo(number);
            assertThat(id.provinceCode()).isEqualTo(number.substring(0, 3));
            assertThat(id.birthYear() % 100).isEqualTo(Integer.parseInt(number.substring(4, 6)));
            assertThat(id.birthYear()).isBetween(1900, NOW);
            assertThat(id.sex()).isEqualTo((number.charAt(3) - '0') % 2 == 0 ? CitizenId.Sex.MALE : CitizenId.Sex.FEMALE);
            assertThat(CitizenId.parse(number, id.birthYear(), NOW)).isEqualTo(id);
            assertThat(id.toString()).isEqualTo(id.masked()).endsWith(number.substring(9)).doesNotContain(number.substring(0, 9));
        });
    }

    @Test
    void a_birth_year_that_disagrees_with_the_number_is_refused_without_repeating_it() {
        qt().withExamples(1000).forAll(validNumbers(), integers().between(1, 150)).checkAssert((number, shift) -> {
            int year = CitizenId.parse(number, null, NOW).birthYear();
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> CitizenId.parse(number, year + shift, NOW));
            assertThat(e.field()).isEqualTo("birthYear");
            assertThat(e.reason()).isEqualTo("DOES_NOT_MATCH_CITIZEN_ID");
            assertThat(e.getMessage()).doesNotContain(number).doesNotContain(number.substring(6));
        });
    }

    @Test
    void anything_but_twelve_digits_is_refused() {
        qt().withExamples(1000).forAll(lists().of(integers().between(0, 9)).ofSizeBetween(0, 20)).checkAssert(list -> {
            String digits = list.stream().map(String::valueOf).reduce("", String::concat);
            if (digits.length() != 12) {
                assertThat(reason(digits)).isEqualTo("NOT_12_DIGITS");
            }
        });
        assertThat(reason("03420012345a")).isEqualTo("NOT_12_DIGITS");
        assertThat(reason(null)).isEqualTo("NOT_12_DIGITS");
        assertThat(CitizenId.parse("034 200 123 456", null, NOW).digits()).isEqualTo("034200123456");
    }

    @Test
    void the_province_code_must_be_one_of_the_63_and_the_birth_year_not_in_the_future() {
        qt().withExamples(500).forAll(integers().between(0, 999), integers().between(0, 999_999_999)).checkAssert((code, rest) -> {
            String province = String.format("%03d", code);
            String number = province + "0" + String.format("%08d", rest % 100_000_000);
            if (!CitizenId.PROVINCE_CODES.contains(province)) {
                assertThat(reason(number)).isEqualTo("UNKNOWN_PROVINCE_CODE");
            }
        });
        assertThat(CitizenId.PROVINCE_CODES).hasSize(63).contains("033", "034", "001", "079");
        assertThat(reason("034427123456")).as("born in 2127").isEqualTo("BIRTH_YEAR_IN_FUTURE");
    }

    private static String reason(String number) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> CitizenId.parse(number, null, NOW));
        assertThat(e).isNotNull();
        if (number != null && number.length() > 6) {
            assertThat(e.getMessage()).doesNotContain(number);
        }
        return e.reason();
    }

    @Test
    void a_number_is_cleaned_and_checked_by_hand_exactly_as_the_regular_expressions_did() {
        // Digits, the characters removed, and look-alikes that must stay: a letter, a no-break space,
        // an Arabic-Indic digit, a full-width digit, a comma.
        String alphabet = "0123456789 .\t\n\u000B\f\ra\u00A0\u0663\uFF11,";
        qt().withExamples(3000).forAll(lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, 20))
                .checkAssert(picks -> {
                    StringBuilder b = new StringBuilder();
                    picks.forEach(i -> b.append(alphabet.charAt(i)));
                    String text = b.toString();
                    String cleaned = text.replaceAll("[\\s.]", "");
                    assertThat(CitizenId.withoutSpacesAndDots(text)).as("cleaned %s", text).isEqualTo(cleaned);
                    assertThat(CitizenId.twelveDigits(cleaned)).as("twelve digits %s", cleaned).isEqualTo(cleaned.matches("\\d{12}"));
                });
        // Valid numbers with one character of the alphabet put in somewhere: removed or not, as before.
        qt().forAll(validNumbers(), integers().between(0, 12), integers().between(0, alphabet.length() - 1)).checkAssert((n, at, pick) -> {
            String text = n.substring(0, at) + alphabet.charAt(pick) + n.substring(at);
            String cleaned = text.replaceAll("[\\s.]", "");
            assertThat(CitizenId.withoutSpacesAndDots(text)).isEqualTo(cleaned);
            assertThat(CitizenId.twelveDigits(cleaned)).as(cleaned).isEqualTo(cleaned.matches("\\d{12}"));
        });
        assertThat(CitizenId.withoutSpacesAndDots(null)).isEmpty();
    }
}
