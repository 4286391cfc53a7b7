package vn.caunoi.api.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.springframework.stereotype.Component;
import vn.caunoi.core.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * Refuses text with a NUL character in any argument or input field, at any depth, before the field
 * runs: PostgreSQL cannot store or compare it, so it would otherwise fail deep in SQL as an internal
 * error. The error names the argument path ({@code search}, {@code input.name}, {@code input.attributes[2].value}).
 */
@Component
public class TextArguments extends SimplePerformantInstrumentation {

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (parameters.getExecutionStepInfo().getFieldDefinition().getArguments().isEmpty()) {
            return fetcher;
        }
        return env -> {
            env.getArguments().forEach((name, value) -> check(name, value));
            return fetcher.get(env);
        };
    }

    private static void check(String path, Object value) {
        if (value instanceof String text) {
            if (text.indexOf('\u0000') >= 0) {
                throw new InvalidInputException(path, "NUL_CHARACTER", path + " contains a NUL character (\\u0000), which text may not hold");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> check(path + "." + k, v));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(path + "[" + i + "]", list.get(i));
            }
        }
    }
}
