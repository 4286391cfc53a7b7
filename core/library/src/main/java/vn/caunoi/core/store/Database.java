package vn.caunoi.core.store;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;
import vn.caunoi.core.common.QueryTimeoutException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * core's access to PostgreSQL: migrations, the features' MyBatis mappers, and the one helper that
 * runs a unit of work ({@link Tx}) in a transaction.
 *
 * <p>core owns its transactions. A unit of work started while another runs on the same thread joins
 * it: when one feature asks another's service for data inside its transaction, both read and write
 * on one connection and one snapshot, and nothing is committed until the outermost work returns.
 */
public final class Database {

    private final DataSource dataSource;
    private final SqlSessionFactory sessions;
    private final Configuration configuration;
    private final StatementCounter statements = new StatementCounter();
    /** PostgreSQL's statement_timeout for reads and interactive writes, e.g. "30000ms"; null for none. */
    private final String statementTimeout;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    public Database(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * With a {@code statementTimeout}, every statement of {@link #read} and {@link #inTransaction}
     * that runs longer is cancelled by PostgreSQL (SQL state 57014, reported as {@link
     * QueryTimeoutException}); {@link #bulk} and {@link #readAll} work (imports, rechecks) has none.
     */
    public Database(DataSource dataSource, Duration statementTimeout) {
        this.dataSource = dataSource;
        this.statementTimeout = statementTimeout == null || statementTimeout.isZero() ? null : statementTimeout.toMillis() + "ms";
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        configuration = new Configuration(new Environment("caunoi", new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setObjectFactory(new RowFactory());
        configuration.setDefaultExecutorType(ExecutorType.SIMPLE);
        configuration.setCacheEnabled(false);
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.addInterceptor(statements);
        configuration.addMapper(Idempotency.Mapper.class);
        configuration.addMapper(ScopeSql.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    /**
     * Registers a feature's mappers (an interface and the XML beside it), once, when the feature's
     * services are built: before any request runs, since MyBatis's registry is not safe to change
     * while statements execute.
     */
    public synchronized void register(Class<?>... mappers) {
        for (Class<?> mapper : mappers) {
            if (!configuration.hasMapper(mapper)) {
                configuration.addMapper(mapper);
            }
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * A transaction that PostgreSQL aborts for a deadlock or a serialization failure is run again
     * (up to three times): {@code work} must not change anything outside the database before it
     * returns. Inside another unit of work on this thread, it joins that one.
     */
    public <T> T inTransaction(Function<Tx, T> work) {
        return run(work, statementTimeout, false);
    }

    /** As {@link #inTransaction}, without the statement timeout: for bulk loads and full rechecks. */
    public <T> T bulk(Function<Tx, T> work) {
        return run(work, null, false);
    }

    /**
     * Runs read-only {@code work} in one transaction (one snapshot per statement), its statements
     * bounded by the statement timeout, and ends it without writing anything. Inside another unit of
     * work on this thread, it joins that one.
     */
    public <T> T read(Function<Tx, T> work) {
        return run(work, statementTimeout, true);
    }

    /**
     * Runs {@code reads} so that every read unit of work they start on this thread joins one
     * read-only transaction: one connection, one BEGIN and one ROLLBACK for all of them (a GraphQL
     * request's data fetchers). Nothing is taken from the pool until the first statement. A write
     * started inside runs in a transaction of its own.
     */
    public <T> T readTogether(java.util.function.Supplier<T> reads) {
        return read(tx -> reads.get());
    }

    /** As {@link #read}, without the statement timeout: a full recheck of every count. */
    public <T> T readAll(Function<Tx, T> work) {
        return run(work, null, true);
    }

    /**
     * {@code VACUUM (ANALYZE)} of one of core's tables, on a connection of its own: PostgreSQL runs it
     * only outside a transaction. For a table emptied in bulk that readers check often, whose dead
     * rows they would otherwise step over until autovacuum comes by.
     */
    public void vacuum(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("vacuum (analyze) " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("could not vacuum " + table + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private <T> T run(Function<Tx, T> work, String timeout, boolean readOnly) {
        Tx joined = current.get();
        if (joined != null && joined.readOnly() && !readOnly) {
            // A write asked for while reading together (an audited read of personal data inside a
            // request's reads): it runs and commits in a transaction of its own.
            current.remove();
            try {
                return run(work, timeout, false);
            } finally {
                current.set(joined);
            }
        }
        if (joined != null) {
            return work.apply(joined);
        }
        for (int attempt = 1; ; attempt++) {
            Tx tx = new Tx(() -> sessions.openSession(false), readOnly, session -> prepare(session, timeout, readOnly), statements);
            current.set(tx);
            RuntimeException failed;
            try {
                T result = work.apply(tx);
                SqlSession session = tx.opened();
                if (session != null) {
                    if (readOnly) {
                        endRead(session);
                    } else {
                        session.commit(true);
                    }
                }
                return result;
            } catch (RuntimeException e) {
                SqlSession session = tx.opened();
                if (session != null) {
                    // Said, not left to close(): MyBatis rolls back on close only after a mapped
                    // insert/update/delete, and the driver commits an open transaction when the pool
                    // puts the connection back in auto-commit (work done by "insert … returning"
                    // selects, COPY or plain JDBC would be kept).
                    rollbackQuietly(session, e);
                }
                if (cancelled(e)) {
                    throw new QueryTimeoutException(e);
                }
                if (readOnly || attempt >= 3 || !retryable(e)) {
                    throw e;
                }
                failed = e;
            } finally {
                current.remove();
                SqlSession session = tx.opened();
                if (session != null) {
                    session.close();
                }
            }
            pause(attempt, failed); // with the connection back in the pool
        }
    }

    /**
     * Ends a read that succeeded. Its rows are already read: a connection lost at this point (the
     * database restarted) must not turn them into an error; the pool drops the broken connection.
     */
    private static void endRead(SqlSession session) {
        try {
            session.rollback(true);
        } catch (RuntimeException lost) {
            // nothing was written; see above
        }
    }

    private static void rollbackQuietly(SqlSession session, RuntimeException cause) {
        try {
            session.rollback(true);
        } catch (RuntimeException broken) {
            cause.addSuppressed(broken);
        }
    }

    private static void pause(int attempt, RuntimeException e) {
        try {
            Thread.sleep(20L * attempt + ThreadLocalRandom.current().nextInt(30));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Deadlock detected (40P01) or could not serialize (40001): the other transaction won; try again. */
    private static boolean retryable(Throwable e) {
        return sqlState(e, "40P01") || sqlState(e, "40001");
    }

    /** PostgreSQL cancelled the statement (57014): it ran past the statement timeout. */
    private static boolean cancelled(Throwable e) {
        return sqlState(e, "57014");
    }

    /** Whether {@code e} or one of its causes is PostgreSQL's error {@code state} (e.g. 23505, a unique violation). */
    public static boolean sqlState(Throwable e, String state) {
        return sqlException(e, state).isPresent();
    }

    /** The first of {@code e} and its causes that is PostgreSQL's error {@code state}, if any. */
    public static Optional<SQLException> sqlException(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /**
     * Sets a transaction up at its first statement, in one round trip: the statement timeout, and
     * for a read, plans made for the values each statement is given (PostgreSQL's custom plans).
     * PostgreSQL settles on one generic plan for a statement prepared a few times; for reads whose
     * best plan depends on their values — arrays of 1 or 2,600 unit ids, a province's page of teams
     * that walks an index and stops after 101 rows, a commune's few teams found through the
     * hierarchy — the generic plan is the slower one (a dashboard's rates 39 → 26 ms, a page of teams
     * 5 → 1 ms). Planning each time costs less than that for the statements reads run.
     */
    private static void prepare(SqlSession session, String timeout, boolean readOnly) {
        String setup = (timeout == null ? "" : "set local statement_timeout = '" + timeout + "';")
                + (readOnly ? "set local plan_cache_mode = force_custom_plan;" : "");
        if (setup.isEmpty()) {
            return;
        }
        try (java.sql.Statement st = session.getConnection().createStatement()) {
            st.execute(setup);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the transaction up", e);
        }
    }

    /**
     * {@code list} in slices of 1,000: multi-row statements stay far below PostgreSQL's limit of
     * 65,535 bind parameters.
     */
    public static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += 1000) {
            chunks.add(list.subList(i, Math.min(list.size(), i + 1000)));
        }
        return chunks;
    }

    /** How many SQL statements core has executed in this process: lets tests prove queries are batched. */
    public long statementsExecuted() {
        return statements.count();
    }

    /** How many times the statements of this name (a mapper method's, e.g. "countTeams") have run. */
    public long statementsExecuted(String name) {
        return statements.count(name);
    }
}
