package vn.caunoi.core.adoption;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.adoption.Adoption.CountCheck;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.store.Database;

/**
 * Counts of adoption records: the recheck of the running counts (an administrator's proof that they
 * equal the events), and what a team member recorded herself.
 */
public final class AdoptionCounts {

    private final Database db;

    public AdoptionCounts(Database db) {
        this.db = db;
        db.register(AdoptionMapper.class);
    }

    /**
     * What the actor herself recorded between two days (by the day it happened), per service: a team
     * member's own count, whoever else's records are in her scope. Empty for a user who is no member.
     */
    public java.util.List<Adoption.RecordedByService> recordedByMe(Actor actor, java.time.LocalDate from, java.time.LocalDate to) {
        java.util.Objects.requireNonNull(actor, "actor");
        if (actor.memberId() == null) {
            return java.util.List.of();
        }
        if (from == null || to == null || to.isBefore(from)) {
            throw new vn.caunoi.core.common.InvalidInputException("to", "BEFORE_FROM", "to (" + to + ") is before from (" + from + ")");
        }
        return db.read(tx -> tx.mapper(AdoptionMapper.class).recordedBy(actor.memberId(), from, to)).stream()
                .map(r -> new Adoption.RecordedByService(r.serviceCode, r.events, r.residents)).toList();
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
