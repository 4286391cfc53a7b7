package vn.caunoi.api.graphql;

import vn.caunoi.core.common.InvalidInputException;

import java.time.LocalDate;

/**
 * The date of the map is spelled {@code asOf} everywhere; older arguments that said the same under
 * another name ({@code hierarchyAsOf}, {@code unitAsOf}, {@code scopeAsOf}) are deprecated and still
 * accepted. Given both, they must agree.
 */
public final class MapDates {

    private MapDates() {
    }

    /** {@code asOf}, else the deprecated argument; null when neither is given. */
    public static LocalDate asOf(LocalDate asOf, String deprecatedName, LocalDate deprecated) {
        if (asOf != null && deprecated != null && !asOf.equals(deprecated)) {
            throw new InvalidInputException("asOf", "CONFLICTING_DATES",
                    "asOf (" + asOf + ") and its deprecated spelling " + deprecatedName + " (" + deprecated + ") differ; give asOf only");
        }
        return asOf != null ? asOf : deprecated;
    }
}
