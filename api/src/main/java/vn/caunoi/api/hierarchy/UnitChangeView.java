package vn.caunoi.api.hierarchy;

import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.core.hierarchy.UnitChange;

import java.time.LocalDate;

/** A change seen from one unit: {@code otherUnitId} is the predecessor or the successor, seen on {@code otherSeenOn}. */
public record UnitChangeView(UnitChange change, long otherUnitId, LocalDate otherSeenOn) implements DomainView {

    @Override
    public Object domain() {
        return change;
    }
}
