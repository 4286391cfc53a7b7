package vn.caunoi.core.indicator;

import org.junit.jupiter.api.Test;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.RateQuery;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.caunoi.core.indicator.TinyProvince.MAP_2024;

/**
 * Eligible populations are computed once per area, year and service, and kept under the stamp of
 * the population figures and the map (migration V15): asked again, they are not read again; after
 * new figures or a change of the map, the next request computes them from the new data.
 */
class EligibleStampTest {

    private final TinyProvince province = new TinyProvince().withAdoption().withPopulation();

    private AdoptionRate rateOf(String commune) {
        return province.caunoi.rates().adoptionRates(Fixtures.SYSTEM, new RateQuery("10", UnitLevel.COMMUNE, "id", null,
                Period.parse("2024", LocalDate.of(2026, 1, 1)), MAP_2024)).stream()
                .filter(r -> r.unit().code().equals(commune)).findFirst().orElseThrow();
    }

    private long shareOuts() {
        return province.caunoi.statementsExecuted("eligible");
    }

    @Test
    void eligible_populations_are_computed_again_only_when_population_figures_or_the_map_change() throws Exception {
        long first = rateOf("10001").eligible();
        long computed = shareOuts();
        assertThat(computed).isPositive();

        // Asked again, by the same or another query of the same area: kept.
        assertThat(rateOf("10001").eligible()).isEqualTo(first);
        assertThat(shareOuts()).as("no share-out for the same area and data").isEqualTo(computed);

        // New figures for Xã An's adults: the next request reads them.
        province.importFile(ImportJob.Kind.POPULATION, """
                unit_code,year,age_from,age_to,persons,households
                10001,2024,18,,360,
                """, Map.of());
        assertThat(rateOf("10001").eligible()).as("60 more adults").isEqualTo(first + 60);
        long afterFigures = shareOuts();
        assertThat(afterFigures).isGreaterThan(computed);
        assertThat(rateOf("10001").eligible()).isEqualTo(first + 60);
        assertThat(shareOuts()).isEqualTo(afterFigures);

        // A change of the map (here a unit renamed by hand, as a fix in SQL would): computed again.
        try (Connection c = province.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("update admin_unit set name = name || ' ' where code = '10001'");
        }
        assertThat(rateOf("10001").eligible()).isEqualTo(first + 60);
        long afterMap = shareOuts();
        assertThat(afterMap).as("the map changed: the share-out runs again").isGreaterThan(afterFigures);

        // Also when ordinary triggers are off (a bulk fix in replica mode): the stamp's still fire.
        try (Connection c = province.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("set session_replication_role = replica");
            st.executeUpdate("update population set persons = 400 where year = 2024 and age_from = 18 and unit_id = "
                    + "(select id from admin_unit where code = '10001')");
        }
        assertThat(rateOf("10001").eligible()).as("400 adults now").isEqualTo(first + 100);
        assertThat(shareOuts()).isGreaterThan(afterMap);
    }

    private static Rollup.Figures figures(int units) {
        Map<Long, Long> value = new java.util.HashMap<>();
        for (long u = 0; u < units; u++) {
            value.put(u, 1L);
        }
        return new Rollup.Figures(value, Map.of());
    }

    private static EligibleFigures.Key key(long stamp, long root) {
        return new EligibleFigures.Key(stamp, root, MAP_2024, 2024, null);
    }

    @Test
    void figures_are_kept_only_when_the_transaction_wrote_nothing_and_only_under_the_newest_stamp_within_a_bound() {
        EligibleFigures kept = new EligibleFigures();
        int[] computed = {0};
        java.util.function.Supplier<Rollup.Figures> compute = () -> {
            computed[0]++;
            return figures(10);
        };
        // A transaction that wrote: what it computed may be uncommitted, so it is not kept.
        kept.get(key(5, 1), compute, () -> false);
        kept.get(key(5, 1), compute, () -> true);
        kept.get(key(5, 1), compute, () -> true);
        assertThat(computed[0]).isEqualTo(2);
        // A newer stamp: everything older goes; a late result under an older stamp is not kept.
        kept.get(key(6, 1), compute, () -> true);
        assertThat(kept.get(key(5, 1))).isNull();
        kept.get(key(5, 2), compute, () -> true);
        assertThat(kept.get(key(5, 2))).isNull();
        assertThat(kept.units()).isEqualTo(10);
        // Bounded by units: the least recently used go first.
        EligibleFigures bounded = new EligibleFigures();
        int area = EligibleFigures.MAX_UNITS / 4;
        for (long root = 1; root <= 5; root++) {
            bounded.get(key(1, root), () -> figures(area), () -> true);
        }
        assertThat(bounded.units()).isLessThanOrEqualTo(EligibleFigures.MAX_UNITS);
        assertThat(bounded.get(key(1, 1))).as("the eldest went").isNull();
        assertThat(bounded.get(key(1, 5))).isNotNull();
    }
}
