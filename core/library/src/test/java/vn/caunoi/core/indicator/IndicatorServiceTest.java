package vn.caunoi.core.indicator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.Flag;
import vn.caunoi.core.indicator.Indicators.NewTarget;
import vn.caunoi.core.indicator.Indicators.RateQuery;
import vn.caunoi.core.indicator.Indicators.ScorecardQuery;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;
import vn.caunoi.core.indicator.Indicators.Thresholds;
import vn.caunoi.core.indicator.Indicators.TrendPoint;
import vn.caunoi.core.indicator.Indicators.TrendQuery;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vn.caunoi.core.indicator.TinyProvince.MAP_2024;
import static vn.caunoi.core.indicator.TinyProvince.MAP_2025;

/** Indicators of {@link TinyProvince}, every expected figure worked out by hand in its javadoc. */
class IndicatorServiceTest {

    static TinyProvince province;
    static vn.caunoi.core.CauNoi caunoi;

    @BeforeAll
    static void load() {
        province = new TinyProvince().withAdoption().withPopulation().withTargets().withTeams();
        caunoi = province.caunoi;
    }

    static Map<String, AdoptionRate> rates(String under, UnitLevel level, String stage, String period, LocalDate map) {
        return caunoi.rates().adoptionRates(Fixtures.SYSTEM, new RateQuery(under, level, "id", stage,
                        Period.parse(period, LocalDate.of(2026, 1, 1)), map)).stream()
                .collect(Collectors.toMap(r -> r.unit().code(), Function.identity()));
    }

