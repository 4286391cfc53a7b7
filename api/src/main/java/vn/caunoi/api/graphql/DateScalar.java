package vn.caunoi.api.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The {@code Date} scalar: an ISO calendar date, YYYY-MM-DD, refused with a clear message otherwise. */
public final class DateScalar {

    public static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("A calendar date, YYYY-MM-DD.")
            .coercing(new Coercing<LocalDate, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof LocalDate date) {
                        return date.toString();
                    }
                    throw new CoercingSerializeException("not a date");
                }

                @Override
                public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parse(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("a Date is a string YYYY-MM-DD");
                }

                @Override
                public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text) {
                        return parse(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("a Date is a string YYYY-MM-DD");
                }
            })
            .build();

    private DateScalar() {
    }

    private static LocalDate parse(String text, java.util.function.Function<String, RuntimeException> error) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw error.apply("'" + shown + "' is not a date (YYYY-MM-DD)");
        }
    }
}
