package vn.caunoi.core.hierarchy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.store.Database;
import vn.caunoi.testkit.TestDatabases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The SQL of the hierarchy on the real reference map (Hưng Yên and Thái Bình, 2024-05-01 to the
 * reform of 2025-07-01). Every expected value is read off the reference files: Xã Quỳnh Bảo (12556,
 * Huyện Quỳnh Phụ 338, Thái Bình) went into Xã Trang Bảo Xá (12577) on 2024-11-01 with Xã Quỳnh Xá
 * (12568) and Xã Quỳnh Trang (12577); Trang Bảo Xá went into Xã Quỳnh An (12577) on 2025-07-01 with
 * Xã An Vinh (12565) and Xã Đông Hải (12574), when districts ended and Thái Bình joined Hưng Yên (33).
 */
class HierarchyMapperTest {

    static final LocalDate JUNE_2024 = LocalDate.of(2024, 6, 1);
    static final LocalDate NOVEMBER_2024 = LocalDate.of(2024, 11, 1);
    static final LocalDate JANUARY_2025 = LocalDate.of(2025, 1, 1);
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final LocalDate AUGUST_2025 = LocalDate.of(2025, 8, 1);

    static javax.sql.DataSource data;
    static Database db;
    static long quynhBao;
    static long quynhXa;
    static long quynhTrang;
    static long trangBaoXa;
    static long anVinh;
    static long dongHai;
    static long quynhAn;
    static long quynhPhu;

    @BeforeAll
    static void theReferenceMap() {
        data = TestDatabases.freshDatabase();
        db = new Database(data);
        ReferenceUnits.importAll(new HierarchyImporter(db), Actor.system());
        quynhBao = id("12556", JUNE_2024);
        quynhXa = id("12568", JUNE_2024);
        quynhTrang = id("12577", JUNE_2024);
        trangBaoXa = id("12577", JANUARY_2025);
        anVinh = id("12565", JANUARY_2025);
        dongHai = id("12574", JANUARY_2025);
        quynhAn = id("12577", AUGUST_2025);
        quynhPhu = id("338", JUNE_2024);
    }

    static <T> T sql(Function<HierarchyMapper, T> query) {
        return db.read(tx -> query.apply(tx.mapper(HierarchyMapper.class)));
    }

    static long id(String code, LocalDate on) {
        return sql(m -> m.findByCode(code, on)).id;
    }

    static Long[] ids(long... ids) {
        return Arrays.stream(ids).boxed().toArray(Long[]::new);
    }

    static String[] dates(LocalDate... dates) {
        return Arrays.stream(dates).map(LocalDate::toString).toArray(String[]::new);
    }

    @Test
    void the_three_units_that_had_code_12577_are_three_rows_each_valid_in_its_own_interval() {
        // given the map imported above

        // when
        List<UnitRow> rows = List.of(sql(m -> m.findByCode("12577", JUNE_2024)), sql(m -> m.findByCode("12577", JANUARY_2025)),
                sql(m -> m.findByCode("12577", AUGUST_2025)));

        // then
        assertThat(rows).extracting(r -> r.name, r -> r.level, r -> r.validFrom, r -> r.validTo).containsExactly(
                tuple("Quỳnh Trang", UnitLevel.COMMUNE, ReferenceUnits.FIRST_LIST, NOVEMBER_2024),
                tuple("Trang Bảo Xá", UnitLevel.COMMUNE, NOVEMBER_2024, REFORM),
                tuple("Quỳnh An", UnitLevel.COMMUNE, REFORM, null));
    }

    @Test
    void placed_at_answers_a_unit_itself_while_it_exists_its_successor_after_it_ended_and_its_predecessor_before_it_began() {
        // given Quỳnh Bảo (ended 2024-11-01) and Quỳnh An (from 2025-07-01), each asked on several dates
        Long[] units = ids(quynhBao, quynhBao, quynhBao, quynhAn, quynhAn, quynhBao);
        String[] on = dates(JUNE_2024, JANUARY_2025, AUGUST_2025, JANUARY_2025, JUNE_2024, LocalDate.of(2024, 1, 1));

        // when
        List<UnitRow> placed = sql(m -> m.placedAt(units, on));

        // then: the successor through one merger and through two; the predecessor that had the same
        // code, through two; a date before the first list has no place on the map at all
        assertThat(placed).extracting(r -> r.keyId, r -> r.keyDate, r -> r.id).containsExactlyInAnyOrder(
                tuple(quynhBao, JUNE_2024, quynhBao),
                tuple(quynhBao, JANUARY_2025, trangBaoXa),
                tuple(quynhBao, AUGUST_2025, quynhAn),
                tuple(quynhAn, JANUARY_2025, trangBaoXa),
                tuple(quynhAn, JUNE_2024, quynhTrang));
    }

    @Test
    void parents_at_answers_the_district_before_the_reform_the_province_after_it_and_nothing_for_a_unit_that_has_ended() {
        // given
        Long[] units = ids(quynhBao, trangBaoXa, quynhAn, trangBaoXa);
        String[] on = dates(JUNE_2024, JANUARY_2025, AUGUST_2025, AUGUST_2025);

        // when
        List<UnitRow> parents = sql(m -> m.parentsAt(units, on));

        // then: Thái Bình's communes are under Hưng Yên (33, which went on and took Thái Bình in) after the reform
        assertThat(parents).extracting(r -> r.keyId, r -> r.keyDate, r -> r.code, r -> r.level).containsExactlyInAnyOrder(
                tuple(quynhBao, JUNE_2024, "338", UnitLevel.DISTRICT),
                tuple(trangBaoXa, JANUARY_2025, "338", UnitLevel.DISTRICT),
                tuple(quynhAn, AUGUST_2025, "33", UnitLevel.PROVINCE));
    }

