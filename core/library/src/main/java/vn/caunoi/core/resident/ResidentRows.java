package vn.caunoi.core.resident;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rows of the resident tables (residents, residences, the audit log) as read from and written to SQL. */
final class ResidentRows {

    private ResidentRows() {
    }

    static final class ResidentRow {
        public Long id;
        public byte[] citizenHmac;
        public String citizenMasked;
        public Integer birthYear;
        public CitizenId.Sex sex;
        public byte[] householdHmac;
        public Long villageId;

        Residents.Resident resident() {
            return new Residents.Resident(id, citizenMasked, birthYear, sex, villageId, householdHmac != null);
        }
    }

    static final class ResidenceRow {
        public Long residentId;
        public Long villageId;
        public LocalDate validFrom;
        public LocalDate validTo;

        Residents.Residence residence() {
            return new Residents.Residence(villageId, validFrom.equals(LocalDate.MIN) ? null : validFrom, validTo);
        }
    }

    static final class AccessRow {
        public Long id;
        public String actor;
        public OffsetDateTime accessedAt;
        public String action;
        public Long residentId;
        public String scope;
        public String detail;

        Residents.PersonDataAccess access() {
            return new Residents.PersonDataAccess(id, actor, accessedAt == null ? null : accessedAt.toInstant(), action, residentId,
                    scope, detail);
        }
    }
}
