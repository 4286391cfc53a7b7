package vn.caunoi.api.hierarchy;

import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;

import java.time.LocalDate;

/** An administrative unit as GraphQL shows it: the unit and the date it is viewed on. */
public record UnitView(AdministrativeUnit unit, LocalDate asOf) {

    static final String TYPE = "AdministrativeUnit";

    public String id() {
        return GlobalId.of(TYPE, unit.id());
    }

    public String code() {
        return unit.code();
    }

    public String name() {
        return unit.name();
    }

    public String kind() {
        return unit.kind();
    }

    public String fullName() {
        return unit.fullName();
    }

    public UnitLevel level() {
        return unit.level();
    }

    public LocalDate validFrom() {
        return unit.validFrom();
    }

    public LocalDate validTo() {
        return unit.validTo();
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
