package vn.caunoi.core.hierarchy;

import java.time.LocalDate;

/** The parent of a unit from a date on. */
final class ParentLinkRow {
    public long unitId;
    public long parentId;
    public LocalDate validFrom;

    public ParentLinkRow(long unitId, long parentId, LocalDate validFrom) {
        this.unitId = unitId;
        this.parentId = parentId;
        this.validFrom = validFrom;
    }
}
