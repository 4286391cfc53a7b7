package vn.caunoi.core.team;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.UnitLevel;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Teams on a small hand-made province, with every figure computed by hand: two communes (one with
 * two villages, one with one), merged into one commune on 2025-07-01 when the district ends.
 */
class TeamServiceTest {

    static final Actor SYSTEM = Fixtures.SYSTEM;
    static final LocalDate JUNE_2024 = LocalDate.of(2024, 6, 1);
    static final LocalDate BEFORE_MERGER = LocalDate.of(2025, 6, 30);
    static final LocalDate MERGER = LocalDate.of(2025, 7, 1);
    /** Teams the other tests make start after the figures checked above, so that test order does not matter. */
    static final LocalDate LATER = LocalDate.of(2025, 8, 1);
    static CauNoi caunoi;
    static TeamService teams;
    static MemberService members;
    static long teamA;
    static long teamB;
    static long teamA1;

    @BeforeAll
    static void aProvinceWithThreeTeams() {
        caunoi = Fixtures.freshLibrary();
        teams = caunoi.teams();
        members = caunoi.members();
        caunoi.hierarchyImporter().importSnapshot(SYSTEM, "list.csv", bytes("""
                province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind,village_code,village_name,village_kind
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.01,Thôn Đông,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.02,Thôn Đoài,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10002,Phường Bình,Phường,10002.01,Tổ dân phố 1,Tổ dân phố
                """), LocalDate.of(2024, 5, 1));
        caunoi.hierarchyImporter().importChanges(SYSTEM, "changes.csv", bytes("""
                effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis
                2025-07-01,COMMUNE,10003,Xã An Bình,10001,Xã An,full,test
                2025-07-01,COMMUNE,10003,Xã An Bình,10002,Phường Bình,full,test
                """), "after.csv", bytes("""
                province_code,province_name,commune_code,commune_name,commune_kind
                10,Tỉnh Thử,10003,Xã An Bình,Xã
                """));
        teamA = team("10001", "Tổ xã An");
        teamB = team("10002", "Tổ phường Bình");
        teamA1 = team("10001.01", "Tổ thôn Đông");
        member(teamA, "Nguyễn Văn Một", Affiliation.COMMUNE_LEADERSHIP, TeamRole.LEADER);
        member(teamA, "Trần Thị Hai", Affiliation.WOMENS_UNION, TeamRole.MEMBER);
        Member shared = member(teamA, "Lê Văn Ba", Affiliation.POLICE, TeamRole.MEMBER);
        member(teamB, "Phạm Thị Bốn", Affiliation.YOUTH_UNION, TeamRole.LEADER);
        member(teamB, "Hoàng Văn Năm", Affiliation.WOMENS_UNION, TeamRole.MEMBER);
        member(teamA1, "Vũ Thị Sáu", Affiliation.PARTY_CELL, TeamRole.LEADER);
        members.addMembership(SYSTEM, new MemberService.NewMembership("shared-membership-1", shared.id(), teamA1, TeamRole.MEMBER, JUNE_2024));
    }

    static long team(String unit, String name) {
        return teams.createTeam(SYSTEM, new TeamService.NewTeam("team-" + unit, unit, name, JUNE_2024)).value().id();
    }

    static Member member(long team, String name, Affiliation affiliation, TeamRole role) {
        return members.addMember(SYSTEM, new MemberService.NewMember("member-" + Integer.toHexString(name.hashCode()), team, name, affiliation, "0912000" + name.length() + "00",
                role, JUNE_2024)).value().member();
    }