    @Test
    void rates_of_2024_on_the_map_of_2024_count_each_commune_its_own_villages() {
        // given the records and figures of TinyProvince
        // when
        Map<String, AdoptionRate> r = rates("10", UnitLevel.COMMUNE, null, "2024", MAP_2024);
        // then
        assertThat(r).containsOnlyKeys("10001", "10002", "10004");
        AdoptionRate an = r.get("10001");
        assertThat(an.stage()).as("the service's adopted stage by default").isEqualTo("LEVEL_2");
        assertThat(an.adopters()).isEqualTo(2);
        assertThat(an.newAdopters()).isEqualTo(2);
        assertThat(an.eligible()).isEqualTo(340);
        assertThat(an.populationYear()).isEqualTo(2024);
        assertThat(an.rate()).isCloseTo(2 / 340.0, within(1e-12));
        assertThat(an.target().rate()).as("Xã An's own target due at the period's end").isEqualTo(0.6);
        assertThat(an.target().dueOn()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(an.gapToTarget()).isCloseTo(0.6 - 2 / 340.0, within(1e-12));
        assertThat(an.adoptersToTarget()).isEqualTo(204 - 2);
        assertThat(an.rank()).isEqualTo(1);

        AdoptionRate binh = r.get("10002");
        assertThat(binh.adopters()).isEqualTo(1);
        assertThat(binh.eligible()).as("10 of the 150 aged 0–14 are 14, plus 200 and 50").isEqualTo(260);
        assertThat(binh.target().rate()).as("the province's target").isEqualTo(0.5);
        assertThat(binh.target().basis()).isEqualTo("Nghị quyết 01/NQ-TU");
        assertThat(binh.adoptersToTarget()).isEqualTo(130 - 1);
        assertThat(binh.rank()).isEqualTo(2);

        AdoptionRate cat = r.get("10004");
        assertThat(cat.adopters()).isEqualTo(1);
        assertThat(cat.eligible()).as("the whole population: no age bands given").isEqualTo(700);
        assertThat(cat.rank()).isEqualTo(3);
    }

    @Test
    void a_parent_is_the_sum_of_its_children_and_a_coarser_figure_never_counts_people_twice() {
        Map<String, AdoptionRate> district = rates("10", UnitLevel.DISTRICT, null, "2024", MAP_2024);
        Map<String, AdoptionRate> whole = rates("10", UnitLevel.PROVINCE, null, "2024", MAP_2024);
        assertThat(district.get("100").adopters()).isEqualTo(4);
        assertThat(district.get("100").eligible()).isEqualTo(340 + 260 + 700);
        assertThat(whole.get("10").eligible()).as("the province's own 5000 is coarser than its communes' figures").isEqualTo(1300);
        Map<String, AdoptionRate> villages = rates("10001", UnitLevel.VILLAGE, null, "2024", MAP_2024);
        assertThat(villages.get(TinyProvince.V1).eligible()).as("its own figure").isEqualTo(120);
        assertThat(villages.get(TinyProvince.V2).eligible()).as("the commune's figure less its other village's").isEqualTo(220);
        assertThat(villages.get(TinyProvince.V1).adopters()).isEqualTo(2);
        assertThat(villages.get(TinyProvince.V2).adopters()).isZero();
    }

    @Test
    void figures_of_2024_follow_their_villages_onto_the_merged_communes_of_2025() {
        Map<String, AdoptionRate> r = rates("10", UnitLevel.COMMUNE, null, "2024", MAP_2025);
        assertThat(r).containsOnlyKeys("10003", "10004", "10005");
        assertThat(r.get("10003").adopters()).isEqualTo(3);
        assertThat(r.get("10003").eligible()).isEqualTo(340 + 260);
        assertThat(r.get("10004").unit().fullName()).isEqualTo("Xã Cát Bắc");
        assertThat(r.get("10004").adopters()).as("both villages of Xã Cát went to the part that kept its code").isEqualTo(1);
        assertThat(r.get("10004").eligible()).isEqualTo(700);
        assertThat(r.get("10005").adopters()).isZero();
        assertThat(r.get("10005").eligible()).as("no figure of 2024 covers the new commune").isNull();
        assertThat(r.get("10005").rate()).isNull();
        assertThat(r.get("10005").rank()).isNull();
    }

    @Test
    void a_quarter_of_2025_uses_the_figures_of_2025_where_there_are_some_else_the_latest_before_and_the_province_target() {
        Map<String, AdoptionRate> r = rates("10", UnitLevel.COMMUNE, null, "2025-Q3", MAP_2025);
        AdoptionRate anBinh = r.get("10003");
        assertThat(anBinh.adopters()).as("R1, R2, R4 (now at DOCUMENTS) and R5").isEqualTo(4);
        assertThat(anBinh.newAdopters()).as("R5").isEqualTo(1);
        assertThat(anBinh.eligible()).isEqualTo(800);
        assertThat(anBinh.populationYear()).isEqualTo(2025);
        assertThat(anBinh.rate()).isCloseTo(0.005, within(1e-12));
        assertThat(anBinh.target().rate()).as("Xã An's targets stay with Xã An").isEqualTo(0.5);
        assertThat(anBinh.gapToTarget()).isCloseTo(0.495, within(1e-12));
        assertThat(anBinh.adoptersToTarget()).isEqualTo(396);
        assertThat(anBinh.rank()).isEqualTo(1);
        assertThat(r.get("10004").adopters()).isEqualTo(2);
        assertThat(r.get("10004").newAdopters()).isEqualTo(1);
        assertThat(r.get("10004").eligible()).as("no figure of 2025 covers Xã Cát Bắc: its own of 2024").isEqualTo(700);
        assertThat(r.get("10004").populationYear()).isEqualTo(2024);
        assertThat(r.get("10004").rate()).isCloseTo(2 / 700.0, within(1e-12));
        assertThat(r.get("10004").gapToTarget()).as("the province's 50 %").isCloseTo(0.5 - 2 / 700.0, within(1e-12));
        assertThat(r.get("10004").adoptersToTarget()).isEqualTo(350 - 2);
        assertThat(r.get("10004").rank()).isEqualTo(2);
        assertThat(r.get("10005").eligible()).as("a commune without villages is its own leaf").isEqualTo(400);
        assertThat(r.get("10005").populationYear()).isEqualTo(2025);
        assertThat(r.get("10005").rate()).isEqualTo(0.0);
        assertThat(r.get("10005").gapToTarget()).isEqualTo(0.5);
        assertThat(r.get("10005").adoptersToTarget()).isEqualTo(200);
        assertThat(r.get("10005").rank()).isEqualTo(3);
        AdoptionRate province = rates("10", UnitLevel.PROVINCE, null, "2025-Q3", MAP_2025).get("10");
        assertThat(province.eligible()).as("the sum of its communes, each from its latest figures").isEqualTo(800 + 700 + 400);
        assertThat(province.populationYear()).isEqualTo(2024);
        assertThat(rates("10", UnitLevel.COMMUNE, "DOCUMENTS", "2025-Q3", MAP_2025).get("10003").adopters()).isEqualTo(1);
    }

    @Test
    void figures_of_2025_shared_out_over_the_villages_of_2025_fall_back_onto_the_communes_of_2024() {
        Map<String, AdoptionRate> r = rates("10", UnitLevel.COMMUNE, null, "2025", MAP_2024);
        assertThat(r.get("10001").adopters()).isEqualTo(2);
        assertThat(r.get("10002").adopters()).isEqualTo(2);
        assertThat(r.get("10004").adopters()).isEqualTo(2);
        assertThat(r.get("10001").eligible()).as("two of An Bình's three villages: 267 + 267").isEqualTo(534);
        assertThat(r.get("10002").eligible()).as("266: largest remainders go to the lower ids").isEqualTo(266);
        assertThat(r.get("10004").eligible()).as("Xã Cát Nam's figure, placed on its predecessor").isEqualTo(400);
        assertThat(r.get("10001").target().rate()).as("Xã An's target due at the end of 2025").isEqualTo(0.9);
    }

    @Test
    void an_officer_sees_in_full_only_the_figures_of_dates_when_the_villages_were_hers() {
        Actor anBinh = officerOf("10003", MAP_2025);
        Actor an = officerOf("10001", MAP_2024);
        java.util.function.BiFunction<Actor, RateQuery, AdoptionRate> one = (actor, q) -> caunoi.rates().adoptionRates(actor, q).get(0);
        AdoptionRate now = one.apply(anBinh, new RateQuery("10003", UnitLevel.COMMUNE, "id", null, Period.parse("2025-Q3", LocalDate.of(2026, 1, 1)), MAP_2025));
        assertThat(now.suppressed()).isFalse();
        assertThat(now.adopters()).isEqualTo(4);
        assertThat(now.newAdopters()).isEqualTo(1);
        AdoptionRate before = one.apply(anBinh, new RateQuery("10003", UnitLevel.COMMUNE, "id", null, Period.parse("2024", LocalDate.of(2026, 1, 1)), MAP_2025));
        assertThat(before.suppressed()).as("in 2024 its villages were Xã An's and Phường Bình's").isTrue();
        assertThat(before.adopters()).isNull();
        AdoptionRate year = one.apply(anBinh, new RateQuery("10003", UnitLevel.COMMUNE, "id", null, Period.parse("2025", LocalDate.of(2026, 1, 1)), MAP_2025));
        assertThat(year.suppressed()).as("the stock at the end of 2025 is hers").isFalse();
        assertThat(year.adopters()).isEqualTo(rates("10", UnitLevel.COMMUNE, null, "2025", MAP_2025).get("10003").adopters());
        assertThat(year.newAdopters()).as("the change since January is not: the villages were hers from July").isNull();
        AdoptionRate own = one.apply(an, new RateQuery("10001", UnitLevel.COMMUNE, "id", null, Period.parse("2024", LocalDate.of(2026, 1, 1)), MAP_2024));
        assertThat(own.suppressed()).isFalse();
        assertThat(own.adopters()).isEqualTo(rates("10", UnitLevel.COMMUNE, null, "2024", MAP_2024).get("10001").adopters());
        AdoptionRate later = one.apply(an, new RateQuery("10001", UnitLevel.COMMUNE, "id", null, Period.parse("2025-Q3", LocalDate.of(2026, 1, 1)), MAP_2024));
        assertThat(later.suppressed()).as("from 2025-07-01 its villages are Xã An Bình's").isTrue();
    }

    static Actor officerOf(String code, LocalDate on) {
        long id = province.caunoi.hierarchy().requireUnit(Fixtures.SYSTEM, "unit", code, on).id();
        return Actor.user("officer-" + code, vn.caunoi.core.common.Role.COMMUNE_OFFICER, false, java.util.Set.of(id), null);
    }

    @Test
    void up_to_a_date_reads_the_days_of_its_month() {
        assertThat(rates("10", UnitLevel.COMMUNE, null, "2024-06-04", MAP_2024).get("10001").adopters()).isZero();
        Map<String, AdoptionRate> r = rates("10", UnitLevel.COMMUNE, null, "2024-06-05", MAP_2024);
        assertThat(r.get("10001").adopters()).isEqualTo(1);
        assertThat(r.get("10001").newAdopters()).as("no start: nothing to grow from").isNull();
        assertThat(r.get("10004").adopters()).isEqualTo(1);
        assertThat(rates("10", UnitLevel.COMMUNE, null, "2024-06-05/2024-11-20", MAP_2024).get("10001").newAdopters())
                .as("R1 on the first day, R2 on the last").isEqualTo(2);
    }

    @Test
    void a_trend_by_month_shows_the_stock_at_each_end_and_the_change_over_each_month() {
        List<TrendPoint> points = caunoi.trends().adoptionTrend(Fixtures.SYSTEM, new TrendQuery("10001", "id", null,
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), Interval.MONTH, MAP_2024));
        assertThat(points).hasSize(12);
        assertThat(points.stream().map(p -> p.period().label()).toList()).startsWith("2024-01", "2024-02").endsWith("2024-12");
        assertThat(points.stream().map(TrendPoint::adopters).toList()).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L, 2L, 2L);
        assertThat(points.stream().map(TrendPoint::newAdopters).toList()).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 1L, 0L);
        assertThat(points).allSatisfy(p -> {
            assertThat(p.eligible()).isEqualTo(340);
            assertThat(p.target().rate()).isEqualTo(0.6);
        });
    }

    @Test
    void a_trend_by_quarter_across_the_merger_takes_each_year_s_figures() {
        List<TrendPoint> points = caunoi.trends().adoptionTrend(Fixtures.SYSTEM, new TrendQuery("10", "id", null,
                LocalDate.of(2024, 2, 10), LocalDate.of(2025, 9, 30), Interval.QUARTER, MAP_2025));
        assertThat(points.stream().map(p -> p.period().label()).toList())
                .containsExactly("2024-02-10/2024-03-31", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3");
        assertThat(points.stream().map(TrendPoint::adopters).toList()).containsExactly(1L, 3L, 3L, 4L, 4L, 4L, 6L);
        assertThat(points.stream().map(TrendPoint::eligible).toList())
                .as("2025: Xã An Bình 800 and Xã Cát Nam 400 of 2025, Xã Cát Bắc 700 of 2024")
                .containsExactly(1300L, 1300L, 1300L, 1300L, 1900L, 1900L, 1900L);
        assertThat(points.get(6).populationYear()).as("the oldest figures in it").isEqualTo(2024);
        assertThat(points.get(0).newAdopters()).as("R4 on 2024-02-15, after the trend's first day").isEqualTo(1);
    }

    @Test
    void bad_questions_are_refused_naming_the_field() {
        assertThatThrownBy(() -> rates("10001", UnitLevel.DISTRICT, null, "2024", MAP_2024))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("groupBy");
                    assertThat(e.reason()).isEqualTo("ABOVE_UNDER");
                });
        assertThatThrownBy(() -> rates("10001", UnitLevel.COMMUNE, "NOPE", "2024", MAP_2024))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("stage"));
        assertThatThrownBy(() -> rates("034092000005", UnitLevel.COMMUNE, null, "2024", MAP_2024))
                .as("a citizen ID in the wrong box is not repeated")
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo("UNKNOWN_UNIT");
                    assertThat(e.getMessage()).doesNotContain("034092000005").contains("this code");
                });
        assertThatThrownBy(() -> rates("10003", UnitLevel.COMMUNE, null, "2024", MAP_2024))
                .as("10003 does not exist on the map of 2024")
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("UNKNOWN_UNIT"));
        assertThatThrownBy(() -> caunoi.rates().adoptionRates(Fixtures.SYSTEM, new RateQuery("10", UnitLevel.COMMUNE, "nope", null,
                Period.upTo(MAP_2024), MAP_2024)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("UNKNOWN_SERVICE"));
        assertThatThrownBy(() -> caunoi.trends().adoptionTrend(Fixtures.SYSTEM, new TrendQuery("10", "id", null,
                LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1), Interval.DAY, MAP_2025)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("TOO_MANY_POINTS"));
        assertThatThrownBy(() -> caunoi.trends().adoptionTrend(Fixtures.SYSTEM, new TrendQuery("10", "id", null,
                LocalDate.of(2024, 1, 1), LocalDate.of(3000, 1, 1), Interval.YEAR, MAP_2025)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("to");
                    assertThat(e.reason()).isEqualTo("OUT_OF_RANGE");
                });
        for (double tiny : new double[]{1e-7, 0.0, -0.5, 1.5}) {
            assertThatThrownBy(() -> caunoi.targets().setTarget(Fixtures.SYSTEM, new NewTarget("10001", MAP_2024, "id", null,
                    LocalDate.of(2025, 12, 31), tiny, null)))
                    .as("rate %s", tiny)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("rate");
                        assertThat(e.reason()).isEqualTo("OUT_OF_RANGE");
                    });
        }
    }

    @Test
    void a_cursor_far_past_the_end_gives_an_empty_page() {
        TeamScorecards.Scorecards far = caunoi.scorecards().teamScorecards(Fixtures.SYSTEM, new ScorecardQuery("10",
                Period.parse("2024-Q2", MAP_2024), false, null, null), new PageRequest(Integer.MAX_VALUE - 10, 50));
        assertThat(far.page().items()).isEmpty();
        assertThat(far.page().totalCount()).isPositive();
    }

    @Test
    void a_period_still_running_is_measured_over_the_days_lived_so_far() {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        TeamScorecards.Scorecards year = caunoi.scorecards().teamScorecards(Fixtures.SYSTEM, new ScorecardQuery("10",
                Period.parse(String.valueOf(today.getYear()), today), false, null, null), new PageRequest(0, 50));
        assertThat(year.page().items()).isNotEmpty();
        for (var card : year.page().items()) {
            LocalDate first = card.activeFrom().isAfter(LocalDate.of(today.getYear(), 1, 1)) ? card.activeFrom() : LocalDate.of(today.getYear(), 1, 1);
            long days = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(first, today) + 1);
            assertThat(card.months()).as("%s", card.team().name()).isCloseTo(days / (365.2425 / 12), within(1e-9));
        }
    }

    @Test
    void scorecards_of_a_quarter_flag_the_teams_whose_figures_fall_below_the_thresholds_with_the_reasons() {
        TeamScorecards.Scorecards result = caunoi.scorecards().teamScorecards(Fixtures.SYSTEM, new ScorecardQuery("10",
                Period.parse("2024-Q2", MAP_2024), false, null, new Thresholds(2.0, 0.5, 0.6, 0.5, 3)), new PageRequest(0, 50));
        List<TeamScorecard> cards = result.page().items();
        assertThat(cards).extracting(c -> c.team().id()).as("most flags first").containsExactly(province.teamB, province.teamA);
        assertThat(result.flaggedCount()).isEqualTo(2);

        TeamScorecard b = cards.get(0);
        assertThat(b.members()).isEqualTo(2);
        assertThat(b.supportActivities()).as("July's activity is outside the quarter").isEqualTo(1);
        assertThat(b.residentsHelped()).isEqualTo(5);
        assertThat(b.activeMembers()).isEqualTo(1);
        assertThat(b.trainedMembers()).isEqualTo(1);
        assertThat(b.months()).isCloseTo(91 / (365.2425 / 12), within(1e-9));
        assertThat(b.activitiesPerMemberPerMonth()).isCloseTo(1 / 2.0 / (91 / (365.2425 / 12)), within(1e-9));
        assertThat(b.areaNewAdopters()).isZero();
        assertThat(b.areaPopulation()).as("the whole population of Phường Bình, its only village's").isEqualTo(400);
        assertThat(b.areaGrowthPerThousand()).isEqualTo(0.0);
        assertThat(b.flags()).extracting(Flag::code)
                .containsExactly("TOO_FEW_MEMBERS", "LOW_ACTIVITY", "UNTRAINED_MEMBERS", "SLOW_GROWTH");
        assertThat(b.flags().get(2).value()).isEqualTo(0.5);
        assertThat(b.flags().get(2).threshold()).isEqualTo(0.6);
        assertThat(b.flags().get(2).message().vi()).isEqualTo("50% thành viên đã được tập huấn, dưới mức 60%");

        TeamScorecard a = cards.get(1);
        assertThat(a.members()).isEqualTo(4);
        assertThat(a.supportActivities()).isEqualTo(6);
        assertThat(a.residentsHelped()).isEqualTo(12);
        assertThat(a.adoptionsRecorded()).isEqualTo(1);
        assertThat(a.activeMembers()).as("M1 and M2 by activities, M4 by a record").isEqualTo(3);
        assertThat(a.activeMemberShare()).isEqualTo(0.75);
        assertThat(a.trainedMembers()).isEqualTo(3);
        assertThat(a.trainingAttendances()).as("M1 on 2024-05-10").isEqualTo(1);
        assertThat(a.areaNewAdopters()).as("R1").isEqualTo(1);
        assertThat(a.areaPopulation()).isEqualTo(440);
        assertThat(a.areaGrowthPerThousand()).isCloseTo(1000.0 / 440, within(1e-9));
        assertThat(a.provinceGrowthPerThousand()).as("R1 and R6 over 1540").isCloseTo(2000.0 / 1540, within(1e-9));
        assertThat(a.growthVsProvince()).isCloseTo((1000.0 / 440) / (2000.0 / 1540), within(1e-9));
        assertThat(a.flags()).extracting(Flag::code).containsExactly("LOW_ACTIVITY");

        TeamScorecards.Scorecards lenient = caunoi.scorecards().teamScorecards(Fixtures.SYSTEM, new ScorecardQuery("10",
                Period.parse("2024-Q2", MAP_2024), true, null, new Thresholds(0.1, 0.5, 0.5, 0.5, 2)), new PageRequest(0, 50));
        assertThat(lenient.page().items()).extracting(c -> c.team().id()).containsExactly(province.teamB);
        assertThat(lenient.page().items().get(0).flags()).extracting(Flag::code).containsExactly("SLOW_GROWTH");
    }

    @Test
    void scorecards_page_through_the_teams() {
        TeamScorecards.Scorecards first = caunoi.scorecards().teamScorecards(Fixtures.SYSTEM, new ScorecardQuery("10",
                Period.parse("2024-Q2", MAP_2024), false, null, null), new PageRequest(0, 1));
        TeamScorecards.Scorecards second = caunoi.scorecards().teamScorecards(Fixtures.SYSTEM, new ScorecardQuery("10",
                Period.parse("2024-Q2", MAP_2024), false, null, null), new PageRequest(1, 1));
        assertThat(first.page().totalCount()).isEqualTo(2);
        assertThat(first.page().hasNext()).isTrue();
        assertThat(first.page().items().get(0).team().id()).isEqualTo(province.teamB);
        assertThat(second.page().items().get(0).team().id()).isEqualTo(province.teamA);
        assertThat(second.page().hasNext()).isFalse();
    }

    @Test
    void household_services_are_measured_against_households() {
        Map<String, AdoptionRate> r = caunoi.rates().adoptionRates(Fixtures.SYSTEM, new RateQuery("10", UnitLevel.COMMUNE, "shop", null,
                        Period.parse("2025", MAP_2025), MAP_2025)).stream()
                .collect(Collectors.toMap(x -> x.unit().code(), Function.identity()));
        assertThat(r.get("10005").eligible()).isEqualTo(120);
        assertThat(r.get("10005").stage()).isEqualTo("SELLING");
        assertThat(r.get("10003").eligible()).as("no households given for An Bình").isNull();
    }

    @Test
    void the_monthly_levels_equal_the_daily_counts_summed() {
        assertThat(province.caunoi.counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();
        assertThat(province.caunoi.counts().checkCounts(Fixtures.SYSTEM).monthRowsCompared()).isPositive();
    }
}
