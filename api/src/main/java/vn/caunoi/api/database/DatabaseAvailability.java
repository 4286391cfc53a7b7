package vn.caunoi.api.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the database answers now. A background probe asks it every {@code probe-interval} through
 * a connection of its own (a pool of one, never the requests' pool, so a full pool cannot make the
 * server look dead and a dead database is seen within seconds); the embedded database's watchdog
 * and any request that fails to connect report to it at once. Requests ask {@link #isUp()} before
 * they wait for a connection: while the database is down they are refused immediately.
 */
public final class DatabaseAvailability implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final HikariDataSource probePool;
    private final Duration interval;
    private final int timeoutSeconds;
    private final String description;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "caunoi-database-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean up = true;
    private volatile String reason = "";
    private volatile Instant since = Instant.now();
    private volatile Instant lastChecked = Instant.now();
    /**
     * Counts the verdicts given (guarded by {@code this}). A probe's verdict stands only if none was
     * given while it ran: a probe that began while PostgreSQL was restarting may fail (its attempt
     * raced the end of recovery, or waited out the pool's back-off) after the watchdog saw the
     * restart succeed, and would otherwise turn a healthy server away for a whole interval.
     */
    private long verdicts;

    /**
     * @param target      where connections come from (the embedded server or the external URL), unpooled
     * @param description what the health report calls the database ("embedded PostgreSQL 18", "PostgreSQL at host:5432/db")
     */
    public DatabaseAvailability(DataSource target, String description, Duration interval, Duration timeout) {
        this.description = description;
        this.interval = interval;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setPoolName("caunoi-health");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 1000)));
        config.setInitializationFailTimeout(-1);
        this.probePool = new HikariDataSource(config);
    }

    /** Starts the periodic probe (the server; a command needs none). */
    public void startProbing() {
        prober.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isUp() {
        return up;
    }

    public String reason() {
        return reason;
    }

    public Instant since() {
        return since;
    }

    public Instant lastChecked() {
        return lastChecked;
    }

    public String description() {
        return description;
    }

    /** Asks the database now, on the caller's thread: true when it answered. */
    public boolean probe() {
        if (!probing.compareAndSet(false, true)) {
            return up;
        }
        long asked;
        synchronized (this) {
            asked = verdicts;
        }
        try (Connection c = probePool.getConnection()) {
            if (!c.isValid(timeoutSeconds)) {
                throw new java.sql.SQLException("the connection did not answer within " + timeoutSeconds + " s");
            }
            return settle(asked, true, null);
        } catch (Exception e) {
            return settle(asked, false, summary(e));
        } finally {
            lastChecked = Instant.now();
            probing.set(false);
        }
    }

    /** A request failed to reach the database: check now, in the background, rather than at the next tick. */
    public void suspect() {
        if (up) {
            prober.execute(this::probe);
        }
    }

    /** The probe's verdict, unless a fresher one was given while it ran (then that one stands). */
    private synchronized boolean settle(long asked, boolean answered, String why) {
        if (verdicts != asked) {
            return up;
        }
        if (answered) {
            markUp();
        } else {
            markDown(why);
        }
        return answered;
    }

    public synchronized void markDown(String why) {
        verdicts++;
        reason = why;
        if (up) {
            up = false;
            since = Instant.now();
            log.error("the database is unavailable ({}); requests are refused with SERVICE_UNAVAILABLE until it answers again", why);
        }
    }

    public synchronized void markUp() {
        verdicts++;
        if (!up) {
            log.info("the database answers again after {} s; serving requests", Duration.between(since, Instant.now()).toSeconds());
            up = true;
            since = Instant.now();
            reason = "";
        }
    }

    /** The failure in one line, without SQL or data: the exception type and PostgreSQL's (or the driver's) first sentence. */
    static String summary(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) : message));
    }

    @Override
    public void close() {
        prober.shutdownNow();
        probePool.close();
    }
}
