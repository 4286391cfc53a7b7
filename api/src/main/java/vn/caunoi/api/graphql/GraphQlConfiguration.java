package vn.caunoi.api.graphql;

import graphql.schema.TypeResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import java.time.LocalDate;

/** Runtime wiring shared by every domain area: scalars, and the Java types behind interfaces. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(DateScalar.INSTANCE).scalar(DateTimeScalar.INSTANCE)
                .codeRegistry(graphql.schema.GraphQLCodeRegistry.newCodeRegistry().defaultDataFetcher(new ViewFields()));
    }

    /** The Java types behind interfaces: from the one list of Node types. */
    @Bean
    GraphQlSourceBuilderCustomizer typeNames(vn.caunoi.api.node.NodeTypes nodes) {
        TypeResolver typeResolver = nodes.typeResolver();
        return builder -> builder.defaultTypeResolver(typeResolver);
    }

    /** Documents parsed and validated once, then reused (see {@link DocumentCache}); a new cache with every new schema. */
    @Bean
    GraphQlSourceBuilderCustomizer documentCache() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(new DocumentCache(2_000)));
    }

    /**
     * The instrumentations (the request limits, access rules, argument checks and metrics; Spring's
     * observation is off, see application.properties), in Spring Boot's order, chained without the per-field hooks none of them
     * implements ({@link FieldHooks}): replaces the plain chain Spring builds from the same beans.
     */
    @Bean
    GraphQlSourceBuilderCustomizer fieldHooks(org.springframework.beans.factory.ObjectProvider<graphql.execution.instrumentation.Instrumentation> all) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.instrumentation(new FieldHooks(all.orderedStream().toList())));
    }

    /**
     * The batch loaders without a per-request cache of loaded keys: every loader here is a mapped
     * one (a set of keys in, a map out), so a key asked twice in one batch is asked once anyway, and
     * the views' ids key the results. The cache cost an insert and a hash of the key for each of a
     * page's ~1,000 memberships, and nothing in a request asks for the same key at two levels.
     */
    @Bean
    org.springframework.graphql.execution.BatchLoaderRegistry batchLoaderRegistry() {
        return new org.springframework.graphql.execution.DefaultBatchLoaderRegistry(
                () -> org.dataloader.DataLoaderOptions.newOptions().setCachingEnabled(false).build());
    }

    /** "Today" for every date argument left out: core's, the one definition (the configured clock and zone). */
    @Bean
    Today today(vn.caunoi.core.CauNoi caunoi) {
        return caunoi::today;
    }

    @FunctionalInterface
    public interface Today {
        LocalDate date();

        default LocalDate orToday(LocalDate date) {
            return date == null ? date() : date;
        }
    }
}
