package vn.caunoi.core.hierarchy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One administrative unit with fixed attributes over its validity interval
 * [{@code validFrom}, {@code validTo}); {@code validTo} is null while it still exists.
 * A code names a unit only together with a date: codes are reused after mergers.
 */
public record AdministrativeUnit(long id, String code, String name, String kind, UnitLevel level,
                                 LocalDate validFrom, LocalDate validTo) {

    public AdministrativeUnit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    /** The name as written on official documents: "Xã Tân Hòa". */
    public String fullName() {
        return kind + " " + name;
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }

    /** The last day this unit existed, or {@code fallback} when it still exists. */
    public LocalDate lastDayOr(LocalDate fallback) {
        return validTo == null ? fallback : validTo.minusDays(1);
    }

    /**
     * A code as an error message may repeat it — "code 12622" — only when it has the shape of a unit
     * code (digits, a village's dotted suffix). Anything else, such as a citizen ID pasted into the
     * wrong box, becomes "this code": it must not be echoed into answers and logs.
     */
    public static String describeCode(String code) {
        String c = code == null ? "" : code.strip();
        return c.matches("[0-9]{1,5}(\\.[0-9]{1,4})?") ? "code " + c : "this code";
    }
}
