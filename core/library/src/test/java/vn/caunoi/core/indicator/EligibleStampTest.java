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
        assertThat(shareOuts()).as("the map changed: the share-out runs again").isGreaterThan(afterFigures);
    }
}
