package vn.caunoi.demo;

import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.access.Users;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.team.Membership;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamService;

import java.time.LocalDate;
import java.util.List;

/**
 * One demo user of each role (their subjects are what {@code POST /dev/token?user=…} takes):
 * {@code province-admin} (Hưng Yên, 33, and old Thái Bình, 34), {@code commune-officer} (Xã Ngự
 * Thiên, 12595, since 2025-07-01), {@code team-member} (the leader of a village team of Ngự Thiên,
 * her team's village) and {@code viewer} (Hưng Yên). Created when missing.
 */
public final class DemoUsers {

    /** The map the demo users' scopes are read on. */
    static final LocalDate MAP = LocalDate.of(2025, 7, 1);

    private DemoUsers() {
    }

    public static void load(CauNoi caunoi, Actor actor) {
        Users users = caunoi.users();
        create(users, actor, "province-admin", "Quản trị tỉnh (demo)", Role.PROVINCE_ADMIN, List.of("33", "34"), LocalDate.of(2024, 6, 1), null);
        create(users, actor, "commune-officer", "Cán bộ xã Ngự Thiên (demo)", Role.COMMUNE_OFFICER, List.of("12595"), MAP, null);
        create(users, actor, "viewer", "Người xem (demo)", Role.VIEWER, List.of("33"), MAP, null);
        List<Team> teams = caunoi.teams().teams(actor, new TeamService.TeamQuery("12595", MAP, null, UnitLevel.VILLAGE,
                new PageRequest(0, 1))).items();
        if (!teams.isEmpty()) {
            Team team = teams.get(0);
            List<Membership> ms = caunoi.members().membershipsOfTeams(actor, List.of(team.id()), MAP).get(team.id());
            String village = caunoi.teams().areas(actor, List.of(new TeamService.TeamAt(team.id(), MAP))).values().iterator().next().code();
            if (ms != null && !ms.isEmpty()) {
                create(users, actor, "team-member", "Thành viên tổ " + team.name() + " (demo)", Role.TEAM_MEMBER, List.of(village), MAP,
                        ms.get(0).memberId());
            }
        }
    }

    private static void create(Users users, Actor actor, String subject, String name, Role role, List<String> scope, LocalDate on, Long member) {
        if (users.bySubject(actor, subject).isEmpty()) {
            users.create(actor, new Users.UserInput(subject, name, role, false, scope, on, member, true));
        }
    }
}
