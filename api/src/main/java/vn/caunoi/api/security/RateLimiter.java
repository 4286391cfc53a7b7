package vn.caunoi.api.security;

import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import org.springframework.stereotype.Component;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.core.access.Actor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rates per caller (a user, or the address of an anonymous client): mutations, and the queries that
 * cost most (indicators, scorecards, rechecks, reports, uploads), each in a bucket refilled every
 * minute. Cheap reads are not limited. A caller over the rate gets {@code RATE_LIMITED} with the
 * seconds to wait; others are served meanwhile. Buckets live in memory: one server, or one bucket
 * per server behind a load balancer.
 */
@Component
public class RateLimiter extends SimplePerformantInstrumentation {

    public enum Kind { MUTATION, EXPENSIVE }

    /** Root fields whose cost grows with the area asked for. */
    static final Set<String> EXPENSIVE = Set.of("adoptionRates", "adoptionTrend", "teamScorecards", "adoptionCountCheck",
            "personDataAccessLog", "coverage");

    private final CauNoiProperties.Limits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(CauNoiProperties properties) {
        this.limits = properties.limits();
    }

    /** A caller's allowance of one kind: {@code capacity} per minute, refilled continuously. */
    private static final class Bucket {
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double capacity) {
            this.capacity = capacity;
            this.tokens = capacity;
        }

        /** Takes one token; returns 0, or the seconds until one is back. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 60e9 * capacity);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60 / capacity);
        }
    }

    /** 0 when the caller may go on, else the seconds to wait. */
    public long take(String client, boolean anonymous, Kind kind) {
        int perMinute = switch (kind) {
            case MUTATION -> limits.mutationsPerMinute();
            case EXPENSIVE -> anonymous ? limits.anonymousExpensiveQueriesPerMinute() : limits.expensiveQueriesPerMinute();
        };
        if (buckets.size() > 100_000) {
            buckets.clear(); // a flood of addresses must not fill memory; everyone starts afresh
        }
        return buckets.computeIfAbsent(kind + "|" + client, k -> new Bucket(perMinute)).take();
    }

    /** The client key of the current request outside GraphQL (uploads, reports). */
    public static String client(Actor actor, String remoteAddress) {
        return actor.kind() == Actor.Kind.ANONYMOUS ? "ip:" + remoteAddress : "user:" + actor.id();
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
                                                                                InstrumentationState state) {
        OperationDefinition op = p.getExecutionContext().getOperationDefinition();
        Kind kind = op.getOperation() == OperationDefinition.Operation.MUTATION ? Kind.MUTATION
                : op.getSelectionSet().getSelectionsOfType(Field.class).stream().anyMatch(f -> EXPENSIVE.contains(f.getName())) ? Kind.EXPENSIVE
                : null;
        if (kind != null) {
            String client = p.getExecutionContext().getGraphQLContext().getOrDefault(RequestLimits.CLIENT, "unknown");
            long wait = take(client, client.startsWith("ip:"), kind);
            if (wait > 0) {
                throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().errorType(graphql.ErrorType.ExecutionAborted)
                        .message("too many " + (kind == Kind.MUTATION ? "changes" : "expensive queries") + " from you; try again in " + wait + " s")
                        .extensions(Map.of("code", "RATE_LIMITED", "retryAfterSeconds", wait)).build()));
            }
        }
        return SimpleInstrumentationContext.noOp();
    }
}
