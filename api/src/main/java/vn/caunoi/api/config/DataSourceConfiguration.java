package vn.caunoi.api.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import vn.caunoi.api.database.ConnectionPool;
import vn.caunoi.api.database.DatabaseAvailability;
import vn.caunoi.api.database.EmbeddedDatabase;

import javax.sql.DataSource;

/**
 * The connections, embedded or external alike: the requests' pool ({@code caunoi.database.pool-size}),
 * the probe that tells whether the database answers (its own connection), and the {@code db} health
 * indicator that reports it without ever waiting behind the requests.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfiguration {

    /** Where connections come from, unpooled: the embedded server, or {@code spring.datasource.url}. */
    static DataSource target(Environment env, EmbeddedDatabase embedded) {
        if (embedded != null) {
            return embedded.target();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setUrl(env.getRequiredProperty("spring.datasource.url"));
        } catch (IllegalArgumentException e) {
            throw new vn.caunoi.api.database.StartupFailure(vn.caunoi.api.database.StartupFailure.CONFIGURATION,
                    "spring.datasource.url is not a PostgreSQL JDBC URL", "Give jdbc:postgresql://host:port/database.", e);
        }
        String user = env.getProperty("spring.datasource.username");
        String password = env.getProperty("spring.datasource.password");
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        // Server error details repeat the failing row (names, masked phones): keep them out of messages and logs.
        ds.setLogServerErrorDetail(false);
        return ds;
    }

    /** The database as the health report and logs name it: never the password. */
    static String describe(Environment env, EmbeddedDatabase embedded) {
        if (embedded != null) {
            return "embedded PostgreSQL in " + embedded.dataDirectory();
        }
        String url = env.getProperty("spring.datasource.url", "");
        int query = url.indexOf('?');
        return "PostgreSQL at " + (query < 0 ? url : url.substring(0, query)).replaceFirst("^jdbc:postgresql://", "");
    }

    @Bean(destroyMethod = "close")
    ConnectionPool dataSource(CauNoiProperties properties, Environment env, ObjectProvider<EmbeddedDatabase> embedded,
                              ObjectProvider<MeterRegistry> meters) {
        CauNoiProperties.Database db = properties.database();
        EmbeddedDatabase e = embedded.getIfAvailable();
        return new ConnectionPool(target(env, e), e != null ? "caunoi-embedded" : "caunoi", db.poolSize(), db.connectionTimeout(),
                meters.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    DatabaseAvailability databaseAvailability(CauNoiProperties properties, Environment env, ConnectionPool pool,
                                              ObjectProvider<EmbeddedDatabase> embedded, ObjectProvider<MeterRegistry> meters) {
        CauNoiProperties.Database db = properties.database();
        EmbeddedDatabase e = embedded.getIfAvailable();
        DatabaseAvailability availability = new DatabaseAvailability(target(env, e), describe(env, e), db.probeInterval(), db.healthTimeout());
        pool.watchedBy(availability);
        if (e != null) {
            // A restart ends only once PostgreSQL has answered a query: serve again at once.
            e.watch(db.watchInterval(), availability::markDown, () -> {
                pool.evictAll();
                availability.markUp();
            });
        }
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Gauge.builder("caunoi.database.up", availability, a -> a.isUp() ? 1 : 0)
                    .description("1 while the database answers, 0 while requests are refused").register(registry);
            if (e != null) {
                io.micrometer.core.instrument.FunctionCounter.builder("caunoi.database.restarts", e, EmbeddedDatabase::restarts)
                        .description("times the embedded PostgreSQL was started again after it died").register(registry);
            }
        }
        return availability;
    }

    /**
     * {@code db} in {@code /actuator/health} and the readiness group: the probe's latest answer (at
     * most {@code probe-interval} old), so the health endpoint answers at once, pool full or not.
     */
    @Bean
    HealthIndicator dbHealthIndicator(DatabaseAvailability availability, ObjectProvider<EmbeddedDatabase> embedded) {
        return () -> {
            Health.Builder health = availability.isUp() ? Health.up() : Health.down().withDetail("reason", availability.reason());
            health.withDetail("database", availability.description()).withDetail("since", availability.since().toString())
                    .withDetail("checked", availability.lastChecked().toString());
            EmbeddedDatabase e = embedded.getIfAvailable();
            if (e != null) {
                health.withDetail("restarts", e.restarts());
            }
            return health.build();
        };
    }
}
