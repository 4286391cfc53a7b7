package vn.caunoi.core.adoption;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.adoption.Adoption.CountCheck;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.store.Database;

/** The recheck of the running counts: an administrator's proof that they equal the events. */
public final class AdoptionCounts {

    private final Database db;

    public AdoptionCounts(Database db) {
        this.db = db;
        db.register(AdoptionMapper.class);
    }

    /**
     * Recomputes the running counts from every event (and the anonymous tallies) and the monthly
     * levels from the daily counts, and compares both with what is stored.
     */
    public CountCheck checkCounts(Actor actor) {
        Access.require(actor, Operation.CHECK_COUNTS);
        return db.readAll(tx -> {
            AdoptionMapper m = tx.mapper(AdoptionMapper.class);
            return new CountCheck(m.countRows(), m.countDifferences(100).stream().map(AdoptionRows.DifferenceRow::difference).toList(),
                    m.monthRows(), m.monthDifferences(100).stream().map(AdoptionRows.MonthDifferenceRow::difference).toList());
        });
    }
}
