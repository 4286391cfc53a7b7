package vn.caunoi.api.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With no {@code spring.datasource.url}, the server starts a real PostgreSQL from the binaries in
 * its jar, keeping its data in {@code <caunoi.data-dir>/postgres} so that it survives restarts.
 * Setting the URL switches to an external server with no other change.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(CauNoiProperties properties) {
        Path dir = properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(dir.getParent());
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    // The embedded server's test default is asynchronous commit: a crash could lose
                    // writes already reported as done (an import's committed chunks, a recorded
                    // adoption). The server's own database commits durably.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("embedded PostgreSQL {} data directory {} on port {}", fresh ? "initialised" : "reopened", dir, pg.getPort());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setMaximumPoolSize(10);
        ds.setPoolName("caunoi-embedded");
        // Server error details repeat the failing row (names, masked phones): keep them out of messages and logs.
        ds.addDataSourceProperty("logServerErrorDetail", "false");
        return ds;
    }

    static class NoDatabaseConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
