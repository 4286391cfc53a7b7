package vn.caunoi.core.indicator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.store.Database;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static vn.caunoi.core.indicator.TinyProvince.C1;
import static vn.caunoi.core.indicator.TinyProvince.C2;
import static vn.caunoi.core.indicator.TinyProvince.MAP_2024;
import static vn.caunoi.core.indicator.TinyProvince.MAP_2025;
import static vn.caunoi.core.indicator.TinyProvince.V1;
import static vn.caunoi.core.indicator.TinyProvince.V2;
import static vn.caunoi.core.indicator.TinyProvince.V3;

/**
 * The SQL of indicators on {@link TinyProvince}, whose residents, population figures and targets
 * are listed there with every figure worked out by hand: areas on a date, adopters from the monthly
 * levels and daily counts, the eligible population shared out over villages, targets.
 */
class IndicatorMapperTest {

    static TinyProvince province;
    static Database db;

    @BeforeAll
    static void theTinyProvince() {
        province = new TinyProvince().withAdoption().withPopulation().withTargets();
        db = new Database(province.dataSource);
        db.register(IndicatorMapper.class);
    }

    static <T> T sql(Function<IndicatorMapper, T> query) {
        return db.read(tx -> query.apply(tx.mapper(IndicatorMapper.class)));
    }

    static long unit(String code, LocalDate on) {
        return province.caunoi.hierarchy().unit(Fixtures.SYSTEM, code, on).orElseThrow().id();
    }

    /** Each unit of the area by code, with its parent's code. */
    static Map<String, String> parents(List<IndicatorRows.AreaRow> area) {
        Map<Long, String> codes = area.stream().collect(Collectors.toMap(r -> r.id, r -> r.code));
        return area.stream().collect(Collectors.toMap(r -> r.code, r -> r.parentId == null ? "-" : codes.get(r.parentId)));
    }

    static Long[] ids(List<IndicatorRows.AreaRow> area) {
        return area.stream().map(r -> r.id).toArray(Long[]::new);
    }

    static Long[] villages(List<IndicatorRows.AreaRow> area) {
        return area.stream().filter(r -> r.level == UnitLevel.VILLAGE).map(r -> r.id).toArray(Long[]::new);
    }

    /** The facts by the code of their unit in the area. */
    static Map<String, Long> byCode(List<IndicatorRows.FactRow> facts, List<IndicatorRows.AreaRow> area) {
        Map<Long, String> codes = area.stream().collect(Collectors.toMap(r -> r.id, r -> r.code));
        return facts.stream().collect(Collectors.toMap(f -> codes.get(f.unitId), f -> f.value));
    }

    @Test
    void area_is_a_unit_and_everything_under_it_on_the_date_each_with_its_parent_then() {
        // given the province before and after its reorganisation of 2025-07-01
        long tinh = unit("10", MAP_2024);

        // when
        List<IndicatorRows.AreaRow> in2024 = sql(m -> m.area(tinh, MAP_2024));
        List<IndicatorRows.AreaRow> in2025 = sql(m -> m.area(tinh, MAP_2025));
        List<IndicatorRows.AreaRow> ofXaAn = sql(m -> m.area(unit("10001", MAP_2024), MAP_2024));

        // then: the district is gone in 2025, Xã Cát Bắc kept Xã Cát's code and its villages
        assertThat(parents(in2024)).containsOnly(entry("10", "-"), entry("100", "10"), entry("10001", "100"), entry("10002", "100"),
                entry("10004", "100"), entry(V1, "10001"), entry(V2, "10001"), entry(V3, "10002"), entry(C1, "10004"), entry(C2, "10004"));
        assertThat(parents(in2025)).containsOnly(entry("10", "-"), entry("10003", "10"), entry("10004", "10"), entry("10005", "10"),
                entry(V1, "10003"), entry(V2, "10003"), entry(V3, "10003"), entry(C1, "10004"), entry(C2, "10004"));
        assertThat(parents(ofXaAn)).containsOnly(entry("10001", "-"), entry(V1, "10001"), entry(V2, "10001"));
    }

    @Test
    void adopters_at_the_end_of_each_date_add_the_monthly_level_and_the_days_of_a_partial_month_and_stop_at_the_horizon() {
        // given residents at LEVEL_2 or DOCUMENTS of "id" (TinyProvince.withAdoption); the last record is of 2025-09-02
        List<IndicatorRows.AreaRow> area = sql(m -> m.area(unit("10", MAP_2025), MAP_2025));
        String[] dates = {"2024-06-30", "2024-11-25", "2025-09-01", "2025-09-30", "2025-12-31"};

        // when
        List<IndicatorRows.FactRow> facts = sql(m -> m.adopters("id", new String[]{"LEVEL_2", "DOCUMENTS"}, dates, MAP_2025, ids(area),
                villages(area)));

        // then: R2's LEVEL_2 of 2024-11-20 counts on the 25th (a partial month); R5's of 2025-09-02 not on the 1st;
        // after the horizon (September 2025) nothing changes
        Map<Integer, Map<String, Long>> byDate = facts.stream().collect(Collectors.groupingBy(f -> f.dateIndex,
                Collectors.collectingAndThen(Collectors.toList(), list -> byCode(list, area))));
        assertThat(byDate).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(byDate.get(1)).containsOnly(entry(V1, 1L), entry(V3, 1L), entry(C1, 1L));
        assertThat(byDate.get(2)).containsOnly(entry(V1, 2L), entry(V3, 1L), entry(C1, 1L));
        assertThat(byDate.get(3)).containsOnly(entry(V1, 2L), entry(V3, 1L), entry(C1, 1L), entry(C2, 1L));
        assertThat(byDate.get(4)).containsOnly(entry(V1, 2L), entry(V3, 2L), entry(C1, 1L), entry(C2, 1L));
        assertThat(byDate.get(5)).isEqualTo(byDate.get(4));
    }

