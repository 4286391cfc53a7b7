package vn.caunoi.core.common;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of an input before anything is written; {@link #throwIfAny()} reports them together. */
public final class Problems {

    private final List<InvalidInputException.FieldProblem> problems = new ArrayList<>();

    public Problems add(String field, String reason, String message) {
        problems.add(new InvalidInputException.FieldProblem(field, reason, message));
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Required text of at most {@code max} characters; returns it stripped, or null after recording a problem. */
    public String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "REQUIRED", field + " is required");
            return null;
        }
        String v = value.strip();
        if (v.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            add(field, "CONTROL_CHARACTERS", field + " contains control characters");
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            add(field, "TOO_LONG", field + " must be at most " + max + " characters, not " + v.codePointCount(0, v.length()));
            return null;
        }
        return v;
    }

    /** Optional text of at most {@code max} characters. */
    public String optionalText(String field, String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, max);
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            add(field, "REQUIRED", field + " is required");
        }
        return value;
    }

    /** {@code to} must not be before {@code from} (both optional). */
    public void order(String fromField, LocalDate from, String toField, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            add(toField, "BEFORE_" + fromField.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT),
                    toField + " (" + to + ") is before " + fromField + " (" + from + ")");
        }
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
