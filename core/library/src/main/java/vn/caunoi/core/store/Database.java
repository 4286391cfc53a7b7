package vn.caunoi.core.store;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * core's access to PostgreSQL: migrations, MyBatis sessions and the one transaction helper.
 *
 * <p>core owns its transactions: a service method that writes runs its whole unit of work in
 * {@link #inTransaction}, which commits at the end or rolls everything back on any exception.
 */
public final class Database {

    private final SqlSessionFactory sessions;
    private final StatementCounter statements = new StatementCounter();
    /** PostgreSQL's statement_timeout for reads and interactive writes, e.g. "30000ms"; null for none. */
    private final String statementTimeout;

    public Database(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * With a {@code statementTimeout}, every statement of {@link #read} and {@link #inTransaction}
     * that runs longer is cancelled by PostgreSQL (SQL state 57014, reported as {@link
     * vn.caunoi.core.QueryTimeoutException}); {@link #bulk} work (imports, rechecks) has none.
     */
    public Database(DataSource dataSource, java.time.Duration statementTimeout) {
        this.statementTimeout = statementTimeout == null || statementTimeout.isZero() ? null : statementTimeout.toMillis() + "ms";
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Configuration configuration = new Configuration(
                new Environment("caunoi", new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setDefaultExecutorType(ExecutorType.SIMPLE);
        configuration.setCacheEnabled(false);
        configuration.setLocalCacheScope(org.apache.ibatis.session.LocalCacheScope.STATEMENT);
        configuration.addInterceptor(statements);
        configuration.addMapper(HierarchyMapper.class);
        configuration.addMapper(DigitalServiceMapper.class);
        configuration.addMapper(Idempotency.Mapper.class);
        configuration.addMapper(TeamMapper.class);
        configuration.addMapper(ActivityMapper.class);
        configuration.addMapper(ResidentMapper.class);
        configuration.addMapper(ImportMapper.class);
        configuration.addMapper(IndicatorMapper.class);
        configuration.addMapper(AccessMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * A transaction that PostgreSQL aborts for a deadlock or a serialization failure is run again
     * (up to three times): {@code work} must not change anything outside the database before it
     * returns.
     */
    public <T> T inTransaction(Function<SqlSession, T> work) {
        return transaction(work, statementTimeout);
    }

    /** As {@link #inTransaction}, without the statement timeout: for bulk loads and full rechecks. */
    public <T> T bulk(Function<SqlSession, T> work) {
        return transaction(work, null);
    }

    private <T> T transaction(Function<SqlSession, T> work, String timeout) {
        for (int attempt = 1; ; attempt++) {
            try (SqlSession session = sessions.openSession(false)) {
                limit(session, timeout);
                T result = work.apply(session);
                session.commit(true);
                return result;
            } catch (RuntimeException e) {
                if (cancelled(e)) {
                    throw new vn.caunoi.core.QueryTimeoutException(e);
                }
                if (attempt >= 3 || !retryable(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(30));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Deadlock detected (40P01) or could not serialize (40001): the other transaction won; try again. */
    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs read-only {@code work} in one session (one snapshot of the data per statement), its
     * statements bounded by the statement timeout.
     */
    public <T> T read(Function<SqlSession, T> work) {
        if (statementTimeout == null) {
            try (SqlSession session = sessions.openSession(true)) {
                return work.apply(session);
            }
        }
        // SET LOCAL needs a transaction: the work runs in one, read only, and ends it.
        try (SqlSession session = sessions.openSession(false)) {
            limit(session, statementTimeout);
            T result = work.apply(session);
            session.rollback(true);
            return result;
        } catch (RuntimeException e) {
            if (cancelled(e)) {
                throw new vn.caunoi.core.QueryTimeoutException(e);
            }
            throw e;
        }
    }

    /** As {@link #read}, without the statement timeout: a full recheck of every count. */
    public <T> T readAll(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session);
        }
    }

    private static void limit(SqlSession session, String timeout) {
        if (timeout == null) {
            return;
        }
        try (java.sql.Statement st = session.getConnection().createStatement()) {
            st.execute("set local statement_timeout = '" + timeout + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot set the statement timeout", e);
        }
    }

    /** PostgreSQL cancelled the statement (57014): it ran past the statement timeout. */
    private static boolean cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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
}
