package vn.caunoi.core.adoption;

import org.apache.ibatis.annotations.Param;

import java.time.LocalDate;
import java.util.List;

/**
 * SQL of adoption (AdoptionMapper.xml beside it): events, statuses, the running counts and their
 * recheck, anonymous tallies, and the set-based load of an imported chunk (which also writes the
 * residents and residences its rows create: a list is one write of adoption).
 */
interface AdoptionMapper {

    java.util.List<AdoptionRows.RecordedRow> recordedBy(@Param("memberId") long memberId, @Param("from") LocalDate from,
                                                       @Param("to") LocalDate to);

    LocalDate latestEventDay(@Param("id") long residentId);

    Long insertEvent(@Param("e") AdoptionRows.EventRow event);

    Long existingEvent(@Param("e") AdoptionRows.EventRow event);

    AdoptionRows.EventRow event(@Param("id") long id);

    List<AdoptionRows.EventRow> eventsByIds(@Param("ids") Long[] ids);

    List<AdoptionRows.EventRow> history(@Param("ids") Long[] residentIds);

    /** The current status per service of these residents. */
    List<AdoptionRows.StatusRow> statuses(@Param("ids") Long[] residentIds);

    void prepareDeltas();

    /** Adds the contribution of these residents to the pending deltas, with {@code sign} +1 or -1. */
    int collectDeltas(@Param("ids") Long[] residentIds, @Param("sign") int sign);

    /** Adds the pending deltas to the daily running counts and the monthly levels. */
    default void applyDeltas() {
        applyDailyDeltas();
        applyMonthlyDeltas();
    }

    int applyDailyDeltas();

    int applyMonthlyDeltas();

    /** An import's chunk: the pending deltas kept for {@link #foldPendingCounts}. */
    int appendDailyDeltas();

    /** Every daily change imports have appended, added to the running counts: the rows written. */
    int foldPendingCounts();

    /** An import's chunk: the pending deltas' net change per month, kept for {@link #foldPendingMonths}. */
    int appendMonthlyDeltas();

    /** Whether about {@code limit} monthly changes or more are pending (from the statistics: no scan). */
    boolean manyMonthlyChanges(@Param("limit") int limit);

    /** Every monthly change imports have appended, carried into the levels: the rows written. */
    int foldPendingMonths();

    /**
     * Moves the monthly levels' horizon on to the month of {@code day} if needed and holds it until
     * the transaction ends. Every write of counts calls it first after the adoption gate, before it
     * locks anything else, with the latest day it may count: moving the horizon waits for the
     * writes in flight, and nothing they hold is wanted by it.
     */
    LocalDate horizon(@Param("day") LocalDate day);

    void clearDeltas();

    /** An anonymous tally: into the pending deltas (the counts) and into anonymous_adoption (the recomputation's share). */
    int addAnonymousDelta(@Param("village") long villageId, @Param("service") String service, @Param("stage") String stage,
                          @Param("day") LocalDate day);

    int addAnonymous(@Param("village") long villageId, @Param("service") String service, @Param("stage") String stage,
                     @Param("day") LocalDate day);

    /**
     * Writes of adoption hold this gate shared, an objection holds it exclusively: an erasure never
     * interleaves with a write that read the person's state before it. Take it first in a transaction.
     */
    void adoptionGateShared();

    /** Raises the sort and hash memory of the transaction's statements for a bulk load. */
    void bulkWorkMemory();

    void adoptionGateExclusive();

    /** Moves the contribution of these residents into the anonymous tallies (before their erasure). */
    int anonymise(@Param("ids") Long[] residentIds);

    int eraseEvents(@Param("id") long residentId);

    long countRows();

    List<AdoptionRows.DifferenceRow> countDifferences(@Param("limit") int limit);

    long differenceCount();

    long monthRows();

    List<AdoptionRows.MonthDifferenceRow> monthDifferences(@Param("limit") int limit);

    // --- the load of an imported chunk, staged by COPY into adoption_stage ---

    void prepareAdoptionStage();

    int insertNewResidents();

    boolean namesObjector();

    void markFreshResidents();

    int insertFreshResidents();

    void keepFreshResidents();

    void forgetFreshResidents();

    int freshResidences();

    int insertFreshEvents(@Param("job") long jobId);

    int collectFreshDeltas();

    int linkResidents();

    int updateHouseholds();

    int lockResidents();

    int collectStageDeltas(@Param("sign") int sign);

    int newResidences();

    int endMovedResidences();

    int startMovedResidences();

    int insertEvents(@Param("job") long jobId);

    int tallyObjectorDeltas();

    int tallyObjectors();

    boolean statisticsLag();

    void analyzeAdoption();
}
