package vn.caunoi.core.hierarchy;

import vn.caunoi.core.common.PageRequest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A list of units: of a level, under an ancestor (by code), matching what someone typed, on a date.
 * Every filter but the date is optional.
 */
public record UnitQuery(UnitLevel level, String under, String search, LocalDate asOf, PageRequest page) {

    public UnitQuery {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(page, "page");
    }
}
