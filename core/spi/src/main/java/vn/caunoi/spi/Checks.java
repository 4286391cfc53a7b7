package vn.caunoi.spi;

import java.util.regex.Pattern;

/** Constructor checks shared by the SPI's value types. */
final class Checks {

    private Checks() {
    }

    static String text(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        return v;
    }

    static String matching(String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must match " + pattern.pattern());
        }
        return value;
    }
}