    @Test
    void eligible_persons_of_a_figure_are_shared_over_the_leaves_without_their_own_finer_figures_first_the_remainder_to_the_lowest_ids() {
        // given the figures of TinyProvince.withPopulation
        List<IndicatorRows.AreaRow> area2024 = sql(m -> m.area(unit("10", MAP_2024), MAP_2024));
        List<IndicatorRows.AreaRow> area2025 = sql(m -> m.area(unit("10", MAP_2025), MAP_2025));

        // when
        List<IndicatorRows.FactRow> persons2024 = sql(m -> m.eligible(2024, LocalDate.of(2024, 7, 1), MAP_2024, ids(area2024), "PERSON",
                14, null));
        List<IndicatorRows.FactRow> persons2025 = sql(m -> m.eligible(2025, LocalDate.of(2025, 7, 1), MAP_2025, ids(area2025), "PERSON",
                14, null));
        List<IndicatorRows.FactRow> households2024 = sql(m -> m.eligible(2024, LocalDate.of(2024, 7, 1), MAP_2024, ids(area2024),
                "HOUSEHOLD", 0, null));
        List<Integer> yearsUpTo2025 = sql(m -> m.populationYears(2025));
        List<Integer> yearsUpTo2024 = sql(m -> m.populationYears(2024));

        // then: Xã An's 340 (14 and older) less Thôn Đông's own 120; a fifteenth of Phường Bình's band 0–14;
        // Xã An Bình's 800 in three; Xã Cát Nam, with no village, its own leaf
        assertThat(byCode(persons2024, area2024)).containsOnly(entry(V1, 120L), entry(V2, 220L), entry(V3, 260L), entry(C1, 350L),
                entry(C2, 350L));
        assertThat(byCode(persons2025, area2025)).containsOnly(entry(V1, 267L), entry(V2, 267L), entry(V3, 266L), entry("10005", 400L));
        assertThat(byCode(households2024, area2024)).containsOnly(entry(C1, 150L), entry(C2, 150L));
        assertThat(yearsUpTo2025).containsExactly(2025, 2024);
        assertThat(yearsUpTo2024).containsExactly(2024);
    }

    @Test
    void targets_of_units_are_read_by_unit_then_service_stage_and_due_date() {
        // given the targets of TinyProvince.withTargets: the province 50 % by 2025-12-31, Xã An 60 % by 2024-12-31 and 90 % by 2025-12-31
        long tinh = unit("10", MAP_2024);
        long xaAn = unit("10001", MAP_2024);
        Long[] units = {xaAn, unit("10002", MAP_2024), tinh};

        // when
        List<IndicatorRows.TargetRow> level2 = sql(m -> m.targetsOf(units, "id", "LEVEL_2"));
        List<IndicatorRows.TargetRow> documents = sql(m -> m.targetsOf(units, "id", "DOCUMENTS"));
        List<IndicatorRows.TargetRow> ofXaAn = sql(m -> m.targetsOf(new Long[]{xaAn}, null, null));

        // then
        assertThat(level2).extracting(t -> t.unitId, t -> t.dueOn, t -> t.rate.doubleValue(), t -> t.basis).containsExactly(
                tuple(tinh, LocalDate.of(2025, 12, 31), 0.5, "Nghị quyết 01/NQ-TU"),
                tuple(xaAn, LocalDate.of(2024, 12, 31), 0.6, "Kế hoạch 12/KH-UBND"),
                tuple(xaAn, LocalDate.of(2025, 12, 31), 0.9, "Kế hoạch 12/KH-UBND"));
        assertThat(documents).isEmpty();
        assertThat(ofXaAn).extracting(t -> t.serviceCode, t -> t.stageCode, t -> t.dueOn).containsExactly(
                tuple("id", "LEVEL_2", LocalDate.of(2024, 12, 31)), tuple("id", "LEVEL_2", LocalDate.of(2025, 12, 31)));
    }

    @Test
    void a_target_set_again_for_the_same_unit_stage_and_due_date_keeps_its_id_and_takes_the_new_rate() {
        Fixtures.rolledBack(db, tx -> {
            // given
            IndicatorMapper m = tx.mapper(IndicatorMapper.class);
            long thuong = unit(C1, MAP_2024);
            long first = m.upsertTarget(thuong, "id", "LEVEL_2", LocalDate.of(2025, 12, 31), new BigDecimal("0.7"), "Kế hoạch 3", "officer-1");

            // when
            long again = m.upsertTarget(thuong, "id", "LEVEL_2", LocalDate.of(2025, 12, 31), new BigDecimal("0.75"), "Kế hoạch 4", "officer-2");
            long another = m.upsertTarget(thuong, "id", "LEVEL_2", LocalDate.of(2026, 12, 31), new BigDecimal("0.8"), null, "officer-2");

            // then
            assertThat(again).isEqualTo(first);
            assertThat(another).isNotEqualTo(first);
            IndicatorRows.TargetRow read = m.target(first);
            assertThat(read.rate).isEqualByComparingTo("0.75");
            assertThat(read.basis).isEqualTo("Kế hoạch 4");
            assertThat(read.setBy).isEqualTo("officer-2");
            assertThat(m.targetsByIds(new Long[]{first, another})).extracting(t -> t.id, t -> t.dueOn).containsExactlyInAnyOrder(
                    tuple(first, LocalDate.of(2025, 12, 31)), tuple(another, LocalDate.of(2026, 12, 31)));
        });
    }
}
