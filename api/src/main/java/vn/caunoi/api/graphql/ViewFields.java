package vn.caunoi.api.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetcherFactory;
import graphql.schema.DataFetcherFactoryEnvironment;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.fetching.LambdaFetchingSupport;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The default data fetcher of every field without a controller method: the property of the source
 * object, as graphql-java reads it, except that a {@link DomainView} answers only the fields it
 * declares and leaves the rest to the record it shows.
 */
public final class ViewFields implements DataFetcherFactory<Object> {

    /**
     * The fetcher of each field name. graphql-java asks the default factory for a fetcher each time
     * it runs a field that has none of its own (~1,100 times for a page of teams with their
     * members): it gets the same one, made once.
     */
    private final Map<String, DataFetcher<Object>> fetchers = new ConcurrentHashMap<>();

    @Override
    public DataFetcher<Object> get(DataFetcherFactoryEnvironment environment) {
        return get(environment.getFieldDefinition());
    }

    @Override
    public DataFetcher<Object> get(GraphQLFieldDefinition fieldDefinition) {
        DataFetcher<Object> fetcher = fetchers.get(fieldDefinition.getName());
        return fetcher != null ? fetcher : fetchers.computeIfAbsent(fieldDefinition.getName(), ViewFields::fetcher);
    }

    /**
     * The field's fetcher. What graphql-java's property fetching works out on every call (a cache
     * key built of the class's and the field's names, then a lookup) is worked out here once per
     * class of source, in {@link ClassValue}s: whether a view declares the field, and the getter
     * graphql-java itself would make for it ({@link LambdaFetchingSupport}, its first choice). Sources
     * without one (maps, fields, non-public classes) are left to graphql-java's property fetching.
     * A page of 100 teams with their ~1,000 members reads ~1,100 such properties.
     */
    private static DataFetcher<Object> fetcher(String field) {
        PropertyDataFetcher<Object> property = PropertyDataFetcher.fetching(field);
        ClassValue<Boolean> declared = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> view) {
                return declares(view, field);
            }
        };
        ClassValue<Optional<Function<Object, Object>>> getters = new ClassValue<>() {
            @Override
            protected Optional<Function<Object, Object>> computeValue(Class<?> type) {
                return Map.class.isAssignableFrom(type) ? Optional.empty() : LambdaFetchingSupport.createGetter(type, field);
            }
        };
        return new LightDataFetcher<>() {
            @Override
            public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> env) throws Exception {
                Object from = source instanceof DomainView view && !declared.get(view.getClass()) ? view.domain() : source;
                Function<Object, Object> getter = from == null ? null : getters.get(from.getClass()).orElse(null);
                return getter != null ? getter.apply(from) : property.get(definition, from, env);
            }

            @Override
            public Object get(DataFetchingEnvironment env) throws Exception {
                return get(env.getFieldDefinition(), env.getSource(), () -> env);
            }
        };
    }

    /** Whether a view class declares an accessor for a field. */
    static boolean declares(Class<?> view, String field) {
        for (Method m : view.getMethods()) {
            if (m.getName().equals(field) && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() != Object.class) {
                return true;
            }
        }
        return false;
    }
}
