package vn.caunoi.core.adoption;

import vn.caunoi.core.store.Database;

import javax.sql.DataSource;

/** The fold of an import's pending count changes (migration V17) for tests of other packages. */
public final class PendingCountsTestAccess {

    private PendingCountsTestAccess() {
    }

    /** What an import does at its end: the monthly levels, then the daily counts, each in its own transaction. */
    public static void fold(DataSource dataSource) {
        Database db = new Database(dataSource);
        db.register(AdoptionMapper.class);
        AdoptionLoader.fold(db, true);
        AdoptionLoader.fold(db, false);
    }
}
