package vn.caunoi.api.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetcherFactory;
import graphql.schema.DataFetcherFactoryEnvironment;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The default data fetcher of every field without a controller method: the property of the source
 * object, as graphql-java reads it, except that a {@link DomainView} answers only the fields it
 * declares and leaves the rest to the record it shows.
 */
public final class ViewFields implements DataFetcherFactory<Object> {

    /** Whether a view class declares an accessor for a field, by class and field name. */
    private static final Map<Class<?>, Map<String, Boolean>> DECLARED = new ConcurrentHashMap<>();

    @Override
    public DataFetcher<Object> get(DataFetcherFactoryEnvironment environment) {
        return fetcher(environment.getFieldDefinition().getName());
    }

    @Override
    public DataFetcher<Object> get(GraphQLFieldDefinition fieldDefinition) {
        return fetcher(fieldDefinition.getName());
    }

    private static DataFetcher<Object> fetcher(String field) {
        PropertyDataFetcher<Object> property = PropertyDataFetcher.fetching(field);
        return new LightDataFetcher<>() {
            @Override
            public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> env) throws Exception {
                Object from = source instanceof DomainView view && !declares(view.getClass(), field) ? view.domain() : source;
                return property.get(definition, from, env);
            }

            @Override
            public Object get(DataFetchingEnvironment env) throws Exception {
                return get(env.getFieldDefinition(), env.getSource(), () -> env);
            }
        };
    }

    static boolean declares(Class<?> view, String field) {
        return DECLARED.computeIfAbsent(view, c -> new ConcurrentHashMap<>()).computeIfAbsent(field, f -> {
            for (Method m : view.getMethods()) {
                if (m.getName().equals(f) && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                        && m.getDeclaringClass() != Object.class) {
                    return true;
                }
            }
            return false;
        });
    }
}
