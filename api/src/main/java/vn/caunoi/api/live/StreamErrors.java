package vn.caunoi.api.live;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;
import vn.caunoi.core.common.CauNoiException;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.AccessDeniedException;

import java.util.Map;
import java.util.UUID;

/**
 * A subscription refused as it starts (its scope, a bad argument, too many streams) or that fails
 * later (the caller deactivated or moved out of the unit's
 * scope, the database gone) ends with one error event carrying a stable code, then {@code complete}:
 * the same codes as queries, never a stack trace or SQL (those are logged under a reference).
 */
@Component
public class StreamErrors extends SubscriptionExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(StreamErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        if (ex instanceof CauNoiException known) {
            ErrorType type = ex instanceof AccessDeniedException ? ("UNAUTHENTICATED".equals(known.code()) ? ErrorType.UNAUTHORIZED
                    : ErrorType.FORBIDDEN) : ErrorType.BAD_REQUEST;
            Map<String, Object> extensions = new java.util.LinkedHashMap<>();
            extensions.put("code", known.code());
            if (ex instanceof InvalidInputException bad) {
                extensions.put("field", bad.field());
                extensions.put("reason", bad.reason());
            }
            return GraphqlErrorBuilder.newError().errorType(type).message(known.getMessage()).extensions(extensions).build();
        }
        String reference = UUID.randomUUID().toString();
        log.error("subscription failed; reference {}", reference, ex);
        return GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR).message("internal error; reference " + reference)
                .extensions(Map.of("code", "INTERNAL_ERROR", "reference", reference)).build();
    }
}