    @Test
    void coverage_of_the_province_before_and_after_the_merger_computed_by_hand() {
        Coverage before = teams.coverage(SYSTEM, "10", JUNE_2024);
        assertThat(before.communes()).isEqualTo(2);
        assertThat(before.communesWithTeam()).isEqualTo(2);
        assertThat(before.villages()).isEqualTo(3);
        assertThat(before.villagesWithTeam()).isEqualTo(1);
        assertThat(before.teams()).isEqualTo(3);
        assertThat(before.members()).as("six people, one of them in two teams").isEqualTo(6);
        assertThat(before.averageMembersPerCommuneTeam()).isEqualTo(2.5);
        assertThat(before.averageMembersPerVillageTeam()).isEqualTo(2.0);
        assertThat(before.membersByAffiliation()).containsEntry(Affiliation.WOMENS_UNION, 2L).containsEntry(Affiliation.POLICE, 1L);

        Coverage after = teams.coverage(SYSTEM, "10", MERGER);
        assertThat(after.communes()).isEqualTo(1);
        assertThat(after.communesWithTeam()).isEqualTo(1);
        assertThat(after.villages()).isEqualTo(3);
        assertThat(after.teams()).isEqualTo(3);
        assertThat(after.members()).isEqualTo(6);
        assertThat(teams.coverage(SYSTEM, "10001", JUNE_2024)).satisfies(c -> {
            assertThat(c.communes()).isEqualTo(1);
            assertThat(c.villages()).isEqualTo(2);
            assertThat(c.teams()).isEqualTo(2);
            assertThat(c.members()).isEqualTo(4);
        });
    }

    @Test
    void teams_of_merged_communes_are_under_the_new_commune_afterwards_and_the_old_ones_before() {
        assertThat(ids("10003", MERGER)).containsExactlyInAnyOrder(teamA, teamB, teamA1);
        assertThat(ids("10001", BEFORE_MERGER)).containsExactlyInAnyOrder(teamA, teamA1);
        assertThat(ids("10002", BEFORE_MERGER)).containsExactly(teamB);
        var area = teams.areas(SYSTEM, List.of(new TeamService.TeamAt(teamA, BEFORE_MERGER), new TeamService.TeamAt(teamA, MERGER)));
        assertThat(area.get(new TeamService.TeamAt(teamA, BEFORE_MERGER)).code()).isEqualTo("10001");
        assertThat(area.get(new TeamService.TeamAt(teamA, MERGER)).code()).isEqualTo("10003");
        assertThat(teams.teams(SYSTEM, new TeamService.TeamQuery("10003", MERGER, null, UnitLevel.VILLAGE, new PageRequest(0, 10))).items())
                .extracting(Team::id).containsExactly(teamA1);
    }

    private List<Long> ids(String under, LocalDate date) {
        return teams.teams(SYSTEM, new TeamService.TeamQuery(under, date, null, null, new PageRequest(0, 50))).items().stream().map(Team::id).toList();
    }

