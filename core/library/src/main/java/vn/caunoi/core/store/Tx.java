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
    /** Run once before the first statement (the statement timeout), so that work that reads nothing costs no round trip. */
    private Runnable beforeFirstUse;

    Tx(SqlSession session, boolean readOnly, Runnable beforeFirstUse) {
        this.session = session;
        this.readOnly = readOnly;
        this.beforeFirstUse = beforeFirstUse;
    }

    /** The feature's mapper (registered with {@link Database#register}), bound to this unit of work. */
    public <M> M mapper(Class<M> type) {
        prepare();
        return session.getMapper(type);
    }

    private void prepare() {
        if (beforeFirstUse != null) {
            Runnable once = beforeFirstUse;
            beforeFirstUse = null;
            once.run();
        }
    }

    boolean readOnly() {
        return readOnly;
    }

    /** The connection, for {@code COPY} ({@link Copy}) and the advisory locks of the store. */
    Connection connection() {
        prepare();
        return session.getConnection();
    }
}
