package vn.caunoi.api.hierarchy;

import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.hierarchy.ChangeType;
import vn.caunoi.core.hierarchy.Share;
import vn.caunoi.core.hierarchy.UnitChange;

import java.time.LocalDate;

/** One change link as listed by {@code hierarchyChanges}. */
public record HierarchyChangeView(UnitChange change) {

    public String id() {
        return GlobalId.of("HierarchyChange", change.id());
    }

    public String eventId() {
        return GlobalId.of("HierarchyChangeEvent", change.eventId());
    }

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
