package vn.caunoi.core.store;

import org.apache.ibatis.session.SqlSession;

import java.sql.Connection;

/**
 * One unit of work on the database, handed to the work that {@link Database} runs: the mappers of
 * the feature doing the work, on one connection and in one transaction. It carries no way to commit
 * or roll back: {@link Database} does that when the work returns or throws.
 */
public final class Tx {

    private final SqlSession session;
    private final boolean readOnly;

    Tx(SqlSession session, boolean readOnly) {
        this.session = session;
        this.readOnly = readOnly;
    }

    /** The feature's mapper (registered with {@link Database#register}), bound to this unit of work. */
    public <M> M mapper(Class<M> type) {
        return session.getMapper(type);
    }

    boolean readOnly() {
        return readOnly;
    }

    /** The connection, for {@code COPY} ({@link Copy}) and the advisory locks of the store. */
    Connection connection() {
        return session.getConnection();
    }
}
