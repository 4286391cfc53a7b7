package vn.caunoi.core.team;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The SQL of teams on the two communes merged on 2025-07-01 ({@link Fixtures#importTwoCommunesMergedIn2025}):
 * team An (commune 10001), team Bình (commune 10002) and team Đông (village 10001.01) from June 2024,
 * team An Bình (the merged commune 10003) from August 2025.
 */
class TeamMapperTest {

    static final Actor SYSTEM = Fixtures.SYSTEM;
    static final LocalDate JUNE_2024 = LocalDate.of(2024, 6, 1);
    static final LocalDate BEFORE_MERGER = LocalDate.of(2025, 6, 30);
    static final LocalDate AUGUST_2025 = LocalDate.of(2025, 8, 1);
    static final LocalDate AFTER_MERGER = LocalDate.of(2025, 9, 1);

    static CauNoi caunoi;
    static Database db;
    static long province;
    static long an;
    static long anBinh;
    static long teamAn;
    static long teamBinh;
    static long teamDong;
    static long teamAnBinh;
    static long lan;
    static long minh;
    static long hoa;
    static long tuan;
    static long mai;

    @BeforeAll
    static void teamsBeforeAndAfterTheMerger() {
        DataSource data = TestDatabases.freshDatabase();
        caunoi = CauNoi.create(data, PersonalDataProtector.newKey());
        db = new Database(data);
        db.register(TeamMapper.class);
        Fixtures.importTwoCommunesMergedIn2025(caunoi.hierarchyImporter());
        province = unit("10", JUNE_2024);
        an = unit("10001", JUNE_2024);
        anBinh = unit("10003", AUGUST_2025);
        teamAn = team("10001", "Tổ xã An", JUNE_2024);
        teamBinh = team("10002", "Tổ phường Bình", JUNE_2024);
        teamDong = team("10001.01", "Tổ thôn Đông", JUNE_2024);
        teamAnBinh = team("10003", "Tổ xã An Bình", AUGUST_2025);
        lan = member(teamAn, "Nguyễn Thị Lan", TeamRole.LEADER, JUNE_2024);
        minh = member(teamBinh, "Trần Văn Minh", TeamRole.LEADER, JUNE_2024);
        hoa = member(teamAnBinh, "Lê Thị Hoa", TeamRole.MEMBER, AUGUST_2025);
        tuan = member(teamAn, "Phạm Văn Tuấn", TeamRole.MEMBER, JUNE_2024);
        mai = member(teamAn, "Đỗ Thị Mai", TeamRole.DEPUTY, JUNE_2024);
        // Lan is in the village team too: one person, two memberships of the scope of Xã An.
        caunoi.members().addMembership(SYSTEM, new MemberService.NewMembership("lan-in-dong", lan, teamDong, TeamRole.MEMBER, JUNE_2024));
    }

    static long unit(String code, LocalDate on) {
        return caunoi.hierarchy().unit(SYSTEM, code, on).orElseThrow().id();
    }

    static long team(String unit, String name, LocalDate from) {
        return caunoi.teams().createTeam(SYSTEM, new TeamService.NewTeam("team-" + unit, unit, name, from)).value().id();
    }

    static long member(long team, String name, TeamRole role, LocalDate from) {
        return caunoi.members().addMember(SYSTEM, new MemberService.NewMember("member-" + Integer.toHexString(name.hashCode()), team, name,
                Affiliation.VOLUNTEER, null, role, from)).value().member().id();
    }

    static <T> T sql(Function<TeamMapper, T> query) {
        return db.read(tx -> query.apply(tx.mapper(TeamMapper.class)));
    }

    static void rolledBack(Consumer<TeamMapper> test) {
        Fixtures.rolledBack(db, tx -> test.accept(tx.mapper(TeamMapper.class)));
    }

    static Long[] ids(long... ids) {
        return Arrays.stream(ids).boxed().toArray(Long[]::new);
    }

    static String[] dates(LocalDate... dates) {
        return Arrays.stream(dates).map(LocalDate::toString).toArray(String[]::new);
    }

    @Test
    void teams_in_scope_answers_the_positions_of_the_keys_whose_team_works_in_the_scope_on_the_keys_date() {
        // given six (team, date) keys, before and after the merger
        Long[] teams = ids(teamAn, teamBinh, teamDong, teamAn, teamDong, teamAnBinh);
        String[] on = dates(BEFORE_MERGER, BEFORE_MERGER, BEFORE_MERGER, AFTER_MERGER, AFTER_MERGER, AFTER_MERGER);

        // when
        List<Integer> ofAn = sql(m -> m.teamsInScope(teams, on, ids(an)));
        List<Integer> ofAnBinh = sql(m -> m.teamsInScope(teams, on, ids(anBinh)));
        List<Integer> ofTheProvince = sql(m -> m.teamsInScope(teams, on, ids(province)));
        List<Integer> ofNothing = sql(m -> m.teamsInScope(teams, on, new Long[0]));
        List<Integer> unrestricted = sql(m -> m.teamsInScope(teams, on, null));

        // then: team An works in Xã An until the merger and in Xã An Bình after it, and so does its village team
        assertThat(ofAn).containsExactlyInAnyOrder(1, 3);
        assertThat(ofAnBinh).containsExactlyInAnyOrder(4, 5, 6);
        assertThat(ofTheProvince).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(ofNothing).isEmpty();
        assertThat(unrestricted).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }

    @Test
    void members_in_scope_are_those_whose_membership_began_or_lasts_in_a_team_of_the_scope_each_named_once() {
        // given Lan in teams An and Đông, Minh in team Bình (all from June 2024), Hoa in team An Bình (from August 2025)
        Long[] asked = ids(lan, minh, hoa);

        // when: asked before the merger
        List<Long> ofAn = sql(m -> m.membersInScope(asked, ids(an), BEFORE_MERGER));
        List<Long> ofAnBinh = sql(m -> m.membersInScope(asked, ids(anBinh), BEFORE_MERGER));
        List<Long> ofTheProvince = sql(m -> m.membersInScope(asked, ids(province), BEFORE_MERGER));

        // then: the history of Xã An stays with its officers; the merged commune's begins with the merger
        assertThat(ofAn).containsExactly(lan);
        assertThat(ofAnBinh).containsExactly(hoa);
        assertThat(ofTheProvince).containsExactlyInAnyOrder(lan, minh, hoa);

        // and after it: Lan, whose team An now works in Xã An Bình, is the merged commune's member too
        List<Long> ofAnBinhAfter = sql(m -> m.membersInScope(asked, ids(anBinh), AFTER_MERGER));
        List<Long> ofAnAfter = sql(m -> m.membersInScope(asked, ids(an), AFTER_MERGER));
        assertThat(ofAnBinhAfter).contains(lan, hoa).doesNotHaveDuplicates();
        assertThat(ofAnAfter).containsExactly(lan);
    }

    @Test
    void memberships_at_answer_each_team_on_its_own_date_leader_first_then_deputy_then_members() {
        // given team An: Lan leader, Tuấn member, Mai deputy, all from June 2024
        TeamService.TeamAt dayBefore = new TeamService.TeamAt(teamAn, JUNE_2024.minusDays(1));
        TeamService.TeamAt later = new TeamService.TeamAt(teamAn, BEFORE_MERGER);

        // when
        Map<TeamService.TeamAt, List<Membership.WithMember>> byTeam = caunoi.members().membershipsAt(SYSTEM, List.of(dayBefore, later));

        // then: nobody was in it the day before it began; then the leader, the deputy, the member, each with her name
        assertThat(byTeam.get(dayBefore)).isEmpty();
        assertThat(byTeam.get(later)).extracting(m -> m.membership().memberId(), m -> m.membership().role(), m -> m.member().fullName())
                .containsExactly(
                        tuple(lan, TeamRole.LEADER, "Nguyễn Thị Lan"),
                        tuple(mai, TeamRole.DEPUTY, "Đỗ Thị Mai"),
                        tuple(tuan, TeamRole.MEMBER, "Phạm Văn Tuấn"));
    }

    @Test
    void memberships_read_straight_from_jdbc_are_logged_as_mybatis_logs_its_statements_when_their_logger_is_at_debug() {
        // given the statement's logger at DEBUG, as for any mapper statement
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TeamMapper.class.getName() + ".membershipsAt");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ch.qos.logback.classic.Level before = logger.getLevel();
        try {
            // when it is off, nothing; when it is on, the SQL, the parameters and the count of rows
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
            caunoi.members().membershipsAt(SYSTEM, List.of(new TeamService.TeamAt(teamAn, BEFORE_MERGER)));
            assertThat(lines.list).isEmpty();

            logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
            caunoi.members().membershipsAt(SYSTEM, List.of(new TeamService.TeamAt(teamAn, BEFORE_MERGER)));
            assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).startsWith("==>  Preparing:").contains("join membership ms"))
                    .anySatisfy(m -> assertThat(m).startsWith("==> Parameters:"))
                    .anySatisfy(m -> assertThat(m).contains("Total: 3"))
                    // the rows themselves (members' names) only at TRACE
                    .noneSatisfy(m -> assertThat(m).contains("Nguyễn Thị Lan"));
        } finally {
            logger.setLevel(before);
            logger.detachAppender(lines);
        }
    }

    @Test
    void memberships_of_a_page_of_teams_read_in_the_same_request_skip_the_second_scope_check_for_that_actor_only() {
        // given Xã An's officer and Phường Bình's, and the statement's logger at DEBUG to see the SQL each read runs
        Actor officerOfAn = Actor.user("officer-an", vn.caunoi.core.common.Role.COMMUNE_OFFICER, false, java.util.Set.of(an), null);
        Actor officerOfBinh = Actor.user("officer-binh", vn.caunoi.core.common.Role.COMMUNE_OFFICER, false,
                java.util.Set.of(unit("10002", JUNE_2024)), null);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TeamMapper.class.getName() + ".membershipsAt");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ch.qos.logback.classic.Level before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            // when, in one request's reads, An's officer reads her commune's page of teams and their
            // memberships, then Bình's officer asks for the same teams' memberships
            List<TeamService.TeamAt> keys = new java.util.ArrayList<>();
            List<Map<TeamService.TeamAt, List<Membership.WithMember>>> read = caunoi.readTogether(() -> {
                caunoi.teams().teams(officerOfAn, new TeamService.TeamQuery("10001", BEFORE_MERGER, null, null,
                        vn.caunoi.core.common.PageRequest.of(100, 0))).items().forEach(t -> keys.add(new TeamService.TeamAt(t.id(), BEFORE_MERGER)));
                return List.of(caunoi.members().membershipsAt(officerOfAn, keys), caunoi.members().membershipsAt(officerOfBinh, keys));
            });
            List<String> sql = lines.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("==>  Preparing:")).toList();
            // and An's officer asks for them again in a request of their own
            Map<TeamService.TeamAt, List<Membership.WithMember>> alone = caunoi.members().membershipsAt(officerOfAn, keys);

            // then: the page showed her teams An and Đông; their memberships were read without a second
            // check of her scope, and are the ones a read of its own (which checks it) answers
            assertThat(keys).extracting(TeamService.TeamAt::teamId).containsExactlyInAnyOrder(teamAn, teamDong);
            assertThat(sql).hasSize(2);
            assertThat(sql.get(0)).doesNotContain("admin_unit_closure");
            assertThat(read.get(0)).isEqualTo(alone);
            assertThat(read.get(0).get(new TeamService.TeamAt(teamAn, BEFORE_MERGER))).hasSize(3);
            assertThat(lines.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("==>  Preparing:")).skip(2).findFirst().orElseThrow()).contains("admin_unit_closure");
            // and what An's officer was shown is not Bình's officer's to see: her scope was checked, and she sees nothing
            assertThat(sql.get(1)).contains("admin_unit_closure");
            assertThat(read.get(1).values()).allSatisfy(list -> assertThat(list).isEmpty());
        } finally {
            logger.setLevel(before);
            logger.detachAppender(lines);
        }
    }

    @Test
    void teams_at_answer_the_status_in_force_on_each_date_and_a_second_status_on_one_day_replaces_the_first() {
        rolledBack(m -> {
            // given a village team written by the mapper: active from June 2024, suspended in September, active again in October
            long unit = unit("10001.02", JUNE_2024);
            long team = m.insertTeam(unit, UnitLevel.VILLAGE, "Tổ thôn Đoài", JUNE_2024);
            m.insertStatus(team, TeamStatus.ACTIVE, JUNE_2024, null);
            m.insertStatus(team, TeamStatus.SUSPENDED, LocalDate.of(2024, 9, 1), "no leader");
            m.insertStatus(team, TeamStatus.ACTIVE, LocalDate.of(2024, 10, 1), "typed by mistake");

            // when the status of 2024-10-01 is corrected on the same day
            m.insertStatus(team, TeamStatus.DISSOLVED, LocalDate.of(2024, 10, 1), "no members");

            // then
            List<TeamRows.TeamRow> rows = m.teamsAt(ids(team, team, team, team),
                    dates(JUNE_2024.minusDays(1), JUNE_2024, LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 1)));
            assertThat(rows).extracting(r -> r.keyDate, r -> r.status, r -> r.unitId, r -> r.level).containsExactlyInAnyOrder(
                    tuple(JUNE_2024.minusDays(1), null, unit, UnitLevel.VILLAGE),
                    tuple(JUNE_2024, TeamStatus.ACTIVE, unit, UnitLevel.VILLAGE),
                    tuple(LocalDate.of(2024, 9, 30), TeamStatus.SUSPENDED, unit, UnitLevel.VILLAGE),
                    tuple(LocalDate.of(2024, 10, 1), TeamStatus.DISSOLVED, unit, UnitLevel.VILLAGE));
            assertThat(m.latestStatusChange(team)).isEqualTo(LocalDate.of(2024, 10, 1));
        });
    }

    @Test
    void search_teams_lists_the_teams_working_under_a_unit_on_the_map_of_the_date_and_count_teams_agrees() {
        // given the four teams

        // when
        List<TeamRows.TeamRow> underAnBinh = sql(m -> m.searchTeams(anBinh, AFTER_MERGER, null, null, 0, 10));
        long all = sql(m -> m.countTeams(anBinh, AFTER_MERGER, null, null));
        long villageTeams = sql(m -> m.countTeams(anBinh, AFTER_MERGER, null, UnitLevel.VILLAGE));
        List<TeamRows.TeamRow> underAn = sql(m -> m.searchTeams(an, BEFORE_MERGER, TeamStatus.ACTIVE, null, 1, 10));

        // then: commune teams before village teams, by name; the teams of the merged communes are under Xã An Bình
        assertThat(underAnBinh).extracting(r -> r.id).containsExactly(teamBinh, teamAn, teamAnBinh, teamDong);
        assertThat(all).isEqualTo(4);
        assertThat(villageTeams).isEqualTo(1);
        assertThat(underAn).extracting(r -> r.id, r -> r.status).containsExactly(tuple(teamDong, TeamStatus.ACTIVE));
    }
}
