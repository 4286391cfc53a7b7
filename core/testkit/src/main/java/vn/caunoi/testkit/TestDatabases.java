package vn.caunoi.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per test JVM, and a fresh, empty database for each caller.
 *
 * <p>Starting PostgreSQL costs a few seconds; creating a database costs milliseconds, so every test
 * class gets its own database and tests never see each other's rows.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestDatabases() {
    }

    /** A new empty database on the shared server. */
    public static DataSource freshDatabase() {
        return new SimpleDataSource(freshDatabaseUrl(), "postgres", "postgres");
    }

    /** The JDBC URL of a new empty database on the shared server. */
    public static String freshDatabaseUrl() {
        EmbeddedPostgres pg = server();
        String name = "caunoi_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static EmbeddedPostgres server() {
        EmbeddedPostgres pg = server;
        if (pg == null) {
            synchronized (TestDatabases.class) {
                pg = server;
                if (pg == null) {
                    try {
                        pg = EmbeddedPostgres.builder().start();
                    } catch (IOException e) {
                        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
                    }
                    EmbeddedPostgres started = pg;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            started.close();
                        } catch (IOException ignored) {
                            // the JVM is going away; the temporary data directory goes with it
                        }
                    }));
                    server = pg;
                }
            }
        }
        return pg;
    }
}
