package vn.caunoi.core.store;

import vn.caunoi.core.hierarchy.UnitLevel;

import java.time.LocalDate;

/** The parameters of a unit search, already normalised by the service. */
public record UnitSearch(UnitLevel level, Long underId, LocalDate asOf, String exact, String folded,
                         String prefix, String wordPrefix, String codePrefix, int offset, int limit) {
}