    @Test
    void children_at_pages_each_parent_on_its_own_date_and_tells_the_total_even_past_the_last_page() {
        // given Huyện Quỳnh Phụ: 37 communes in the first list, 35 after the mergers of 2024-11-01
        Long[] keys = ids(quynhPhu, quynhPhu);
        String[] on = dates(JUNE_2024, JANUARY_2025);

        // when
        List<UnitRow> firstPage = sql(m -> m.childrenAt(keys, on, UnitLevel.COMMUNE, 0, 3, true));
        List<UnitRow> pastTheEnd = sql(m -> m.childrenAt(keys, on, null, 40, 3, true));
        List<UnitRow> uncounted = sql(m -> m.childrenAt(keys, on, UnitLevel.COMMUNE, 0, 3, false));

        // then
        assertThat(firstPage).extracting(r -> r.keyDate, r -> r.total, r -> r.code).containsExactly(
                tuple(JUNE_2024, 37L, "12472"), tuple(JUNE_2024, 37L, "12475"), tuple(JUNE_2024, 37L, "12478"),
                tuple(JANUARY_2025, 35L, "12472"), tuple(JANUARY_2025, 35L, "12475"), tuple(JANUARY_2025, 35L, "12478"));
        assertThat(pastTheEnd).extracting(r -> r.keyDate, r -> r.total, UnitRow::unit).containsExactly(
                tuple(JUNE_2024, 37L, null), tuple(JANUARY_2025, 35L, null));
        // and without the total, the same page, not counted
        assertThat(uncounted).extracting(r -> r.keyDate, r -> r.total, r -> r.code).containsExactly(
                tuple(JUNE_2024, -1L, "12472"), tuple(JUNE_2024, -1L, "12475"), tuple(JUNE_2024, -1L, "12478"),
                tuple(JANUARY_2025, -1L, "12472"), tuple(JANUARY_2025, -1L, "12475"), tuple(JANUARY_2025, -1L, "12478"));
    }

    @Test
    void changes_under_a_code_are_the_links_into_every_unit_that_had_it_paged_by_date_event_and_link() {
        // given the two mergers into a unit with code 12577: three links each
        LocalDate from = LocalDate.of(1945, 9, 2);
        LocalDate to = LocalDate.of(9999, 12, 31);

        // when
        long total = sql(m -> m.countChanges("12577", from, to));
        List<ChangeRow> first = sql(m -> m.changes("12577", from, to, 0, 4));
        List<ChangeRow> second = sql(m -> m.changes("12577", from, to, 4, 4));

        // then
        assertThat(total).isEqualTo(6);
        assertThat(first).hasSize(4);
        assertThat(second).hasSize(2);
        List<ChangeRow> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).extracting(c -> c.effectiveDate, c -> c.changeType, c -> c.toUnitId, c -> c.fromUnitId)
                .containsExactlyInAnyOrder(
                        tuple(NOVEMBER_2024, ChangeType.MERGED, trangBaoXa, quynhBao),
                        tuple(NOVEMBER_2024, ChangeType.MERGED, trangBaoXa, quynhXa),
                        tuple(NOVEMBER_2024, ChangeType.MERGED, trangBaoXa, quynhTrang),
                        tuple(REFORM, ChangeType.MERGED, quynhAn, anVinh),
                        tuple(REFORM, ChangeType.MERGED, quynhAn, dongHai),
                        tuple(REFORM, ChangeType.MERGED, quynhAn, trangBaoXa));
        assertThat(all).extracting(c -> c.effectiveDate).isSorted();
        assertThat(first.subList(0, 3)).extracting(c -> c.eventId).containsOnly(first.get(0).eventId);
        assertThat(all.subList(3, 6)).extracting(c -> c.eventId).containsOnly(all.get(3).eventId);
        assertThat(all.subList(0, 3)).extracting(c -> c.id).isSorted();
        assertThat(all.subList(3, 6)).extracting(c -> c.id).isSorted();
    }

    @Test
    void changes_between_two_dates_include_both_of_them() {
        // given the mergers into 12577 on 2024-11-01 and 2025-07-01

        // when
        long onTheReformDay = sql(m -> m.countChanges("12577", REFORM, REFORM));
        long between = sql(m -> m.countChanges("12577", NOVEMBER_2024.plusDays(1), REFORM.minusDays(1)));
        List<ChangeRow> fromTheFirst = sql(m -> m.changes("12577", NOVEMBER_2024, REFORM.minusDays(1), 0, 10));

        // then
        assertThat(onTheReformDay).isEqualTo(3);
        assertThat(between).isZero();
        assertThat(fromTheFirst).extracting(c -> c.toUnitId).containsExactly(trangBaoXa, trangBaoXa, trangBaoXa);
    }

    @Test
    void the_closure_and_the_placements_are_analysed_when_an_import_rebuilds_them() throws java.sql.SQLException {
        // given the map imported above (the migration analysed both tables while they were empty)

        // then the planner knows their size at once, not at autovacuum's next pass
        try (var c = data.getConnection(); var st = c.createStatement(); var rs = st.executeQuery("""
                select (select reltuples from pg_class where relname = 'admin_unit_closure'), (select count(*) from admin_unit_closure),
                       (select reltuples from pg_class where relname = 'admin_unit_placement'), (select count(*) from admin_unit_placement)""")) {
            rs.next();
            assertThat(rs.getLong(2)).isPositive();
            assertThat(rs.getLong(1)).as("closure rows the planner counts").isEqualTo(rs.getLong(2));
            assertThat(rs.getLong(4)).isPositive();
            assertThat(rs.getLong(3)).as("placement rows the planner counts").isEqualTo(rs.getLong(4));
        }
    }
}
