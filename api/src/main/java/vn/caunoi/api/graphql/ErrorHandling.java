package vn.caunoi.api.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.caunoi.core.common.CauNoiException;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.hierarchy.ImportRejectedException;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.database.DatabaseAvailability;
import vn.caunoi.api.database.DatabaseErrors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Every error leaves the server with a stable {@code extensions.code} and a message meant for a
 * person; nothing unexpected (stack traces, SQL, table names) ever does: it is logged with a
 * reference that the client sees instead.
 */
public final class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    /**
     * Classifications of our own, beside Spring's: a request that ran out of time is not a bad
     * request, and a database that is away is not an internal error.
     */
    public enum Classification implements ErrorClassification {
        TIMEOUT, SERVICE_UNAVAILABLE
    }

    @Component
    public static class Resolver extends DataFetcherExceptionResolverAdapter {

        private final DatabaseAvailability availability;
        private final long retryAfterSeconds;

        public Resolver(DatabaseAvailability availability, CauNoiProperties properties) {
            this.availability = availability;
            this.retryAfterSeconds = Math.max(1, properties.database().retryAfter().toSeconds());
        }

        @Override
        protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            // Checked before the others: a timeout is a CauNoiException too, and a lost connection hides under MyBatis's wrapper.
            if (DatabaseErrors.timeout(ex)) {
                extensions.put("code", "TIMEOUT");
                return GraphqlErrorBuilder.newError(env).errorType(Classification.TIMEOUT)
                        .message("the request took longer than allowed and was stopped; ask for less or try again later")
                        .extensions(extensions).build();
            }
            if (DatabaseErrors.unavailable(ex)) {
                availability.suspect();
                extensions.put("code", "SERVICE_UNAVAILABLE");
                extensions.put("retryAfterSeconds", retryAfterSeconds);
                return GraphqlErrorBuilder.newError(env).errorType(Classification.SERVICE_UNAVAILABLE)
                        .message("the database is unavailable; try again in " + retryAfterSeconds + " s").extensions(extensions).build();
            }
            if (ex instanceof InvalidInputException bad) {
                extensions.put("code", bad.code());
                extensions.put("field", bad.field());
                extensions.put("reason", bad.reason());
                return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST)
                        .message(bad.getMessage()).extensions(extensions).build();
            }
            if (ex instanceof ImportRejectedException rejected) {
                extensions.put("code", rejected.code());
                extensions.put("problems", rejected.problems().stream().limit(100).map(p -> Map.of(
                        "file", p.file(), "line", p.line(), "column", String.valueOf(p.column()), "reason", p.reason())).toList());
                return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST)
                        .message(rejected.getMessage()).extensions(extensions).build();
            }
            if (ex instanceof vn.caunoi.core.common.AccessDeniedException denied) {
                extensions.put("code", denied.code());
                return GraphqlErrorBuilder.newError(env)
                        .errorType("UNAUTHENTICATED".equals(denied.code()) ? ErrorType.UNAUTHORIZED : ErrorType.FORBIDDEN)
                        .message(denied.getMessage()).extensions(extensions).build();
            }
            if (ex instanceof CauNoiException known) {
                extensions.put("code", known.code());
                return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST)
                        .message(known.getMessage()).extensions(extensions).build();
            }
            String reference = UUID.randomUUID().toString();
            log.error("internal error {} in {}", reference, env.getExecutionStepInfo().getPath(), ex);
            extensions.put("code", "INTERNAL_ERROR");
            extensions.put("reference", reference);
            return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR)
                    .message("internal error; reference " + reference).extensions(extensions).build();
        }
    }

    /**
     * Gives every error graphql-java produced itself (syntax, validation, bad variables) a stable code
     * too, adds {@code Retry-After} to the HTTP response when the database is unavailable, and counts
     * errors by code ({@code caunoi.errors}).
     */
    @Component
    public static class Codes implements WebGraphQlInterceptor {

        private final long retryAfterSeconds;
        private final vn.caunoi.api.metrics.OperationMetrics metrics;

        public Codes(CauNoiProperties properties, vn.caunoi.api.metrics.OperationMetrics metrics) {
            this.retryAfterSeconds = Math.max(1, properties.database().retryAfter().toSeconds());
            this.metrics = metrics;
        }

        @Override
        public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
            long started = System.nanoTime();
            return chain.next(request).map(response -> {
                WebGraphQlResponse coded = response.getErrors().isEmpty()
                        || response.getErrors().stream().allMatch(e -> e.getExtensions() != null && e.getExtensions().containsKey("code"))
                        ? response
                        : response.transform(builder -> builder.errors(response.getErrors().stream().map(ErrorHandling::withCode).toList()));
                java.util.List<String> codes = coded.getErrors().stream()
                        .map(e -> e.getExtensions() == null ? "INTERNAL_ERROR" : String.valueOf(e.getExtensions().get("code"))).toList();
                metrics.errors("graphql", codes);
                graphql.GraphQLContext context = coded.getExecutionInput().getGraphQLContext();
                metrics.operation(vn.caunoi.api.metrics.OperationMetrics.type(context), vn.caunoi.api.metrics.OperationMetrics.rootFields(context),
                        codes.isEmpty() ? "OK" : codes.get(0), System.nanoTime() - started);
                if (codes.contains("SERVICE_UNAVAILABLE")) {
                    coded.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
                }
                return coded;
            });
        }
    }

    private static GraphQLError withCode(org.springframework.graphql.ResponseError error) {
        Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
        extensions.putIfAbsent("code", codeOf(error.getErrorType()));
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .errorType(error.getErrorType())
                .extensions(extensions);
        if (!error.getParsedPath().isEmpty()) {
            builder.path(error.getParsedPath());
        }
        if (error.getLocations() != null && !error.getLocations().isEmpty()) {
            builder.locations(error.getLocations());
        }
        return builder.build();
    }

    private static String codeOf(ErrorClassification type) {
        String name = type == null ? "" : type.toString();
        return switch (name) {
            case "InvalidSyntax" -> "GRAPHQL_PARSE_FAILED";
            case "ValidationError" -> "GRAPHQL_VALIDATION_FAILED";
            case "BAD_REQUEST" -> "BAD_USER_INPUT";
            case "UNAUTHORIZED" -> "UNAUTHENTICATED";
            case "FORBIDDEN" -> "FORBIDDEN";
            case "NOT_FOUND" -> "NOT_FOUND";
            case "OperationNotSupported" -> "OPERATION_NOT_SUPPORTED";
            case "ExecutionAborted" -> "EXECUTION_ABORTED";
            case "BadFaithIntrospection" -> "INTROSPECTION_REFUSED";
            default -> "INTERNAL_ERROR";
        };
    }
}
