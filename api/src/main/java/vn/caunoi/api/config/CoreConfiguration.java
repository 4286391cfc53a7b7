package vn.caunoi.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.caunoi.api.plugins.PluginSystem;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.demo.DemoData;
import vn.caunoi.demo.DemoResidents;
import vn.caunoi.demo.DemoTeams;
import vn.caunoi.core.privacy.PersonalDataProtector;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.stream.Stream;

/** core as Spring beans: the library migrates its schema when it is built; demo data is loaded once, after the plugins. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CoreConfiguration.class);

    /**
     * The one clock of the server and of core: the system clock in {@code caunoi.time-zone}, or, with
     * {@code caunoi.today}, one that runs from the start of that day (a pinned "today" for demos and tests).
     */
    @Bean
    Clock clock(CauNoiProperties properties) {
        ZoneId zone = ZoneId.of(properties.timeZone());
        Clock system = Clock.system(zone);
        if (properties.today() == null) {
            return system;
        }
        return Clock.offset(system, Duration.between(LocalDate.now(system).atStartOfDay(zone), properties.today().atStartOfDay(zone)));
    }

    @Bean
    CauNoi caunoi(DataSource dataSource, CauNoiProperties properties, Clock clock) {
        return CauNoi.create(dataSource, personalDataKey(properties),
                new CauNoi.Options(properties.limits().timeout(), properties.publicMinimumCell(), clock));
    }

    /**
     * Users at start: the configured first administrator ({@code caunoi.security.bootstrap-admin}),
     * and with the demo, one demo user of each role. Page sizes are bounded from the configuration.
     */
    @Bean
    String startingUsers(CauNoi caunoi, CauNoiProperties properties, DemoDataLoaded demo) {
        String admin = properties.security().bootstrapAdmin();
        if (admin != null && !admin.isBlank() && caunoi.users().bootstrapAdministrator(admin.strip(), "Quản trị (" + admin.strip() + ")")) {
            log.info("created the administrator {} (the whole country)", admin.strip());
        }
        if (properties.demoData() && !caunoi.hierarchy().isEmpty()) {
            vn.caunoi.demo.DemoUsers.load(caunoi, Actor.system());
        }
        return "users";
    }

    /** Marker bean: the demo data set, loaded on first start against an empty database, once plugins are in. */
    public record DemoDataLoaded(boolean loaded) {
    }

    @Bean
    DemoDataLoaded demoData(CauNoi caunoi, PluginSystem plugins, CauNoiProperties properties) {
        if (!properties.demoData() || !caunoi.hierarchy().isEmpty()) {
            return new DemoDataLoaded(false);
        }
        long start = System.nanoTime();
        DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), Actor.system(), true);
        DemoTeams.load(caunoi, Actor.system());
        // Residents' records name first-party services; without any of those plugins the demo has teams only.
        if (Stream.of("vneid", "vssid", "epayment", "public-services", "ecommerce").anyMatch(c -> caunoi.digitalServices().loaded(c).isPresent())) {
            DemoResidents.load(caunoi, Actor.system());
        }
        log.info("demo data loaded in {} ms ({} plugins)", (System.nanoTime() - start) / 1_000_000, plugins.reports().size());
        return new DemoDataLoaded(true);
    }

    /**
     * The key that protects personal data: {@code caunoi.personal-data-key} (base64, 32 bytes) when set,
     * else a key file in the data directory, generated on first start (a development convenience:
     * production configures the key and keeps it apart from the database's backups).
     */
    static byte[] personalDataKey(CauNoiProperties properties) {
        if (properties.personalDataKey() != null && !properties.personalDataKey().isBlank()) {
            byte[] key = Base64.getDecoder().decode(properties.personalDataKey().strip());
            if (key.length < 32) {
                throw new IllegalStateException("caunoi.personal-data-key must be 32 bytes, base64-encoded");
            }
            return key;
        }
        Path file = properties.dataDir().toAbsolutePath().normalize().resolve("keys").resolve("personal-data.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(PersonalDataProtector.newKey()));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: rely on the directory's permissions
                }
                log.warn("generated a development personal-data key in {}; configure caunoi.personal-data-key in production", file);
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the personal-data key " + file, e);
        }
    }
}
