package vn.caunoi.api.metrics;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What an operator watches of the API: GraphQL requests per root field with their latency and
 * outcome ({@code caunoi.graphql.operations}), and errors by their stable code
 * ({@code caunoi.errors}). Tags are bounded by the schema and the list of codes, never by what a
 * client sends (operation names are free text): a root field that validation accepted exists in the
 * schema.
 */
@Component
public class OperationMetrics {

    /** The GraphQL context key under which the executed operation's root fields are noted. */
    static final String ROOT_FIELDS = "caunoi.rootFields";
    static final String OPERATION_TYPE = "caunoi.operationType";
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(20)};

    private final MeterRegistry registry;
    /** Timers by type, field and outcome (a few hundred at most): found by one map lookup, not built and registered per request. */
    private final java.util.concurrent.ConcurrentMap<String, Timer> operations = new java.util.concurrent.ConcurrentHashMap<>();

    public OperationMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    public void errors(String endpoint, List<String> codes) {
        for (String code : codes) {
            Counter.builder("caunoi.errors").tag("endpoint", endpoint).tag("code", code)
                    .description("errors answered, by their extensions.code").register(registry).increment();
        }
    }

    /** One request: each of its root fields is counted with the request's latency and outcome (OK or its first error's code). */
    public void operation(String type, Set<String> rootFields, String outcome, long nanos) {
        for (String field : rootFields.isEmpty() ? Set.of("-") : rootFields) {
            operations.computeIfAbsent(type + '\u0000' + field + '\u0000' + outcome, k -> Timer.builder("caunoi.graphql.operations")
                    .tag("type", type).tag("field", field).tag("outcome", outcome)
                    .description("GraphQL requests by root field: count and latency").serviceLevelObjectives(BUCKETS)
                    .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Notes the executed operation's type and root fields in the GraphQL context, for {@link #operation}. */
    @Component
    public static class RootFields extends SimplePerformantInstrumentation {

        @Override
        public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
                                                                                    InstrumentationState state) {
            OperationDefinition op = p.getExecutionContext().getOperationDefinition();
            Set<String> fields = new TreeSet<>();
            collect(op.getSelectionSet().getSelections(), fields);
            p.getExecutionContext().getGraphQLContext().put(ROOT_FIELDS, fields);
            p.getExecutionContext().getGraphQLContext().put(OPERATION_TYPE, op.getOperation().name().toLowerCase(Locale.ROOT));
            return SimpleInstrumentationContext.noOp();
        }

        private static void collect(List<Selection> selections, Set<String> fields) {
            for (Selection<?> s : selections) {
                if (s instanceof Field f) {
                    fields.add(f.getName());
                } else if (s instanceof InlineFragment i) {
                    collect(i.getSelectionSet().getSelections(), fields);
                }
                if (fields.size() > 20) {
                    return;
                }
            }
        }
    }

    /** The root fields and type noted for this request's execution, if it got as far. */
    @SuppressWarnings("unchecked")
    public static Set<String> rootFields(graphql.GraphQLContext context) {
        Object v = context.get(ROOT_FIELDS);
        return v instanceof Set<?> s ? (Set<String>) s : Set.of();
    }

    public static String type(graphql.GraphQLContext context) {
        Object v = context.get(OPERATION_TYPE);
        return v == null ? "unknown" : v.toString();
    }
}
