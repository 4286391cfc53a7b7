package vn.caunoi.core.adoption;

import vn.caunoi.core.store.Json;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rows of the adoption tables (events, statuses, count differences) as read from and written to SQL. */
final class AdoptionRows {

    private AdoptionRows() {
    }

    static final class EventRow {
        public Long id;
        public Long residentId;
        public Long villageId;
        public String serviceCode;
        public String stageCode;
        public Integer stageOrder;
        public Adoption.EventKind kind;
        public LocalDate occurredOn;
        public Adoption.Source source;
        public Long teamId;
        public Long memberId;
        public Long importJobId;
        /** JSON object of strings, or null. */
        public String attributes;
        public OffsetDateTime clientRecordedAt;
        public OffsetDateTime recordedAt;

        Adoption.AdoptionEvent event() {
            return new Adoption.AdoptionEvent(id, residentId, villageId, serviceCode, stageCode, kind, occurredOn, source, teamId,
                    memberId, importJobId, Json.stringMap(attributes), clientRecordedAt == null ? null : clientRecordedAt.toInstant(),
                    recordedAt == null ? null : recordedAt.toInstant());
        }
    }

    static final class RecordedRow {
        public String serviceCode;
        public long events;
        public long residents;
    }

    static final class StatusRow {
        public Long residentId;
        public String serviceCode;
        public String stageCode;
        public Integer stageOrder;
        public LocalDate day;
        public Long villageId;

        Adoption.ServiceStatus status() {
            return new Adoption.ServiceStatus(residentId, serviceCode, stageCode, stageOrder, day, villageId);
        }
    }

    static final class DifferenceRow {
        public Long villageId;
        public String serviceCode;
        public String stageCode;
        public LocalDate day;
        public Long storedEntered;
        public Long storedLeft;
        public Long recomputedEntered;
        public Long recomputedLeft;

        Adoption.CountDifference difference() {
            return new Adoption.CountDifference(villageId, serviceCode, stageCode, day, storedEntered, storedLeft,
                    recomputedEntered, recomputedLeft);
        }
    }

    static final class MonthDifferenceRow {
        public Long villageId;
        public String serviceCode;
        public String stageCode;
        public LocalDate month;
        public Long storedLevel;
        public Long recomputedLevel;

        Adoption.MonthDifference difference() {
            return new Adoption.MonthDifference(villageId, serviceCode, stageCode, month, storedLevel, recomputedLevel);
        }
    }
}
