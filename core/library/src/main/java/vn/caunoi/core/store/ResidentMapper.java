package vn.caunoi.core.store;

import org.apache.ibatis.annotations.Param;

import java.time.LocalDate;
import java.util.List;

/** SQL of residents, adoption events, running counts, population and the person-data audit log. */
public interface ResidentMapper {

    boolean objected(@Param("hmac") byte[] hmac);

    int insertObjection(@Param("hmac") byte[] hmac, @Param("on") LocalDate on);

    /** Creates the resident if new (then {@link #residentByHmac} finds it). */
    int insertResident(@Param("r") ResidentRows.ResidentRow row);

    /** The resident with this citizen-ID HMAC, locked until the transaction ends. */
    ResidentRows.ResidentRow residentByHmac(@Param("hmac") byte[] hmac);

    List<ResidentRows.ResidentRow> residentsByIds(@Param("ids") Long[] ids);

    int updateHousehold(@Param("id") long residentId, @Param("hmac") byte[] householdHmac);

    List<ResidentRows.ResidenceRow> residences(@Param("ids") Long[] residentIds);

    LocalDate latestEventDay(@Param("id") long residentId);

    int insertResidence(@Param("id") long residentId, @Param("village") long villageId, @Param("from") LocalDate from);

    int endResidence(@Param("id") long residentId, @Param("from") LocalDate from, @Param("to") LocalDate to);

    int changeResidenceVillage(@Param("id") long residentId, @Param("from") LocalDate from, @Param("village") long villageId);

    Long insertEvent(@Param("e") ResidentRows.EventRow event);

    Long existingEvent(@Param("e") ResidentRows.EventRow event);

    ResidentRows.EventRow event(@Param("id") long id);

    List<ResidentRows.EventRow> eventsByIds(@Param("ids") Long[] ids);

    List<ResidentRows.EventRow> history(@Param("ids") Long[] residentIds);

    /** The current status per service of these residents. */
    List<ResidentRows.StatusRow> statuses(@Param("ids") Long[] residentIds);

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

    void adoptionGateExclusive();

    /** Serialises the writes about one person (by the first bytes of the HMAC) before their row exists. */
    void personLock(@Param("key") int key);

    /** Moves the contribution of these residents into the anonymous tallies (before their erasure). */
    int anonymise(@Param("ids") Long[] residentIds);

    void enableErasure();

    int eraseEvents(@Param("id") long residentId);

    int eraseResidences(@Param("id") long residentId);

    int eraseResident(@Param("id") long residentId);

    long countRows();

    List<ResidentRows.DifferenceRow> countDifferences(@Param("limit") int limit);

    long differenceCount();

    long monthRows();

    List<ResidentRows.MonthDifferenceRow> monthDifferences(@Param("limit") int limit);

    int audit(@Param("actor") String actor, @Param("action") String action, @Param("residentId") Long residentId,
              @Param("villageId") Long villageId, @Param("scope") String scope, @Param("detail") String detail);

    List<ResidentRows.AccessRow> accessLog(@Param("residentId") Long residentId, @Param("scope") Long[] scope, @Param("offset") int offset, @Param("limit") int limit);

    long accessCount(@Param("residentId") Long residentId, @Param("scope") Long[] scope);

    List<ResidentRows.PopulationRow> population(@Param("unitIds") Long[] unitIds, @Param("year") Integer year);
}
