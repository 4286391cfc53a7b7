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
import vn.caunoi.core.common.Actor;

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
            "personDataAccessLog", "coverage",
            // Subscriptions: opening one costs one (it then reads every few seconds; StreamLimiter bounds how many stay open).
            "importJobProgress", "adoptionRate");

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

        /**
         * Takes {@code n} tokens (at most the capacity: a request of more costs a whole minute), all
         * or none; returns 0, or the seconds until they are back.
         */
        synchronized long take(int n) {
            double wanted = Math.min(n, capacity);
            refill();
            if (tokens >= wanted) {
                tokens -= wanted;
                return 0;
            }
            return (long) Math.ceil((wanted - tokens) * 60 / capacity);
        }

        /** Whether the bucket is full again, i.e. the same as a new one. */
        synchronized boolean full() {
            refill();
            return tokens >= capacity;
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 60e9 * capacity);
            last = now;
        }
    }

    /** 0 when the caller may go on, else the seconds to wait. */
    public long take(String client, boolean anonymous, Kind kind) {
        return take(client, anonymous, kind, 1);
    }

    /** Takes {@code n} of the caller's allowance (n fields of the kind in one request): 0, or the seconds to wait. */
    public long take(String client, boolean anonymous, Kind kind, int n) {
        int perMinute = switch (kind) {
            case MUTATION -> limits.mutationsPerMinute();
            case EXPENSIVE -> anonymous ? limits.anonymousExpensiveQueriesPerMinute() : limits.expensiveQueriesPerMinute();
        };
        if (buckets.size() > MAX_BUCKETS) {
            // A flood of addresses must not fill memory. A full bucket is the same as none: drop
            // those first; if most are in use, all start afresh.
            buckets.values().removeIf(Bucket::full);
            if (buckets.size() > MAX_BUCKETS / 2) {
                buckets.clear(); // hardly any idle: do not scan again on every new client
            }
        }
        return buckets.computeIfAbsent(kind + "|" + client, k -> new Bucket(perMinute)).take(n);
    }

    static final int MAX_BUCKETS = 100_000;

    /**
     * Takes one request of the caller of this HTTP request from her bucket of {@code kind}, or
     * refuses it: the plain HTTP endpoints (uploads, reports) cost what the GraphQL fields behind
     * them cost. {@code what} names the requests in the message ("uploads", "reports").
     */
    public void requireWithin(jakarta.servlet.http.HttpServletRequest request, Kind kind, String what) {
        Actor actor = Actors.current();
        long wait = take(client(actor, request.getRemoteAddr()), actor.kind() == Actor.Kind.ANONYMOUS, kind);
        if (wait > 0) {
            throw new RateLimitedException(what, wait);
        }
    }

    /** The client key of a request: the user, or for the public the address (an IPv6 client by its /64, which one host holds whole). */
    public static String client(Actor actor, String remoteAddress) {
        return actor.kind() == Actor.Kind.ANONYMOUS ? "ip:" + network(remoteAddress) : "user:" + actor.id();
    }

    static String network(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String literal = address.strip();
        if (literal.indexOf(':') < 0 || !literal.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
            return literal; // IPv4 (or not an address): as it is
        }
        try {
            // A literal is parsed, never looked up.
            java.net.InetAddress a = java.net.InetAddress.getByName(literal);
            if (a instanceof java.net.Inet6Address) {
                byte[] b = java.util.Arrays.copyOf(a.getAddress(), 16);
                java.util.Arrays.fill(b, 8, 16, (byte) 0);
                return java.net.InetAddress.getByAddress(b).getHostAddress() + "/64";
            }
            return a.getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return literal;
        }
    }

    /** How many root fields an operation runs, and how many of them are expensive. */
    record Cost(long fields, long expensive) {
        Cost plus(Cost o) {
            return new Cost(saturated(fields + o.fields), saturated(expensive + o.expensive));
        }

        private static long saturated(long n) {
            return Math.min(n, 1_000_000);
        }
    }

    /**
     * The root fields an operation runs, through inline fragments and fragment spreads (each spread
     * counts): every fragment is counted once and its count reused, so a chain of fragments that
     * each spread the next twice costs a walk of the document, not 2^n.
     */
    static Cost rootFields(graphql.language.SelectionSet set, Map<String, graphql.language.FragmentDefinition> fragments) {
        return cost(set, fragments, new java.util.HashSet<>(), new java.util.HashMap<>());
    }

    private static Cost cost(graphql.language.SelectionSet set, Map<String, graphql.language.FragmentDefinition> fragments,
                             Set<String> path, Map<String, Cost> counted) {
        Cost total = new Cost(0, 0);
        if (set == null) {
            return total;
        }
        for (graphql.language.Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                total = total.plus(new Cost(1, EXPENSIVE.contains(f.getName()) ? 1 : 0));
            } else if (s instanceof graphql.language.InlineFragment i) {
                total = total.plus(cost(i.getSelectionSet(), fragments, path, counted));
            } else if (s instanceof graphql.language.FragmentSpread spread) {
                String name = spread.getName();
                Cost known = counted.get(name);
                if (known == null && path.add(name)) {
                    graphql.language.FragmentDefinition d = fragments.get(name);
                    known = cost(d == null ? null : d.getSelectionSet(), fragments, path, counted);
                    path.remove(name);
                    counted.put(name, known);
                }
                if (known != null) {
                    total = total.plus(known);
                }
            }
        }
        return total;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
                                                                                InstrumentationState state) {
        OperationDefinition op = p.getExecutionContext().getOperationDefinition();
        Cost roots = rootFields(op.getSelectionSet(), p.getExecutionContext().getFragmentsByName());
        boolean mutation = op.getOperation() == OperationDefinition.Operation.MUTATION;
        // Each field costs one: thirty aliased adoptionRates are thirty expensive queries.
        int cost = (int) (mutation ? roots.fields() : roots.expensive());
        Kind kind = mutation ? Kind.MUTATION : Kind.EXPENSIVE;
        if (cost > 0) {
            String client = p.getExecutionContext().getGraphQLContext().getOrDefault(RequestLimits.CLIENT, "unknown");
            long wait = take(client, client.startsWith("ip:"), kind, cost);
            if (wait > 0) {
                throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().errorType(graphql.ErrorType.ExecutionAborted)
                        .message("too many " + (kind == Kind.MUTATION ? "changes" : "expensive queries") + " from you; try again in " + wait + " s")
                        .extensions(Map.of("code", "RATE_LIMITED", "retryAfterSeconds", wait)).build()));
            }
        }
        return SimpleInstrumentationContext.noOp();
    }
}
