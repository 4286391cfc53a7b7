package vn.caunoi.core.hierarchy;

import vn.caunoi.core.hierarchy.UnitLevel;

import java.time.LocalDate;

/** A unit to insert; {@link #id} is filled in by the insert. */
final class NewUnitRow {
    public Long id;
    public UnitLevel level;
    public String code;
    public String name;
    public String kind;
    public LocalDate validFrom;
    public String foldedName;
    public String foldedFull;
    public String exactName;
    public String exactFull;
}
