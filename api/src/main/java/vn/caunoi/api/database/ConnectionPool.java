package vn.caunoi.api.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The requests' connection pool (HikariCP) with two rules Hikari's own data source cannot express:
 * <ul>
 *   <li>a request waits for a connection only until its deadline ({@link RequestDeadline}), so the
 *       time spent queueing for the pool counts like the time spent in SQL, and ends as {@code TIMEOUT};</li>
 *   <li>while the database is known to be down ({@link DatabaseAvailability}) a request is refused at
 *       once, and a request already waiting gives up within a second of the database being found down.</li>
 * </ul>
 * Background work (imports) has no deadline: it waits up to {@code connection-timeout}, long enough
 * to ride out a restart of the embedded database.
 */
public final class ConnectionPool implements DataSource, AutoCloseable {

    /** Waits are taken in slices, so that a waiting request notices the database being found down. */
    private static final long SLICE_MILLIS = 1000;

    private final HikariPool pool;
    private final long connectionTimeoutNanos;
    private volatile DatabaseAvailability availability;
    private volatile Timer waitOk;
    private volatile Timer waitTimeout;
    private volatile Timer waitUnavailable;

    public ConnectionPool(DataSource target, String name, int size, Duration connectionTimeout, MeterRegistry meters) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(Math.max(250, Math.min(SLICE_MILLIS, connectionTimeout.toMillis())));
        config.setValidationTimeout(Math.max(250, Math.min(SLICE_MILLIS, connectionTimeout.toMillis())));
        // The pool starts even when the database does not answer yet; the first use says why.
        config.setInitializationFailTimeout(-1);
        if (meters != null) {
            config.setMetricRegistry(meters);
        }
        this.pool = new HikariPool(config);
        this.connectionTimeoutNanos = connectionTimeout.toNanos();
        if (meters != null) {
            waitOk = wait(meters, "ok");
            waitTimeout = wait(meters, "timeout");
            waitUnavailable = wait(meters, "unavailable");
        }
    }

    private static Timer wait(MeterRegistry meters, String outcome) {
        return Timer.builder("caunoi.database.connection.wait").tag("outcome", outcome)
                .description("time a caller waited for a pooled connection, by how the wait ended")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(20))
                .register(meters);
    }

    /** From now on requests consult {@code availability} before waiting, and report failures to it. */
    public void watchedBy(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        Long deadline = RequestDeadline.nanos();
        long end = deadline == null ? start + connectionTimeoutNanos : Math.min(deadline, start + connectionTimeoutNanos);
        boolean request = deadline != null;
        SQLException last = null;
        while (true) {
            DatabaseAvailability a = availability;
            if (request && a != null && !a.isUp()) {
                record(waitUnavailable, start);
                throw new DatabaseUnavailableException(a.reason());
            }
            long remaining = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (remaining <= 0) {
                if (request && deadline <= start + connectionTimeoutNanos) {
                    record(waitTimeout, start);
                    throw new ConnectionWaitTimeoutException(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
                record(waitUnavailable, start);
                DatabaseUnavailableException e = new DatabaseUnavailableException("no connection within "
                        + TimeUnit.NANOSECONDS.toSeconds(connectionTimeoutNanos) + " s");
                if (last != null) {
                    e.initCause(last);
                }
                throw e;
            }
            try {
                Connection c = pool.getConnection(Math.max(1, Math.min(SLICE_MILLIS, remaining)));
                record(waitOk, start);
                return c;
            } catch (SQLTransientConnectionException busyOrDown) {
                last = busyOrDown;
                if (a != null && busyOrDown.getCause() != null) {
                    // Hikari could not open a connection (not merely a busy pool): let the probe decide now.
                    a.suspect();
                }
            }
        }
    }

    private static void record(Timer timer, long start) {
        if (timer != null) {
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** After the embedded database restarted: the pooled connections point at the dead server; replace them. */
    public void evictAll() {
        pool.softEvictConnections();
    }

    public int size() {
        return pool.getTotalConnections();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are configured");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Hikari and the driver log through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // connection waits are governed by the deadline and connection-timeout
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
    }
}
