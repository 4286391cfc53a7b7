package vn.caunoi.core.resident;

import java.time.Instant;
import java.time.LocalDate;

/** The value types of residents as persons. None carries a citizen ID in clear. */
public final class Residents {

    private Residents() {
    }

    /**
     * A resident as person-level data: only the masked citizen ID ({@code •••••••••123}), the birth
     * year and sex the number encodes, the current village and whether a household is known.
     */
    public record Resident(long id, String maskedCitizenId, int birthYear, CitizenId.Sex sex, Long villageId,
                           boolean householdKnown) {
    }

    /** A village a resident lived in; {@code from} is null for the first known one (since before records). */
    public record Residence(long villageId, LocalDate from, LocalDate to) {
    }

    /** A read of person-level data, from the audit log. */
    public record PersonDataAccess(long id, String actor, Instant accessedAt, String action, Long residentId, String scope,
                                   String detail) {
    }
}
