package vn.caunoi.core.hierarchy;

import java.time.LocalDate;
import java.util.Objects;

/** A unit seen on a date: the key of every date-dependent association (parent, ancestors, children). */
public record UnitAt(long unitId, LocalDate date) {

    public UnitAt {
        Objects.requireNonNull(date, "date");
    }
}
