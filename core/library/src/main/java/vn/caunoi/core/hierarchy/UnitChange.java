package vn.caunoi.core.hierarchy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One link of a dated change event: unit {@code fromUnitId} (null for a creation) went, in full or in
 * part, into unit {@code toUnitId} on {@code effectiveDate}. The links of one event share {@code eventId}.
 */
public record UnitChange(long id, long eventId, ChangeType type, LocalDate effectiveDate,
                         Long fromUnitId, Long toUnitId, Share share, String legalBasis) {

    public UnitChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(share, "share");
    }
}
