package vn.caunoi.api.graphql;

import vn.caunoi.core.common.InvalidInputException;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** A mutation's bad input, as GraphQL shows it in {@code userErrors}. */
public record UserError(String field, String code, String message) {

    public static List<UserError> of(InvalidInputException e) {
        return e.problems().stream().map(p -> new UserError(p.field(), p.reason(), p.message())).toList();
    }

    /**
     * Runs a mutation: its result as the payload, or the payload made from its user errors when the
     * input is refused. Anything else is a GraphQL error, as for queries.
     */
    public static <P> P payload(Supplier<P> mutation, Function<List<UserError>, P> refused) {
        try {
            return mutation.get();
        } catch (InvalidInputException e) {
            return refused.apply(of(e));
        }
    }
}
