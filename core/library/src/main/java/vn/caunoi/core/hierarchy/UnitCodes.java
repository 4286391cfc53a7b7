package vn.caunoi.core.hierarchy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Units by code, each code with the units that held it over time: answers "which unit had this
 * code on that date" in memory, row after row of a bulk import.
 */
public final class UnitCodes {

    private record Held(long unitId, LocalDate from, LocalDate to) {
        boolean on(LocalDate date) {
            return !date.isBefore(from) && (to == null || date.isBefore(to));
        }
    }

    private final Map<String, List<Held>> byCode = new HashMap<>();

    UnitCodes(List<UnitRow> rows) {
        rows.forEach(r -> byCode.computeIfAbsent(r.code, k -> new ArrayList<>(1)).add(new Held(r.id, r.validFrom, r.validTo)));
    }

    /** The unit that had {@code code} on the first of {@code dates} on which one had it, or null. */
    public Long unitOn(String code, LocalDate... dates) {
        List<Held> held = byCode.getOrDefault(code, List.of());
        for (LocalDate on : dates) {
            for (Held h : held) {
                if (h.on(on)) {
                    return h.unitId();
                }
            }
        }
        return null;
    }
}
