package vn.caunoi.core.hierarchy;

import vn.caunoi.core.hierarchy.UnitLevel;

import java.time.LocalDate;

/** The parameters of a unit search, already normalised by the service. */
record UnitSearch(UnitLevel level, Long underId, LocalDate asOf, String exact, String folded,
                         String prefix, String wordPrefix, String codePrefix, int offset, int limit) {

    UnitSearch slice(int offset, int limit) {
        return new UnitSearch(level, underId, asOf, exact, folded, prefix, wordPrefix, codePrefix, offset, limit);
    }
}
