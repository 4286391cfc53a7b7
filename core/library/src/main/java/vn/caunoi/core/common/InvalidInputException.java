package vn.caunoi.core.common;

import java.util.List;
import java.util.Objects;

/**
 * Bad input to a service call: names each field and the reason. Nothing was written. The first
 * problem is the main one; {@link #problems()} lists them all.
 */
public final class InvalidInputException extends CauNoiException {

    /** One field's problem: the input field, a stable reason code and a message for a person. */
    public record FieldProblem(String field, String reason, String message) {
        public FieldProblem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<FieldProblem> problems;

    public InvalidInputException(String field, String reason, String message) {
        this(List.of(new FieldProblem(field, reason, message)));
    }

    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public String field() {
        return problems.get(0).field();
    }

    /** A stable machine-readable reason, e.g. {@code NEGATIVE}, {@code NOT_A_DATE}, {@code UNKNOWN_UNIT}. */
    public String reason() {
        return problems.get(0).reason();
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public String code() {
        return "BAD_USER_INPUT";
    }
}
