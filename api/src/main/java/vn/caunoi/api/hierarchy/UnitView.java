package vn.caunoi.api.hierarchy;

import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;

import java.time.LocalDate;

/** An administrative unit as GraphQL shows it: the unit and the date it is viewed on. */
public record UnitView(AdministrativeUnit unit, LocalDate asOf) implements DomainView {

    static final String TYPE = "AdministrativeUnit";

    public String id() {
        return GlobalId.of(TYPE, unit.id());
    }

    @Override
    public Object domain() {
        return unit;
    }

    UnitAt key() {
        return new UnitAt(unit.id(), asOf);
    }

    /** The unit seen on {@code date}, or on its last day when it had already ended by then. */
    public static UnitView of(AdministrativeUnit unit, LocalDate date) {
        return on(unit, date);
    }

    /** The unit seen on {@code date}, or on its last day when it had already ended by then. */
    static UnitView on(AdministrativeUnit unit, LocalDate date) {
        if (unit.validOn(date)) {
            return new UnitView(unit, date);
        }
        return new UnitView(unit, date.isBefore(unit.validFrom()) ? unit.validFrom() : unit.lastDayOr(date));
    }
}
