package vn.caunoi.core.store;

import org.apache.ibatis.session.SqlSession;

import java.sql.Connection;

/**
 * One unit of work on the database, handed to the work that {@link Database} runs: the mappers of
 * the feature doing the work, on one connection and in one transaction. It carries no way to commit
 * or roll back: {@link Database} does that when the work returns or throws.
 */
public final class Tx {

    private final java.util.function.Supplier<SqlSession> opener;
    private final java.util.function.Consumer<SqlSession> beforeFirstUse;
    private final boolean readOnly;
    /** Opened at the first statement: work that reads nothing (a GraphQL query of {@code __typename}) costs no session. */
    private SqlSession session;

    Tx(java.util.function.Supplier<SqlSession> opener, boolean readOnly, java.util.function.Consumer<SqlSession> beforeFirstUse) {
        this.opener = opener;
        this.readOnly = readOnly;
        this.beforeFirstUse = beforeFirstUse;
    }

    /** The feature's mapper (registered with {@link Database#register}), bound to this unit of work. */
    public <M> M mapper(Class<M> type) {
        return session().getMapper(type);
    }

    private SqlSession session() {
        if (session == null) {
            SqlSession opened = opener.get();
            session = opened;
            beforeFirstUse.accept(opened);
        }
        return session;
    }

    /**
     * Runs {@code statements} with plans made for the values they are given (PostgreSQL's custom
     * plans), then goes back to the server's setting for the rest of the transaction. PostgreSQL
     * settles on one generic plan for a statement that has been prepared a few times; where the best
     * plan depends on the values — a page of a province's teams walks an index and stops after 101
     * rows, a commune's few teams are found through the hierarchy first — the generic one is the
     * slower of the two for most callers (5 ms instead of 1 for the province).
     */
    public <T> T withPlansForTheirValues(java.util.function.Supplier<T> statements) {
        planCacheMode("force_custom_plan");
        T result = statements.get();
        // Not in a finally: after a failed statement the transaction only ends, and this would fail too.
        planCacheMode("default");
        return result;
    }

    private void planCacheMode(String mode) {
        try (java.sql.Statement st = connection().createStatement()) {
            st.execute("set local plan_cache_mode to " + mode);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot set plan_cache_mode", e);
        }
    }

    /** The session, if a statement opened it. */
    SqlSession opened() {
        return session;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** The connection, for {@code COPY} ({@link Copy}) and the advisory locks of the store. */
    Connection connection() {
        return session().getConnection();
    }
}
