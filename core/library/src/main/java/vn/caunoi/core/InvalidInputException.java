package vn.caunoi.core;

import java.util.Objects;

/** Bad input to a service call: names the field and the reason. Nothing was written. */
public final class InvalidInputException extends CauNoiException {

    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason, String message) {
        super(message);
        this.field = Objects.requireNonNull(field);
        this.reason = Objects.requireNonNull(reason);
    }

    public String field() {
        return field;
    }

    /** A stable machine-readable reason, e.g. {@code NEGATIVE}, {@code NOT_A_DATE}, {@code UNKNOWN_UNIT}. */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return "BAD_USER_INPUT";
    }
}
