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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code DateTime} scalar: an instant with its offset, ISO-8601. Input must carry an offset
 * (a device's local time without one is ambiguous across zones); output is in UTC.
 */
public final class DateTimeScalar {

    public static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant with its offset, ISO-8601 (2025-03-02T08:15:00+07:00); answers are in UTC.")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant instant) {
                        return instant.toString();
                    }
                    if (value instanceof OffsetDateTime time) {
                        return time.toInstant().toString();
                    }
                    throw new CoercingSerializeException("not an instant");
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parse(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("a DateTime is a string like 2025-03-02T08:15:00+07:00");
                }

                @Override
                public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text) {
                        return parse(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("a DateTime is a string like 2025-03-02T08:15:00+07:00");
                }
            })
            .build();

    private DateTimeScalar() {
    }

    private static Instant parse(String text, Function<String, RuntimeException> error) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw error.apply("'" + shown + "' is not a DateTime: ISO-8601 with an offset, e.g. 2025-03-02T08:15:00+07:00");
        }
    }
}
