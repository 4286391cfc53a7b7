package vn.caunoi.api.graphql;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain skips only the field hooks that no instrumentation implements, and still calls the ones that do. */
class FieldHooksTest {

    private static final GraphQL.Builder SCHEMA = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { items: [Item] } type Item { name: String }"),
            RuntimeWiring.newRuntimeWiring().type("Query", t -> t.dataFetcher("items",
                    env -> List.of(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "c")))).build()));

    /** Wraps every fetcher, as the access rules and the deadline do. */
    static final class Wrapping extends SimplePerformantInstrumentation {
        final AtomicInteger wrapped = new AtomicInteger();

        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                    InstrumentationState state) {
            wrapped.incrementAndGet();
            return fetcher;
        }
    }

    /** Implements a field hook: it must keep being called. */
    static final class Completing extends SimplePerformantInstrumentation {
        final AtomicInteger completed = new AtomicInteger();

        @Override
        public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
                                                                   InstrumentationState state) {
            completed.incrementAndGet();
            return SimpleInstrumentationContext.noOp();
        }
    }

    @Test
    void field_hooks_nobody_implements_are_skipped_and_data_fetchers_are_still_instrumented() {
        Wrapping wrapping = new Wrapping();
        FieldHooks hooks = new FieldHooks(List.<Instrumentation>of(wrapping, new SimplePerformantInstrumentation()));
        assertThat(hooks.fieldHooksCalled()).containsExactly("instrumentDataFetcher");

        var result = SCHEMA.instrumentation(hooks).build().execute(ExecutionInput.newExecutionInput("{ items { name } }").build());

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData().toString()).isEqualTo("{items=[{name=a}, {name=b}, {name=c}]}");
        assertThat(wrapping.wrapped.get()).as("items and the three names").isEqualTo(4);
    }

    @Test
    void a_field_hook_that_one_instrumentation_implements_is_called_for_every_field() {
        Completing completing = new Completing();
        FieldHooks hooks = new FieldHooks(List.<Instrumentation>of(new Wrapping(), completing));
        assertThat(hooks.fieldHooksCalled()).containsExactly("beginFieldCompletion", "instrumentDataFetcher");

        SCHEMA.instrumentation(hooks).build().execute(ExecutionInput.newExecutionInput("{ items { name } }").build());

        assertThat(completing.completed.get()).as("items and the three names").isEqualTo(4);
    }

    /** Leaves trivial fetchers alone by construction: counts the fetchers it is asked to instrument. */
    static final class CountingNonTrivial extends FieldHooks.LeavingTrivialFetchers {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        protected DataFetcher<?> instrumentFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                   InstrumentationState state) {
            asked.incrementAndGet();
            return fetcher;
        }
    }

    @Test
    void trivial_fetchers_skip_the_chain_only_when_every_instrumentation_leaves_them_alone() {
        CountingNonTrivial leaving = new CountingNonTrivial();
        FieldHooks hooks = new FieldHooks(List.<Instrumentation>of(leaving, new SimplePerformantInstrumentation()));
        assertThat(hooks.fieldHooksCalled()).containsExactly("instrumentDataFetcher (not trivial)");
        var result = SCHEMA.instrumentation(hooks).build().execute(ExecutionInput.newExecutionInput("{ items { name } }").build());
        assertThat(result.<Map<String, Object>>getData().toString()).isEqualTo("{items=[{name=a}, {name=b}, {name=c}]}");
        assertThat(leaving.asked.get()).as("items only: the three names are properties").isEqualTo(1);

        // One instrumentation that might wrap a trivial fetcher: every fetcher goes through the chain again.
        CountingNonTrivial alongside = new CountingNonTrivial();
        Wrapping wrapping = new Wrapping();
        FieldHooks mixed = new FieldHooks(List.<Instrumentation>of(alongside, wrapping));
        assertThat(mixed.fieldHooksCalled()).containsExactly("instrumentDataFetcher");
        SCHEMA.instrumentation(mixed).build().execute(ExecutionInput.newExecutionInput("{ items { name } }").build());
        assertThat(wrapping.wrapped.get()).isEqualTo(4);
        assertThat(alongside.asked.get()).isEqualTo(1);
    }
}
