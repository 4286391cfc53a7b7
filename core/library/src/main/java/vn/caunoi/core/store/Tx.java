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
