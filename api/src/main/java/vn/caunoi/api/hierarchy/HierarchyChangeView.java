package vn.caunoi.api.hierarchy;

import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.hierarchy.UnitChange;

/** One change link as listed by {@code hierarchyChanges}. */
public record HierarchyChangeView(UnitChange change) implements DomainView {

    public String id() {
        return GlobalId.of("HierarchyChange", change.id());
    }

    public String eventId() {
        return GlobalId.of("HierarchyChangeEvent", change.eventId());
    }

    @Override
    public Object domain() {
        return change;
    }
}
