package vn.caunoi.core.access;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.Role;
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
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The SQL of scopes and users on the two communes merged on 2025-07-01
 * ({@link Fixtures#importTwoCommunesMergedIn2025}): Xã An (10001, villages Thôn Đông and Thôn Đoài)
 * and Phường Bình (10002) became Xã An Bình (10003), and the villages followed.
 */
class AccessMapperTest {

    static final LocalDate FIRST_LIST = LocalDate.of(2024, 5, 1);
    static final LocalDate BEFORE_MERGER = LocalDate.of(2025, 6, 30);
    static final LocalDate MERGER = LocalDate.of(2025, 7, 1);
    static final LocalDate AFTER_MERGER = LocalDate.of(2025, 9, 1);
    /** "Today" of the users' queries: passed in, as the service passes its clock's today. */
    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);

    static CauNoi caunoi;
    static Database db;
    static long province;
    static long an;
    static long binh;
    static long anBinh;
    static long dong;
    static long doai;
    static long member;

    @BeforeAll
    static void theMergedCommunesAndOneMember() {
        DataSource data = TestDatabases.freshDatabase();
        caunoi = CauNoi.create(data, PersonalDataProtector.newKey());
        db = new Database(data);
        db.register(AccessMapper.class);
        Fixtures.importTwoCommunesMergedIn2025(caunoi.hierarchyImporter());
        province = unit("10", FIRST_LIST);
        an = unit("10001", FIRST_LIST);
        binh = unit("10002", FIRST_LIST);
        anBinh = unit("10003", MERGER);
        dong = unit("10001.01", FIRST_LIST);
        doai = unit("10001.02", FIRST_LIST);
        long team = caunoi.teams().createTeam(Fixtures.SYSTEM, new TeamService.NewTeam("team-of-an", "10001", "Tổ xã An", FIRST_LIST))
                .value().id();
        member = caunoi.members().addMember(Fixtures.SYSTEM, new MemberService.NewMember("member-of-an", team, "Nguyễn Thị Lan",
                Affiliation.WOMENS_UNION, null, TeamRole.LEADER, FIRST_LIST)).value().member().id();
    }

    static long unit(String code, LocalDate on) {
        return caunoi.hierarchy().unit(Fixtures.SYSTEM, code, on).orElseThrow().id();
    }

    static <T> T sql(Function<AccessMapper, T> query) {
        return db.read(tx -> query.apply(tx.mapper(AccessMapper.class)));
    }

    static void rolledBack(Consumer<AccessMapper> test) {
        Fixtures.rolledBack(db, tx -> test.accept(tx.mapper(AccessMapper.class)));
    }

    static Long[] ids(long... ids) {
        return Arrays.stream(ids).boxed().toArray(Long[]::new);
    }

    static String[] dates(LocalDate... dates) {
        return Arrays.stream(dates).map(LocalDate::toString).toArray(String[]::new);
    }

    static AccessRows.UserRow user(String subject, String name, Role role, boolean allUnits) {
        AccessRows.UserRow row = new AccessRows.UserRow();
        row.subject = subject;
        row.displayName = name;
        row.role = role;
        row.allUnits = allUnits;
        row.active = true;
        row.updatedBy = "test";
        return row;
    }

    /** A user written by the mapper, with these units as her scope. */
    static long insertUser(AccessMapper m, String subject, String name, long... scope) {
        long id = m.insertUser(user(subject, name, Role.COMMUNE_OFFICER, false));
        if (scope.length > 0) {
            m.addScope(id, ids(scope));
        }
        return id;
    }

    @Test
    void in_scope_answers_the_positions_of_the_units_that_lie_in_the_scope_each_placed_on_the_map_of_its_own_date() {
        // given six (unit, date) keys
        Long[] units = ids(dong, dong, an, an, anBinh, binh);
        String[] on = dates(BEFORE_MERGER, AFTER_MERGER, BEFORE_MERGER, AFTER_MERGER, BEFORE_MERGER, BEFORE_MERGER);

        // when
        List<Integer> ofAn = sql(m -> m.inScope(units, on, ids(an)));
        List<Integer> ofAnBinh = sql(m -> m.inScope(units, on, ids(anBinh)));

        // then: after the merger Xã An is placed on Xã An Bình; before it, Xã An Bình is placed on its
        // predecessor of the lowest code (both gave it their whole territory), Xã An
        assertThat(ofAn).containsExactlyInAnyOrder(1, 3, 5);
        assertThat(ofAnBinh).containsExactlyInAnyOrder(2, 4);
    }

    @Test
    void scope_intervals_give_each_unit_under_a_root_the_period_it_lay_there() {
        // given the villages of Xã An, which moved to Xã An Bình on 2025-07-01

        // when
        List<AccessRows.IntervalRow> underAn = sql(m -> m.scopeIntervals(ids(an)));
        List<AccessRows.IntervalRow> underAnBinh = sql(m -> m.scopeIntervals(ids(anBinh)));

        // then
        assertThat(underAn).extracting(r -> r.unitId, r -> r.validFrom, r -> r.validTo).containsExactlyInAnyOrder(
                tuple(an, FIRST_LIST, MERGER), tuple(dong, FIRST_LIST, MERGER), tuple(doai, FIRST_LIST, MERGER));
        assertThat(underAnBinh).extracting(r -> r.unitId, r -> r.validFrom, r -> r.validTo).containsExactlyInAnyOrder(
                tuple(anBinh, MERGER, null), tuple(dong, MERGER, null), tuple(doai, MERGER, null),
                tuple(unit("10002.01", FIRST_LIST), MERGER, null));
    }

    @Test
    void users_of_a_scope_are_those_whose_every_unit_lies_in_it_today_an_ended_unit_seen_on_its_last_day() {
        rolledBack(m -> {
            // given six users
            insertUser(m, "anh", "Anh (Thôn Đông)", dong);
            insertUser(m, "binh", "Bình (Xã An)", an);
            insertUser(m, "cuc", "Cúc (Xã An, Phường Bình)", an, binh);
            insertUser(m, "dung", "Dũng (Xã An Bình)", anBinh);
            m.insertUser(user("em", "Em (cả nước)", Role.PROVINCE_ADMIN, true));
            insertUser(m, "giang", "Giang (chưa có đơn vị)");

            // when
            List<AccessRows.UserRow> ofAn = m.users(ids(an), TODAY, 0, 10);
            List<AccessRows.UserRow> ofAnBinh = m.users(ids(anBinh), TODAY, 0, 10);
            List<AccessRows.UserRow> ofTheProvince = m.users(ids(province), TODAY, 0, 10);
            List<AccessRows.UserRow> secondPage = m.users(ids(province), TODAY, 1, 2);
            List<AccessRows.UserRow> everyone = m.users(null, TODAY, 0, 10);

            // then: Xã An is read on 2025-06-30, Thôn Đông today (under Xã An Bình); a user of the
            // whole country or of no unit is managed only by an unrestricted administrator
            assertThat(ofAn).extracting(r -> r.subject).containsExactly("binh");
            assertThat(ofAnBinh).extracting(r -> r.subject).containsExactly("anh", "dung");
            assertThat(ofTheProvince).extracting(r -> r.subject).containsExactly("anh", "binh", "cuc", "dung");
            assertThat(secondPage).extracting(r -> r.subject).containsExactly("binh", "cuc");
            assertThat(everyone).extracting(r -> r.subject).containsExactly("anh", "binh", "cuc", "dung", "em", "giang");
            assertThat(m.countUsers(ids(an), TODAY)).isEqualTo(1);
            assertThat(m.countUsers(ids(province), TODAY)).isEqualTo(4);
            assertThat(m.countUsers(null, TODAY)).isEqualTo(6);
        });
    }

    @Test
    void a_user_reads_back_with_her_scope_in_unit_order_each_unit_once_and_an_update_replaces_it() {
        rolledBack(m -> {
            // given
            long id = m.insertUser(user("lan", "Nguyễn Thị Lan", Role.COMMUNE_OFFICER, false));
            int added = m.addScope(id, ids(binh, an, an));

            // when
            AccessRows.UserRow created = m.user(id);
            AccessRows.UserRow changed = user("lan", "Nguyễn Thị Lan", Role.VIEWER, false);
            changed.id = id;
            changed.active = false;
            changed.updatedBy = "admin";
            m.updateUser(changed);
            int cleared = m.clearScope(id);
            m.addScope(id, ids(anBinh));
            AccessRows.UserRow updated = m.userBySubject("lan");

            // then
            assertThat(added).isEqualTo(2);
            assertThat(created.scopeIds()).containsExactly(Math.min(an, binh), Math.max(an, binh));
            assertThat(created.role).isEqualTo(Role.COMMUNE_OFFICER);
            assertThat(created.active).isTrue();
            assertThat(cleared).isEqualTo(2);
            assertThat(updated.id).isEqualTo(id);
            assertThat(updated.scopeIds()).containsExactly(anBinh);
            assertThat(updated.role).isEqualTo(Role.VIEWER);
            assertThat(updated.active).isFalse();
            assertThat(updated.updatedBy).isEqualTo("admin");
            assertThat(m.userBySubject("nobody")).isNull();
        });
    }

    @Test
    void member_exists_for_a_member_of_the_teams_and_not_for_an_unknown_id() {
        // given one member

        // when
        boolean known = sql(m -> m.memberExists(member));
        boolean unknown = sql(m -> m.memberExists(member + 1_000));

        // then
        assertThat(known).isTrue();
        assertThat(unknown).isFalse();
    }
}
