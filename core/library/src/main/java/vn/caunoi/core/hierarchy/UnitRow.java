package vn.caunoi.core.hierarchy;

import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;

import java.time.LocalDate;

/** A unit as read from SQL, with the key it was read for when the query was batched. */
final class UnitRow {
    public Long keyId;
    public LocalDate keyDate;
    public Integer depth;
    public Long total;
    public Long parentId;
    public Long id;
    public String code;
    public String name;
    public String kind;
    public UnitLevel level;
    public LocalDate validFrom;
    public LocalDate validTo;

    /** Null when the row only carries a count (a page past the end). */
    public AdministrativeUnit unit() {
        return id == null ? null : new AdministrativeUnit(id, code, name, kind, level, validFrom, validTo);
    }
}
