package vn.caunoi.spi;

import java.util.regex.Pattern;

/**
 * Why an attribute of a record is refused.
 *
 * @param attribute the attribute's name, or null for the record as a whole
 * @param code      stable UPPER_SNAKE_CASE reason, e.g. {@code NOT_10_DIGITS}, {@code REQUIRED}, {@code UNKNOWN_ATTRIBUTE}
 * @param message   for a person, in Vietnamese and English; never repeat the value if it may be personal data
 */
public record AttributeProblem(String attribute, String code, LocalizedText message) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,49}");

    public AttributeProblem {
        Checks.matching(code, CODE, "problem code");
        java.util.Objects.requireNonNull(message, "message");
    }

    public static AttributeProblem of(String attribute, String code, String vi, String en) {
        return new AttributeProblem(attribute, code, LocalizedText.of(vi, en));
    }
}
