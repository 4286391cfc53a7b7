package vn.caunoi.core.resident;

import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Problems;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A 12-digit personal identification number (số định danh cá nhân, Circular 59/2021/TT-BCA):
 * three digits of the province where the birth was registered, one digit for century and sex, the
 * last two digits of the birth year, and six random digits.
 *
 * <p>The number is personal data: this type never prints it ({@link #toString()} is masked) and no
 * error message repeats it. Store only {@code PersonalDataProtector.fingerprint(digits())} and
 * {@link #masked()}.
 */
public final class CitizenId {

    public enum Sex { MALE, FEMALE }

    /** The 63 provinces' birth-registration codes (before the 2025 mergers, which did not reissue numbers). */
    static final Set<String> PROVINCE_CODES = Arrays.stream(new int[]{
            1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45,
            46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92,
            93, 94, 95, 96}).mapToObj(c -> String.format("%03d", c)).collect(Collectors.toUnmodifiableSet());

    private final String digits;

    private CitizenId(String digits) {
        this.digits = digits;
    }

    /** The text without white space (as {@code \s} of a regular expression: ASCII only) and dots. */
    static String withoutSpacesAndDots(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && c != ' ' && (c < '\t' || c > '\r')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Exactly twelve ASCII digits (as {@code \d{12}}). Parsed by hand: a list has a million of them. */
    static boolean twelveDigits(String s) {
        if (s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a number as typed (spaces and dots are ignored). {@code birthYear}, when given, must agree
     * with the number; a number that says a birth year after {@code currentYear} is refused.
     */
    public static CitizenId parse(String text, Integer birthYear, int currentYear) {
        String digits = withoutSpacesAndDots(text);
        if (!twelveDigits(digits)) {
            throw new InvalidInputException("citizenId", "NOT_12_DIGITS", "a citizen ID number has exactly 12 digits");
        }
        if (!PROVINCE_CODES.contains(digits.substring(0, 3))) {
            throw new InvalidInputException("citizenId", "UNKNOWN_PROVINCE_CODE",
                    "the first three digits of a citizen ID number are a province's birth-registration code");
        }
        CitizenId id = new CitizenId(digits);
        if (id.birthYear() > currentYear) {
            throw new InvalidInputException("citizenId", "BIRTH_YEAR_IN_FUTURE",
                    "the century digit and year digits of this citizen ID number give a birth year after " + currentYear);
        }
        if (birthYear != null && birthYear != id.birthYear()) {
            throw new InvalidInputException("birthYear", "DOES_NOT_MATCH_CITIZEN_ID",
                    "the birth year does not agree with the century and year digits of the citizen ID number");
        }
        return id;
    }

    /**
     * The number, or null after recording in {@code p} every problem of it and of the birth year (so
     * that a wrong sex, checked next, is reported too).
     */
    public static CitizenId check(Problems p, String text, Integer birthYear, int currentYear) {
        CitizenId id;
        try {
            id = parse(text, null, currentYear);
        } catch (InvalidInputException e) {
            e.problems().forEach(f -> p.add(f.field(), f.reason(), f.message()));
            return null;
        }
        try {
            parse(text, birthYear, currentYear);
        } catch (InvalidInputException e) {
            e.problems().forEach(f -> p.add(f.field(), f.reason(), f.message()));
        }
        return id;
    }

    /** The 12 digits: pass them only to a keyed fingerprint, never to a log or a response. */
    public String digits() {
        return digits;
    }

    /** The province code where the birth was registered. */
    public String provinceCode() {
        return digits.substring(0, 3);
    }

    public Sex sex() {
        return (digits.charAt(3) - '0') % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    }

    /** Century from the fourth digit (0–1: 1900s, 2–3: 2000s, …), year from the fifth and sixth. */
    public int birthYear() {
        int century = 1900 + ((digits.charAt(3) - '0') / 2) * 100;
        return century + Integer.parseInt(digits.substring(4, 6));
    }

    /** Only the last three digits: {@code •••••••••123}. */
    public String masked() {
        return "•".repeat(9) + digits.substring(9);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CitizenId other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }
}
