package vn.caunoi.api.plugins;

import graphql.schema.DataFetcher;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import vn.caunoi.api.CauNoiApplication;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.digital.ServiceView;
import vn.caunoi.core.CauNoi;
import vn.caunoi.spi.FieldResolver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the plugins before the GraphQL schema is built, then merges their schema fragments and
 * resolvers into it, and reports them in health.
 */
@Configuration(proxyBeanMethods = false)
public class PluginConfiguration {

    @Bean(destroyMethod = "close")
    PluginSystem pluginSystem(CauNoiProperties properties, CauNoi caunoi) {
        Path directory = properties.pluginsDir() != null ? properties.pluginsDir()
                : new ApplicationHome(CauNoiApplication.class).getDir().toPath().resolve("plugins");
        return new PluginSystem(directory, caunoi.digitalServices());
    }

    @Bean
    GraphQlSourceBuilderCustomizer pluginSchemas(PluginSystem plugins) {
        Resource[] resources = plugins.fragments().stream()
                .map(f -> new ByteArrayResource(f.text().getBytes(StandardCharsets.UTF_8), f.pluginId() + ":" + f.resource()) {
                    @Override
                    public String getFilename() {
                        return f.pluginId() + "-" + Path.of(f.resource()).getFileName();
                    }
                })
                .toArray(Resource[]::new);
        return builder -> builder.schemaResources(resources);
    }

    @Bean
    RuntimeWiringConfigurer pluginResolvers(PluginSystem plugins) {
        return wiring -> plugins.fragments().forEach(f -> f.resolvers().forEach((type, fields) ->
                wiring.type(type, builder -> {
                    fields.forEach((field, resolver) -> builder.dataFetcher(field, fetcher(resolver)));
                    return builder;
                })));
    }

    /** Plugins see plain Java: a service's descriptor, not the server's view of it. */
    private static DataFetcher<Object> fetcher(FieldResolver resolver) {
        return env -> resolver.resolve(new FieldResolver.Context() {
            @Override
            public Object source() {
                Object source = env.getSource();
                return source instanceof ServiceView view ? view.entry().descriptor() : source;
            }

            @Override
            public Map<String, Object> arguments() {
                return env.getArguments();
            }
        });
    }

    /** {@code caunoi.plugins{state}}: how many plugins are in each state (an alert when any is not STARTED). */
    @Bean
    Object pluginMetrics(PluginSystem plugins, org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        io.micrometer.core.instrument.MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            for (PluginReport.State state : PluginReport.State.values()) {
                io.micrometer.core.instrument.Gauge.builder("caunoi.plugins", plugins,
                                p -> p.reports().stream().filter(r -> r.state() == state).count())
                        .tag("state", state.name()).description("plugins in each state").register(registry);
            }
        }
        return "pluginMetrics";
    }

    @Bean
    HealthIndicator plugins(PluginSystem plugins) {
        return () -> {
            Health.Builder health = Health.up().withDetail("directory", plugins.directory().toString());
            long notStarted = plugins.reports().stream().filter(r -> r.state() != PluginReport.State.STARTED).count();
            plugins.reports().forEach(r -> health.withDetail(r.id(),
                    r.reason() == null ? r.state().name() : r.state() + ": " + r.reason()));
            if (notStarted > 0) {
                health.status("DEGRADED").withDetail("notStarted", notStarted);
            }
            return health.build();
        };
    }
}
