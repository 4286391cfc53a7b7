package vn.caunoi.core.activity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.team.Affiliation;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.team.TeamRole;
import vn.caunoi.core.team.TeamService;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The SQL of campaigns, support activities and trainings on the two communes merged on 2025-07-01
 * ({@link Fixtures#importTwoCommunesMergedIn2025}), with team An (Xã An) and team Bình (Phường Bình)
 * from June 2024. Each test writes its rows with the mapper and rolls them back.
 */
class ActivityMapperTest {

    static final LocalDate JUNE_2024 = LocalDate.of(2024, 6, 1);
    static final LocalDate MERGER = LocalDate.of(2025, 7, 1);
    static final LocalDate AFTER_MERGER = LocalDate.of(2025, 9, 1);

    static CauNoi caunoi;
    static Database db;
    static long province;
    static long an;
    static long binh;
    static long anBinh;
    static long dong;
    static long teamAn;
    static long teamBinh;
    static long lan;
    static long minh;

    @BeforeAll
    static void twoTeamsOfTheMergedCommunes() {
        DataSource data = TestDatabases.freshDatabase();
        caunoi = CauNoi.create(data, PersonalDataProtector.newKey());
        db = new Database(data);
        db.register(ActivityMapper.class);
        Fixtures.importTwoCommunesMergedIn2025(caunoi.hierarchyImporter());
        Fixtures.registerFirstPartyLikeServices(caunoi);
        province = unit("10", JUNE_2024);
        an = unit("10001", JUNE_2024);
        binh = unit("10002", JUNE_2024);
        anBinh = unit("10003", MERGER);
        dong = unit("10001.01", JUNE_2024);
        teamAn = caunoi.teams().createTeam(Fixtures.SYSTEM, new TeamService.NewTeam("team-of-an", "10001", "Tổ xã An", JUNE_2024)).value().id();
        teamBinh = caunoi.teams().createTeam(Fixtures.SYSTEM, new TeamService.NewTeam("team-of-binh", "10002", "Tổ phường Bình", JUNE_2024))
                .value().id();
        lan = member(teamAn, "Nguyễn Thị Lan");
        minh = member(teamBinh, "Trần Văn Minh");
    }

    static long unit(String code, LocalDate on) {
        return caunoi.hierarchy().unit(Fixtures.SYSTEM, code, on).orElseThrow().id();
    }

    static long member(long team, String name) {
        return caunoi.members().addMember(Fixtures.SYSTEM, new MemberService.NewMember("member-" + team + "-0001", team, name,
                Affiliation.YOUTH_UNION, null, TeamRole.LEADER, JUNE_2024)).value().member().id();
    }

    static void rolledBack(Consumer<ActivityMapper> test) {
        Fixtures.rolledBack(db, tx -> test.accept(tx.mapper(ActivityMapper.class)));
    }

    static Long[] ids(long... ids) {
        return Arrays.stream(ids).boxed().toArray(Long[]::new);
    }

    static long campaign(ActivityMapper m, String name, LocalDate day, long... units) {
        long id = m.insertCampaign(name, day, day);
        m.insertCampaignUnits(id, ids(units));
        return id;
    }

    static long support(ActivityMapper m, long team, long unit, LocalDate on, int people) {
        ActivityRows.SupportRow row = new ActivityRows.SupportRow();
        row.teamId = team;
        row.unitId = unit;
        row.placeKind = Activities.PlaceKind.VILLAGE;
        row.channel = Activities.Channel.DOOR_TO_DOOR;
        row.occurredOn = on;
        row.serviceCode = "vneid";
        row.stageCode = "LEVEL_2_ACTIVATED";
        row.people = people;
        return m.insertSupport(row);
    }

    static ActivityFilter under(long unit, LocalDate asOf, Long team, Long... scope) {
        return new ActivityFilter(unit, asOf, null, null, null, null, null, team, null, scope.length == 0 ? null : scope);
    }

    @Test
    void campaigns_in_scope_are_those_covering_a_unit_of_the_scope_on_the_day_they_start() {
        rolledBack(m -> {
            // given four Digital Sundays
            long ofAn = campaign(m, "Ngày chủ nhật số xã An", LocalDate.of(2025, 3, 2), an);
            long ofBinh = campaign(m, "Ngày chủ nhật số phường Bình", LocalDate.of(2025, 3, 9), binh);
            long ofAnBinh = campaign(m, "Ngày chủ nhật số xã An Bình", LocalDate.of(2025, 8, 3), anBinh);
            long ofDongAndBinh = campaign(m, "Ngày chủ nhật số thôn Đông và phường Bình", LocalDate.of(2025, 4, 6), dong, binh);
            Long[] all = ids(ofAn, ofBinh, ofAnBinh, ofDongAndBinh);

            // when
            List<Long> inAn = m.campaignsInScope(all, ids(an));
            List<Long> inBinh = m.campaignsInScope(all, ids(binh));
            List<Long> inAnBinh = m.campaignsInScope(all, ids(anBinh));
            List<Long> inTheProvince = m.campaignsInScope(all, ids(province));

            // then: a campaign of two units of one scope is named once
            assertThat(inAn).containsExactlyInAnyOrder(ofAn, ofDongAndBinh);
            assertThat(inBinh).containsExactlyInAnyOrder(ofBinh, ofDongAndBinh);
            assertThat(inAnBinh).containsExactly(ofAnBinh);
            assertThat(inTheProvince).containsExactlyInAnyOrder(ofAn, ofBinh, ofAnBinh, ofDongAndBinh);
        });
    }

    @Test
    void a_unit_given_twice_to_a_campaign_is_recorded_once_and_campaign_units_answers_them_by_campaign_and_unit() {
        rolledBack(m -> {
            // given
            long first = campaign(m, "Tháng cao điểm", LocalDate.of(2025, 5, 4), binh, dong);
            long second = campaign(m, "Tháng cao điểm 2", LocalDate.of(2025, 5, 11), an);

            // when
            int again = m.insertCampaignUnits(first, ids(dong, dong));
            List<ActivityRows.PairRow> units = m.campaignUnits(ids(second, first));

            // then
            assertThat(again).isZero();
            assertThat(units).extracting(p -> p.left, p -> p.right).containsExactly(
                    tuple(first, Math.min(binh, dong)), tuple(first, Math.max(binh, dong)), tuple(second, an));
        });
    }

    @Test
    void support_is_found_under_the_unit_on_the_map_of_as_of_and_in_a_scope_on_the_day_it_happened() {
        rolledBack(m -> {
            // given: Thôn Đông in March, Phường Bình in April, the merged Xã An Bình in August
            long march = support(m, teamAn, dong, LocalDate.of(2025, 3, 1), 5);
            long april = support(m, teamBinh, binh, LocalDate.of(2025, 4, 1), 3);
            long august = support(m, teamAn, anBinh, LocalDate.of(2025, 8, 1), 7);

            // when
            List<ActivityRows.SupportRow> underAnBinh = m.searchSupport(under(anBinh, AFTER_MERGER, null), 0, 10);
            ActivityRows.TotalsRow totals = m.supportTotals(under(anBinh, AFTER_MERGER, null));
            List<ActivityRows.SupportRow> forAnsOfficer = m.searchSupport(under(anBinh, AFTER_MERGER, null, an), 0, 10);
            List<ActivityRows.SupportRow> forAnBinhsOfficer = m.searchSupport(under(anBinh, AFTER_MERGER, null, anBinh), 0, 10);
            List<ActivityRows.SupportRow> ofTeamBinh = m.searchSupport(under(province, AFTER_MERGER, teamBinh), 0, 10);
            List<ActivityRows.SupportRow> secondPage = m.searchSupport(under(anBinh, AFTER_MERGER, null), 1, 1);

            // then: latest first; an officer of Xã An keeps its history, one of Xã An Bình starts with the merger
            assertThat(underAnBinh).extracting(r -> r.id).containsExactly(august, april, march);
            assertThat(totals.activities).isEqualTo(3);
            assertThat(totals.people).isEqualTo(15);
            assertThat(forAnsOfficer).extracting(r -> r.id, r -> r.unitId, r -> r.people).containsExactly(tuple(march, dong, 5));
            assertThat(forAnBinhsOfficer).extracting(r -> r.id).containsExactly(august);
            assertThat(ofTeamBinh).extracting(r -> r.id).containsExactly(april);
            assertThat(secondPage).extracting(r -> r.id).containsExactly(april);
        });
    }

    @Test
    void support_between_two_dates_under_an_old_commune_on_its_own_map() {
        rolledBack(m -> {
            // given
            long march = support(m, teamAn, dong, LocalDate.of(2025, 3, 1), 5);
            support(m, teamAn, dong, LocalDate.of(2025, 4, 1), 2);
            support(m, teamBinh, binh, LocalDate.of(2025, 3, 15), 3);
            ActivityFilter march2025UnderAn = new ActivityFilter(an, LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 1),
                    LocalDate.of(2025, 3, 31), "vneid", "LEVEL_2_ACTIVATED", null, null, null, null);

            // when
            List<ActivityRows.SupportRow> rows = m.searchSupport(march2025UnderAn, 0, 10);
            ActivityRows.TotalsRow totals = m.supportTotals(march2025UnderAn);

            // then
            assertThat(rows).extracting(r -> r.id).containsExactly(march);
            assertThat(totals.activities).isEqualTo(1);
            assertThat(totals.people).isEqualTo(5);
        });
    }

    @Test
    void a_training_keeps_its_topics_and_its_attendance_is_answered_by_training_and_by_member() {
        rolledBack(m -> {
            // given two trainings written by the mapper; Lan attends both, Minh the first
            ActivityRows.TrainingRow row = new ActivityRows.TrainingRow();
            row.title = "Tập huấn VNeID và thanh toán";
            row.organiserKind = Activities.OrganiserKind.PROVINCIAL_DEPARTMENT;
            row.organiserName = "Sở Khoa học và Công nghệ";
            row.mode = Activities.TrainingMode.IN_PERSON;
            row.topics = new String[]{"ESSENTIAL_PUBLIC_SERVICES", "PAYMENT_ACCOUNTS"};
            row.heldOn = LocalDate.of(2025, 3, 1);
            row.unitId = province;
            long first = m.insertTraining(row);
            row.title = "Tập huấn an toàn thông tin";
            row.topics = new String[]{"INFORMATION_SECURITY"};
            row.heldOn = LocalDate.of(2025, 2, 1);
            long earlier = m.insertTraining(row);

            // when
            int attended = m.insertAttendance(first, ids(lan, minh, lan));
            m.insertAttendance(earlier, ids(lan));
            List<ActivityRows.TrainingRow> read = m.trainingsByIds(ids(first));
            List<ActivityRows.PairRow> attendance = m.attendance(ids(first));
            List<ActivityRows.PairRow> ofLan = m.trainingsAttended(ids(lan));

            // then
            assertThat(attended).isEqualTo(2);
            assertThat(read).singleElement().satisfies(t -> {
                assertThat(t.training().topics()).containsExactly(Activities.TrainingTopic.ESSENTIAL_PUBLIC_SERVICES,
                        Activities.TrainingTopic.PAYMENT_ACCOUNTS);
                assertThat(t.organiserKind).isEqualTo(Activities.OrganiserKind.PROVINCIAL_DEPARTMENT);
                assertThat(t.heldOn).isEqualTo(LocalDate.of(2025, 3, 1));
            });
            assertThat(attendance).extracting(p -> p.left, p -> p.right)
                    .containsExactly(tuple(first, Math.min(lan, minh)), tuple(first, Math.max(lan, minh)));
            assertThat(ofLan).extracting(p -> p.left, p -> p.right).containsExactly(tuple(lan, earlier), tuple(lan, first));
        });
    }
}
