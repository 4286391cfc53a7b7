package vn.caunoi.api.hierarchy;

import vn.caunoi.core.hierarchy.ChangeType;
import vn.caunoi.core.hierarchy.Share;
import vn.caunoi.core.hierarchy.UnitChange;

import java.time.LocalDate;

/** A change seen from one unit: {@code otherUnitId} is the predecessor or the successor. */
public record UnitChangeView(UnitChange change, long otherUnitId, LocalDate otherSeenOn) {

    public ChangeType type() {
        return change.type();
    }

    public LocalDate effectiveDate() {
        return change.effectiveDate();
    }

    public Share share() {
        return change.share();
    }

    public String legalBasis() {
        return change.legalBasis();
    }
}
