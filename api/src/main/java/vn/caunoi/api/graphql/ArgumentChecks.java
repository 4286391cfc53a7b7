package vn.caunoi.api.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.springframework.stereotype.Component;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.PageRequest;

import java.util.List;
import java.util.Map;

/**
 * Checks that hold for every argument of every field, before the field runs:
 * <ul>
 *   <li>no text with a NUL character, in any argument or input field at any depth: PostgreSQL
 *   cannot store or compare it, so it would otherwise fail deep in SQL as an internal error. The
 *   error names the path ({@code search}, {@code input.name}, {@code input.attributes[2].value});</li>
 *   <li>no page larger than {@code caunoi.limits.max-page-size} ({@code first}, at most core's 500).</li>
 * </ul>
 */
@Component
public class ArgumentChecks extends FieldHooks.LeavingTrivialFetchers {

    private final int maxPageSize;

    public ArgumentChecks(CauNoiProperties properties) {
        this.maxPageSize = Math.max(1, Math.min(PageRequest.MAX_LIMIT, properties.limits().maxPageSize()));
    }

    @Override
    protected DataFetcher<?> instrumentFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                               InstrumentationState state) {
        if (parameters.getEnvironment().getFieldDefinition().getArguments().isEmpty()) {
            return fetcher;
        }
        return env -> {
            env.getArguments().forEach(ArgumentChecks::check);
            if (env.getArgument("first") instanceof Integer first && first > maxPageSize) {
                throw new InvalidInputException("first", "TOO_LARGE", "first must be at most " + maxPageSize + ", not " + first);
            }
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
