package vn.caunoi.core.hierarchy;

import vn.caunoi.core.hierarchy.ChangeType;
import vn.caunoi.core.hierarchy.Share;
import vn.caunoi.core.hierarchy.UnitChange;

import java.time.LocalDate;

/** A change link as read from or written to SQL. */
final class ChangeRow {
    public Long id;
    public Long eventId;
    public ChangeType changeType;
    public LocalDate effectiveDate;
    public Long fromUnitId;
    public Long toUnitId;
    public Share share;
    public String legalBasis;
    public Long importId;

    public UnitChange change() {
        return new UnitChange(id, eventId, changeType, effectiveDate, fromUnitId, toUnitId, share, legalBasis);
    }
}
