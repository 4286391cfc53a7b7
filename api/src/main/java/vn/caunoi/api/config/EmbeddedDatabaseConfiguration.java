package vn.caunoi.api.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import vn.caunoi.api.database.EmbeddedDatabase;

/**
 * With no {@code spring.datasource.url}, the server starts a real PostgreSQL from the binaries in
 * its jar, keeping its data in {@code <caunoi.data-dir>/postgres} so that it survives restarts, and
 * watches it (see {@link EmbeddedDatabase}). Setting the URL switches to an external server with no
 * other change.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(CauNoiProperties properties) {
        CauNoiProperties.Database db = properties.database();
        // Room for the pool, the health probe, and commands run beside the server (backup, imports).
        int maxConnections = Math.max(50, 2 * db.poolSize() + 20);
        return EmbeddedDatabase.start(properties.dataDir(), maxConnections, db.maxRestartBackoff());
    }

    public static class NoDatabaseConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
