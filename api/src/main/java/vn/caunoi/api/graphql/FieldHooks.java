package vn.caunoi.api.graphql;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;

import java.util.List;

/**
 * The server's instrumentations chained as graphql-java chains them, except that a hook called for
 * every field (begin fetching, completing, executing an object) is passed over when none of them
 * implements it. The chain calls each instrumentation for each field and builds a list of their
 * contexts every time; none of ours (nor Spring's observation) implements those hooks, and a page of
 * 100 teams with their members has some 3,000 fields. Which hooks are implemented is read once from
 * the instrumentations' classes, so one added later that implements a field hook is called.
 */
public final class FieldHooks extends ChainedInstrumentation {

    private final boolean executeObject;
    private final boolean fieldExecution;
    private final boolean fieldFetching;
    private final boolean fieldCompletion;
    private final boolean fieldListCompletion;
    /** Whether any instrumentation instruments data fetchers; and whether any might touch a trivial one. */
    private final boolean dataFetchers;
    private final boolean trivialDataFetchers;

    /**
     * Spring's observation instrumentation leaves trivial fetchers alone (its first test in
     * instrumentDataFetcher). It is off in this server (application.properties); an embedding that
     * turns it on keeps the light path.
     */
    private static final String SPRING_OBSERVATION = "org.springframework.graphql.observation.GraphQlObservationInstrumentation";

    /**
     * An instrumentation that returns a trivial data fetcher (a property of an object already read)
     * unchanged, by construction: the chain then does not call it for the thousands of such fields
     * of a page. Wrapping one would also cost graphql-java's light path (no environment built).
     */
    public abstract static class LeavingTrivialFetchers extends SimplePerformantInstrumentation {

        @Override
        public final DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                          InstrumentationState state) {
            return parameters.isTrivialDataFetcher() ? fetcher : instrumentFetcher(fetcher, parameters, state);
        }

        /** {@link #instrumentDataFetcher} for a fetcher that is not trivial. */
        protected abstract DataFetcher<?> instrumentFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                            InstrumentationState state);
    }

    public FieldHooks(List<Instrumentation> instrumentations) {
        super(instrumentations);
        List<Instrumentation> fetching = instrumentations.stream()
                .filter(i -> implemented(List.of(i), "instrumentDataFetcher", DataFetcher.class, InstrumentationFieldFetchParameters.class))
                .toList();
        dataFetchers = !fetching.isEmpty();
        trivialDataFetchers = fetching.stream()
                .anyMatch(i -> !(i instanceof LeavingTrivialFetchers) && !i.getClass().getName().equals(SPRING_OBSERVATION));
        executeObject = implemented(instrumentations, "beginExecuteObject", InstrumentationExecutionStrategyParameters.class);
        fieldExecution = implemented(instrumentations, "beginFieldExecution", InstrumentationFieldParameters.class);
        // beginFieldFetching falls back on the older beginFieldFetch by default: either counts.
        fieldFetching = implemented(instrumentations, "beginFieldFetching", InstrumentationFieldFetchParameters.class)
                || implemented(instrumentations, "beginFieldFetch", InstrumentationFieldFetchParameters.class);
        fieldCompletion = implemented(instrumentations, "beginFieldCompletion", InstrumentationFieldCompleteParameters.class);
        fieldListCompletion = implemented(instrumentations, "beginFieldListCompletion", InstrumentationFieldCompleteParameters.class);
    }

    /** Whether one of the instrumentations overrides the hook rather than inheriting graphql-java's no-op. */
    static boolean implemented(List<Instrumentation> instrumentations, String hook, Class<?>... parameters) {
        Class<?>[] withState = java.util.Arrays.copyOf(parameters, parameters.length + 1);
        withState[parameters.length] = InstrumentationState.class;
        for (Instrumentation i : instrumentations) {
            try {
                Class<?> declaring = i.getClass().getMethod(hook, withState).getDeclaringClass();
                if (declaring != Instrumentation.class && declaring != SimplePerformantInstrumentation.class
                        && declaring != SimpleInstrumentation.class) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                return true; // a hook this code does not know how to look for: keep the full chain
            }
        }
        return false;
    }

    /** For tests: the field hooks that are called. */
    List<String> fieldHooksCalled() {
        List<String> called = new java.util.ArrayList<>();
        if (executeObject) {
            called.add("beginExecuteObject");
        }
        if (fieldExecution) {
            called.add("beginFieldExecution");
        }
        if (fieldFetching) {
            called.add("beginFieldFetching");
        }
        if (fieldCompletion) {
            called.add("beginFieldCompletion");
        }
        if (fieldListCompletion) {
            called.add("beginFieldListCompletion");
        }
        if (dataFetchers) {
            called.add(trivialDataFetchers ? "instrumentDataFetcher" : "instrumentDataFetcher (not trivial)");
        }
        return called;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (!dataFetchers || (!trivialDataFetchers && parameters.isTrivialDataFetcher())) {
            return fetcher;
        }
        return super.instrumentDataFetcher(fetcher, parameters, state);
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
                                                                  InstrumentationState state) {
        return executeObject ? super.beginExecuteObject(parameters, state) : ExecuteObjectInstrumentationContext.NOOP;
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters, InstrumentationState state) {
        return fieldExecution ? super.beginFieldExecution(parameters, state) : SimpleInstrumentationContext.noOp();
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return fieldFetching ? super.beginFieldFetching(parameters, state) : FieldFetchingInstrumentationContext.NOOP;
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
        return fieldCompletion ? super.beginFieldCompletion(parameters, state) : SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
                                                                   InstrumentationState state) {
        return fieldListCompletion ? super.beginFieldListCompletion(parameters, state) : SimpleInstrumentationContext.noOp();
    }
}
