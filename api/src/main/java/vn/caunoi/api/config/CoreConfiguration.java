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

import vn.caunoi.api.database.DatabaseErrors;
import vn.caunoi.api.database.StartupFailure;
import vn.caunoi.core.privacy.PersonalDataKeys;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Optional;
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

    /**
     * Migrates the schema and builds the library, once the personal-data key is known to be the one
     * the data was written with (see {@link #personalDataKey}). A database that cannot be reached
     * ends the start with its reason in one line.
     */
    @Bean
    CauNoi caunoi(DataSource dataSource, CauNoiProperties properties, Clock clock) {
        try {
            byte[] key = personalDataKey(properties, dataSource);
            CauNoi caunoi = CauNoi.create(dataSource, key,
                    new CauNoi.Options(properties.limits().timeout(), properties.publicMinimumCell(), clock));
            if (PersonalDataKeys.verify(dataSource, key) == PersonalDataKeys.Outcome.RECORDED) {
                log.info("recorded the personal-data key's fingerprint {} in the database: from now on only this key opens it",
                        PersonalDataKeys.shortForm(PersonalDataKeys.fingerprint(key)));
            }
            return caunoi;
        } catch (PersonalDataKeys.KeyMismatchException e) {
            throw new StartupFailure(StartupFailure.CONFIGURATION, e.getMessage() + ". Starting with it would record known residents "
                    + "again as new ones and leave phone numbers unreadable.", supplyTheKey(properties, e.recorded()));
        } catch (SQLException | RuntimeException e) {
            if (StartupFailure.in(e) == null && DatabaseErrors.unavailable(e)) {
                throw new StartupFailure(StartupFailure.UNAVAILABLE, "the database does not answer: " + oneLine(e),
                        "Check spring.datasource.url, the user and password, and that PostgreSQL runs and accepts connections from here.", e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    private static String supplyTheKey(CauNoiProperties properties, String recorded) {
        Path file = keyFile(properties);
        return "Supply the key this database was written with (fingerprint " + PersonalDataKeys.shortForm(recorded)
                + "): --caunoi.personal-data-key=<base64> or the environment variable CAUNOI_PERSONAL_DATA_KEY, "
                + "or put its key file back at " + file + ". A backup's manifest names the fingerprint of its key. "
                + "Never start this data with a new key.";
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        return m.length() > 300 ? m.substring(0, 300) : m;
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
     * production configures the key and keeps it apart from the database's backups). A key is never
     * generated for a database that already holds protected data or a key's fingerprint: that start
     * is refused with how to supply the right key.
     */
    static byte[] personalDataKey(CauNoiProperties properties, DataSource dataSource) throws SQLException {
        if (properties.personalDataKey() != null && !properties.personalDataKey().isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(properties.personalDataKey().strip());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length < 32) {
                throw new StartupFailure(StartupFailure.CONFIGURATION, "caunoi.personal-data-key is not 32 bytes in base64",
                        "Give the key as base64 of 32 random bytes (e.g. openssl rand -base64 32), the same key the data was written with.");
            }
            return key;
        }
        Path file = keyFile(properties);
        try {
            if (!Files.exists(file)) {
                Optional<String> recorded = PersonalDataKeys.recorded(dataSource);
                if (recorded.isPresent() || PersonalDataKeys.protectsData(dataSource)) {
                    throw new StartupFailure(StartupFailure.CONFIGURATION, "no personal-data key is configured, and this database holds "
                            + "personal data protected by a key" + recorded.map(r -> " (fingerprint " + PersonalDataKeys.shortForm(r) + ")")
                            .orElse("") + "; a new key would make it unmatchable, so none is generated",
                            supplyTheKey(properties, recorded.orElse("unknown")));
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(PersonalDataProtector.newKey()));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: rely on the directory's permissions
                }
                log.warn("generated a development personal-data key in {}; configure caunoi.personal-data-key in production", file);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
            if (key.length < 32) {
                throw new StartupFailure(StartupFailure.CONFIGURATION, "the key file " + file + " does not hold 32 bytes in base64",
                        "Put the right key file back (from the key's backup), or set caunoi.personal-data-key.");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(StartupFailure.CONFIGURATION, "the key file " + file + " is not base64",
                    "Put the right key file back (from the key's backup), or set caunoi.personal-data-key.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the personal-data key " + file, e);
        }
    }

    static Path keyFile(CauNoiProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("keys").resolve("personal-data.key");
    }
}
