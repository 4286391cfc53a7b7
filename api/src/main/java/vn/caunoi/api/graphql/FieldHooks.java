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

    public FieldHooks(List<Instrumentation> instrumentations) {
        super(instrumentations);
        executeObject = implemented(instrumentations, "beginExecuteObject", InstrumentationExecutionStrategyParameters.class);
        fieldExecution = implemented(instrumentations, "beginFieldExecution", InstrumentationFieldParameters.class);
        // beginFieldFetching falls back on the older beginFieldFetch by default: either counts.
        fieldFetching = implemented(instrumentations, "beginFieldFetching", InstrumentationFieldFetchParameters.class)
                || implemented(instrumentations, "beginFieldFetch", InstrumentationFieldFetchParameters.class);
        fieldCompletion = implemented(instrumentations, "beginFieldCompletion", InstrumentationFieldCompleteParameters.class);
        fieldListCompletion = implemented(instrumentations, "beginFieldListCompletion", InstrumentationFieldCompleteParameters.class);
    }

    /** Whether one of the instrumentations overrides the hook rather than inheriting graphql-java's no-op. */
    static boolean implemented(List<Instrumentation> instrumentations, String hook, Class<?> parameters) {
        for (Instrumentation i : instrumentations) {
            try {
                Class<?> declaring = i.getClass().getMethod(hook, parameters, InstrumentationState.class).getDeclaringClass();
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
        return called;
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
