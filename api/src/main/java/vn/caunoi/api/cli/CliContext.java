package vn.caunoi.api.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import vn.caunoi.api.CauNoiApplication;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.config.DataSourceConfiguration;
import vn.caunoi.api.config.EmbeddedDatabaseConfiguration;
import vn.caunoi.api.database.DataDirectoryLock;
import vn.caunoi.api.database.Postmasters;
import vn.caunoi.core.common.Actor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the command-line entries share: the server's configuration and database, without the web
 * server or demo data. When a server is running on the same embedded data directory, a command
 * works through that server's PostgreSQL (its port is in {@code postmaster.pid}) instead of
 * starting a second one, which the directory would not allow.
 */
final class CliContext {

    private CliContext() {
    }

    static ConfigurableApplicationContext start(List<String> springArgs, PrintStream err) {
        List<String> args = new ArrayList<>(withRunningServer(springArgs, err));
        args.add("--caunoi.demo-data=false");
        args.add("--caunoi.resume-imports=false");
        SpringApplication app = new SpringApplication(CauNoiApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run(args.toArray(String[]::new));
    }

    /** The database only (no schema migration, no plugins): for backup and restore. */
    static ConfigurableApplicationContext startDatabaseOnly(List<String> springArgs, PrintStream err, boolean attach) {
        List<String> args = new ArrayList<>(attach ? withRunningServer(springArgs, err) : springArgs);
        SpringApplication app = new SpringApplication(DatabaseOnly.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        return app.run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CauNoiProperties.class)
    @Import({EmbeddedDatabaseConfiguration.class, DataSourceConfiguration.class})
    static class DatabaseOnly {
    }

    /**
     * {@code springArgs}, plus the URL of the PostgreSQL of a server running on the embedded data
     * directory, when there is one (the directory's lock is held and its postmaster answers).
     */
    static List<String> withRunningServer(List<String> springArgs, PrintStream err) {
        if (option(springArgs, "spring.datasource.url", "SPRING_DATASOURCE_URL").isPresent()) {
            return springArgs;
        }
        Path dataDir = Path.of(option(springArgs, "caunoi.data-dir", "CAUNOI_DATA_DIR").orElse("./data")).toAbsolutePath().normalize();
        try {
            if (!DataDirectoryLock.isHeld(dataDir)) {
                return springArgs;
            }
        } catch (IOException e) {
            return springArgs;
        }
        Optional<Postmasters.Running> running = Postmasters.running(dataDir.resolve("postgres"));
        if (running.isEmpty()) {
            return springArgs;
        }
        err.println("a server is running on " + dataDir + ": working through its PostgreSQL (port " + running.get().port() + ")");
        List<String> args = new ArrayList<>(springArgs);
        args.add("--spring.datasource.url=jdbc:postgresql://localhost:" + running.get().port() + "/postgres");
        args.add("--spring.datasource.username=postgres");
        args.add("--spring.datasource.password=postgres");
        return args;
    }

    /** A setting from the command line ({@code --name=value}), else the environment. */
    static Optional<String> option(List<String> springArgs, String name, String environmentVariable) {
        for (String a : springArgs) {
            if (a.startsWith("--" + name + "=")) {
                String v = a.substring(name.length() + 3);
                return v.isBlank() ? Optional.empty() : Optional.of(v);
            }
        }
        String v = System.getenv(environmentVariable);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** The person at the terminal, as the audit log and the import jobs name them. */
    static Actor actor() {
        // The operator at the server's terminal is the system itself (she could read the database anyway),
        // named in the audit log and the import jobs.
        return Actor.operator("cli:" + System.getProperty("user.name", "unknown"));
    }

    /** A server option ({@code --name=value}) passed through, or a usage error. */
    static String springArg(String arg) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
            throw new IllegalArgumentException("unknown argument " + arg);
        }
        return arg;
    }
}