    @Test
    void a_create_with_the_same_key_returns_the_first_result_and_another_payload_is_refused() {
        Created<Team> first = teams.createTeam(SYSTEM, new TeamService.NewTeam("same-key-0001", "10002.01", "Tổ dân phố 1", LATER));
        Created<Team> again = teams.createTeam(SYSTEM, new TeamService.NewTeam("same-key-0001", "10002.01", "Tổ dân phố 1", LATER));
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.value().id()).isEqualTo(first.value().id());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> teams.createTeam(SYSTEM, new TeamService.NewTeam("same-key-0001", "10002.01", "Another", LATER)));
        assertThat(e.field()).isEqualTo("idempotencyKey");
        assertThat(e.reason()).isEqualTo("KEY_REUSED");
    }

    @Test
    void phones_are_masked_and_only_managers_in_scope_read_them_back() {
        long team = teams.createTeam(SYSTEM, new TeamService.NewTeam("phone-team-1", "10003", "Tổ xã An Bình", LATER)).value().id();
        Member m = members.addMember(SYSTEM, new MemberService.NewMember("phone-member-1", team, "Đỗ Văn Bảy", Affiliation.POST_TELECOM,
                "+84 912.345.678", TeamRole.MEMBER, LATER)).value().member();
        assertThat(m.phoneMasked()).isEqualTo("•••••••••678");
        assertThat(members.phone(SYSTEM, m.id())).isEqualTo("+84912345678");
        assertThat(catchThrowableOfType(vn.caunoi.core.common.AccessDeniedException.class,
                () -> members.phone(Actor.user("volunteer", vn.caunoi.core.common.Role.VIEWER, true, java.util.Set.of(), null), m.id())).code())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void a_dissolved_team_ends_its_memberships_and_is_no_longer_counted() {
        long gone = teams.createTeam(SYSTEM, new TeamService.NewTeam("dissolve-me-1", "10001.02", "Tổ thôn Đoài", LATER)).value().id();
        members.addMember(SYSTEM, new MemberService.NewMember("dissolve-member-1", gone, "Bùi Văn Tám", Affiliation.VOLUNTEER, null, TeamRole.LEADER, LATER));
        teams.changeStatus(SYSTEM, gone, TeamStatus.SUSPENDED, LocalDate.of(2025, 9, 1), "no leader");
        Team dissolved = teams.changeStatus(SYSTEM, gone, TeamStatus.DISSOLVED, LocalDate.of(2025, 10, 1), null);
        assertThat(dissolved.status()).isEqualTo(TeamStatus.DISSOLVED);
        assertThat(teams.teamsByIds(SYSTEM, List.of(gone), LocalDate.of(2025, 9, 15)).get(gone).status()).isEqualTo(TeamStatus.SUSPENDED);
        assertThat(ids("10001.02", LocalDate.of(2025, 9, 30))).containsExactly(gone);
        assertThat(ids("10001.02", LocalDate.of(2025, 10, 1))).isEmpty();
        Map<Long, List<Membership>> memberships = members.membershipsOfTeams(SYSTEM, List.of(gone), LocalDate.of(2025, 10, 1));
        assertThat(memberships.get(gone)).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void status_history_is_not_rewritten_and_a_team_cannot_end_the_day_it_begins() {
        long team = teams.createTeam(SYSTEM, new TeamService.NewTeam("history-team-1", "10002.01", "Tổ lịch sử", LATER)).value().id();
        assertThat(reason(() -> teams.changeStatus(SYSTEM, team, TeamStatus.DISSOLVED, LATER, null))).isEqualTo("NOT_AFTER_ESTABLISHED");
        teams.changeStatus(SYSTEM, team, TeamStatus.SUSPENDED, LocalDate.of(2025, 9, 1), null);
        assertThat(reason(() -> teams.changeStatus(SYSTEM, team, TeamStatus.DISSOLVED, LocalDate.of(2025, 8, 15), null)))
                .isEqualTo("BEFORE_LAST_CHANGE");
        members.addMember(SYSTEM, new MemberService.NewMember("history-member-1", team, "Ngô Văn Chín", Affiliation.OTHER, null, TeamRole.MEMBER,
                LocalDate.of(2025, 10, 1)));
        assertThat(reason(() -> teams.changeStatus(SYSTEM, team, TeamStatus.DISSOLVED, LocalDate.of(2025, 10, 1), null)))
                .isEqualTo("MEMBERS_JOIN_LATER");
        teams.changeStatus(SYSTEM, team, TeamStatus.DISSOLVED, LocalDate.of(2025, 11, 1), null);
        // A membership typed in later, back-dated before the dissolution, ends with the team.
        Membership late = members.addMember(SYSTEM, new MemberService.NewMember("history-member-2", team, "Đào Thị Mười", Affiliation.OTHER, null,
                TeamRole.MEMBER, LocalDate.of(2025, 10, 15))).value().membership();
        assertThat(late.validTo()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(reason(() -> members.endMembership(SYSTEM, late.id(), LocalDate.of(2025, 12, 1)))).isEqualTo("ALREADY_ENDED");
        assertThat(reason(() -> teams.teams(SYSTEM, new TeamService.TeamQuery("10", LocalDate.of(2025, 12, 1), TeamStatus.DISSOLVED, null,
                new PageRequest(0, 10))))).isEqualTo("NOT_A_FILTER");
    }

    @Test
    void text_with_control_characters_and_keys_outside_the_alphabet_are_refused() {
        assertThat(reason(() -> teams.createTeam(SYSTEM, new TeamService.NewTeam("control-chars-1", "10003", "Tổ\u0000", LATER))))
                .isEqualTo("CONTROL_CHARACTERS");
        assertThat(reason(() -> teams.createTeam(SYSTEM, new TeamService.NewTeam("😀😀😀😀", "10003", "Tổ", LATER)))).isEqualTo("INVALID");
    }

    private static String reason(Runnable call) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        return e.reason();
    }
}
