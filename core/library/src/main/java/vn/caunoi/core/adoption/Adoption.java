package vn.caunoi.core.adoption;

import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.Residents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The value types of residents' adoption of digital services. None carries a citizen ID in clear. */
public final class Adoption {

    private Adoption() {
    }

    /** Where a record of adoption comes from. */
    public enum Source { TEAM_SUPPORT, SELF_REPORTED, AGENCY_LIST }

    /** A stage reached, or an explicit step back that the service's plugin allows (an account locked). */
    public enum EventKind { REACHED, STEP_BACK }

    /** The status of a resident for one service: the stage, since when, in which village. */
    /** What a team member recorded in a period for one service: events (stages reached) and distinct residents. */
    public record RecordedByService(String service, long events, long residents) {
    }

    public record ServiceStatus(long residentId, String service, String stage, int stageOrder, LocalDate since, long villageId) {
    }

    /** One append-only adoption event. */
    public record AdoptionEvent(long id, long residentId, long villageId, String service, String stage, EventKind kind,
                                LocalDate occurredOn, Source source, Long teamId, Long memberId, Long importJobId,
                                Map<String, String> attributes, Instant clientRecordedAt, Instant recordedAt) {
    }

    /** A resident with status per service and history: what a role allowed person-level data sees. */
    public record ResidentRecord(Residents.Resident resident, List<ServiceStatus> statuses, List<AdoptionEvent> history,
                                 List<Residents.Residence> residences) {
    }

    /** A record of adoption as a field worker's phone sends it. */
    public record NewAdoption(String idempotencyKey, String citizenId, Integer birthYear, CitizenId.Sex sex,
                              String household, String village, String service, String stage, EventKind kind,
                              LocalDate occurredOn, Source source, Long teamId, Long memberId,
                              Map<String, String> attributes, Instant clientRecordedAt, boolean objectsToRecording) {
    }

    /**
     * What a record of adoption did. For a person who objected to being recorded only an anonymous
     * tally was kept: {@code event} and {@code status} are null.
     */
    public record Recorded(String maskedCitizenId, AdoptionEvent event, ServiceStatus status, boolean anonymous) {
    }

    /** One difference between the running counts and a recomputation from the events. */
    public record CountDifference(long villageId, String service, String stage, LocalDate day,
                                  long storedEntered, long storedLeft, long recomputedEntered, long recomputedLeft) {
    }

    /** One difference between a monthly level and the daily counts summed up to the month's end. */
    public record MonthDifference(long villageId, String service, String stage, LocalDate month, long storedLevel,
                                  long recomputedLevel) {
    }

    /**
     * The result of rechecking the running counts: the daily counts against a recomputation from the
     * events, and the monthly levels against the daily counts. No differences means they are exact.
     */
    public record CountCheck(long rowsCompared, List<CountDifference> differences, long monthRowsCompared,
                             List<MonthDifference> monthDifferences) {
        public boolean exact() {
            return differences.isEmpty() && monthDifferences.isEmpty();
        }
    }
}
