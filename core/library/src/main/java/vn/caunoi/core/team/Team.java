package vn.caunoi.core.team;

import vn.caunoi.core.hierarchy.UnitLevel;

import java.time.LocalDate;

/**
 * A community digital technology team (tổ công nghệ số cộng đồng) of a commune or a village.
 * {@code unitId} is the unit it was established in; when that unit merges, the team follows it to
 * its successor on the map of any later date. {@code status} is its status on the date it was read for.
 */
public record Team(long id, long unitId, UnitLevel level, String name, LocalDate establishedOn, LocalDate dissolvedOn,
                   TeamStatus status) {
}
