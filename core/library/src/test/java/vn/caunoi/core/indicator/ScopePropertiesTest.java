package vn.caunoi.core.indicator;

import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.activity.ActivityQuery;
import vn.caunoi.core.activity.SupportActivityService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.hierarchy.UnitQuery;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * For generated users (any role, any scope of units of any date) and generated questions (any
 * unit, any date) on {@link TinyProvince}, no read returns a row outside the user's scope, judged
 * by an independent model of the province's map.
 */
class ScopePropertiesTest {

    static TinyProvince province;
    /** Every unit, by id. */
    static Map<Long, AdministrativeUnit> units = new HashMap<>();
    static List<Long> teamIds = new ArrayList<>();
    static final LocalDate[] DATES = {LocalDate.of(2024, 6, 1), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 7, 1), LocalDate.of(2026, 1, 1)};
    static final LocalDate MERGER = LocalDate.of(2025, 7, 1);

    @BeforeAll
    static void load() {
        province = new TinyProvince().withAdoption().withPopulation().withTeams();
        for (LocalDate d : DATES) {
            province.caunoi.hierarchy().units(Fixtures.SYSTEM, new UnitQuery(null, null, null, d, new PageRequest(0, 500))).items()
                    .forEach(u -> units.put(u.id(), u));
        }
        // More teams and work after the merger, in the new communes' villages.
        TeamService teams = province.caunoi.teams();
        MemberService members = province.caunoi.members();
        for (String unit : List.of("10003", TinyProvince.C1, "10005")) {
            long team = teams.createTeam(Fixtures.SYSTEM, new TeamService.NewTeam("scope-team-" + unit, unit, "Tổ " + unit, MERGER)).value().id();
            members.addMember(Fixtures.SYSTEM, new MemberService.NewMember("scope-member-" + unit, team, "Thành viên " + unit,
                    vn.caunoi.core.team.Affiliation.VOLUNTEER, null, null, MERGER));
            province.caunoi.supportActivities().recordSupportActivity(Fixtures.SYSTEM, new SupportActivityService.NewSupportActivity("scope-act-" + unit,
                    team, null, vn.caunoi.core.activity.Activities.PlaceKind.VILLAGE, null, null,
                    vn.caunoi.core.activity.Activities.Channel.DOOR_TO_DOOR, LocalDate.of(2025, 8, 1), "id", "LEVEL_1", 1, null, null));
        }
        teamIds.addAll(teams.teamIdsUnder(Fixtures.SYSTEM, "10", LocalDate.of(2024, 6, 1)));
        teamIds.addAll(teams.teamIdsUnder(Fixtures.SYSTEM, "10", LocalDate.of(2026, 1, 1)));
    }

    // --- the model: the map of TinyProvince, written out -------------------------------------------

    /** The parent's code of a unit (by code) on a date. */
    static String parentOf(String code, LocalDate on) {
        boolean after = !on.isBefore(MERGER);
        if (code.contains(".")) {
            String commune = code.substring(0, 5);
            return after ? (commune.equals("10004") ? "10004" : "10003") : commune;
        }
        return switch (code) {
            case "10" -> null;
            case "100" -> "10";
            default -> after ? "10" : "100";
        };
    }

    /** The unit with a code on a date, by the model's reckoning (codes are reused: 10004 is two units). */
    static boolean sameUnit(AdministrativeUnit u, String code, LocalDate on) {
        return u.code().equals(code) && u.validOn(on);
    }

    /** Whether the unit (valid on the date) lies in the scope on that date, walking the model's parents. */
    static boolean inScope(AdministrativeUnit unit, LocalDate on, Set<Long> scope) {
        String code = unit.code();
        while (code != null) {
            String c = code;
            if (scope.stream().map(units::get).anyMatch(s -> sameUnit(s, c, on))) {
                return true;
            }
            code = parentOf(code, on);
        }
        return false;
    }

    // --- generated users and questions -----------------------------------------------------------

    record Question(Role role, Set<Long> scope, AdministrativeUnit under, LocalDate on) {
    }

    static Gen<Question> questions() {
        Role[] roles = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER, Role.VIEWER};
        return lists().of(integers().between(0, 1000)).ofSize(6).map(ints -> {
            List<Long> ids = new ArrayList<>(new java.util.TreeSet<>(units.keySet()));
            Set<Long> scope = new HashSet<>();
            for (int i = 0; i <= ints.get(1) % 2; i++) {
                scope.add(ids.get(ints.get(2 + i) % ids.size()));
            }
            LocalDate on = DATES[ints.get(4) % DATES.length];
            List<AdministrativeUnit> valid = units.values().stream().filter(u -> u.validOn(on)).sorted(java.util.Comparator.comparing(AdministrativeUnit::id)).toList();
            return new Question(roles[ints.get(0) % roles.length], scope, valid.get(ints.get(5) % valid.size()), on);
        });
    }

    static <T> T orRefused(Supplier<T> read) {
        try {
            return read.get();
        } catch (AccessDeniedException refused) {
            return null;
        }
    }

    @Test
    void no_read_returns_a_row_outside_the_scope() {
        qt().withFixedSeed(20260101L).withExamples(150).forAll(questions()).checkAssert(q -> {
            Actor actor = Actor.user("u", q.role(), false, q.scope(), null);
            boolean underInScope = inScope(q.under(), q.on(), q.scope());
            var caunoi = province.caunoi;
            String where = q + " (under in scope: " + underInScope + ")";

            var teams = orRefused(() -> caunoi.teams().teams(actor, new TeamService.TeamQuery(q.under().code(), q.on(), null, null,
                    new PageRequest(0, 100))));
            assertThat(teams != null).as("a list is refused exactly when its unit is outside the scope: %s", where).isEqualTo(underInScope);
            if (teams != null) {
                var areas = caunoi.teams().areas(Fixtures.SYSTEM, teams.items().stream().map(t -> new TeamService.TeamAt(t.id(), q.on())).toList());
                areas.values().forEach(a -> assertThat(inScope(a, q.on(), q.scope())).as("team area %s: %s", a.code(), where).isTrue());
            }
            var activities = orRefused(() -> caunoi.supportActivities().supportActivities(actor, new ActivityQuery(q.under().code(), q.on(),
                    null, null, null, null, null, null, null, new PageRequest(0, 100))));
            if (activities != null) {
                // Judged on the day it happened: a merged commune's history is its own officers'.
                activities.items().forEach(a -> assertThat(inScope(units.get(a.unitId()), a.occurredOn(), q.scope()))
                        .as("activity %s: %s", a, where).isTrue());
            }
            var trainings = orRefused(() -> caunoi.trainings().trainings(actor, new ActivityQuery(q.under().code(), q.on(),
                    null, null, null, null, null, null, null, new PageRequest(0, 100))));
            if (trainings != null) {
                trainings.items().forEach(t -> assertThat(inScope(units.get(t.unitId()), t.heldOn(), q.scope())).as("training %s: %s", t, where).isTrue());
            }
            // Teams by id, whatever ids are asked: only those working in the scope on the date.
            Map<Long, Team> byId = orRefused(() -> caunoi.teams().teamsByIds(actor, teamIds, q.on()));
            if (byId != null) {
                var areas = caunoi.teams().areas(Fixtures.SYSTEM, byId.keySet().stream().map(id -> new TeamService.TeamAt(id, q.on())).toList());
                areas.values().forEach(a -> assertThat(inScope(a, q.on(), q.scope())).as("team by id in %s: %s", a.code(), where).isTrue());
            }
            // Residents: one only when she lives in the scope today.
            for (int n : new int[]{1, 4, 6, 7}) {
                var found = orRefused(() -> caunoi.residents().resident(actor, vn.caunoi.core.Fixtures.citizenId(n, 1980, false)));
                if (found != null && found.isPresent()) {
                    AdministrativeUnit village = units.get(found.get().resident().villageId());
                    assertThat(inScope(village, LocalDate.now(), q.scope())).as("resident %d in %s: %s", n, village.code(), where).isTrue();
                }
            }
            // Indicators: the full view only inside the scope; outside, the public's (small cells withheld).
            if (q.under().level() != UnitLevel.VILLAGE) {
                var rates = caunoi.rates().adoptionRates(actor, new Indicators.RateQuery(q.under().code(), UnitLevel.VILLAGE, "id", null,
                        Period.upTo(LocalDate.of(2026, 1, 1)), q.on()));
                if (!underInScope) {
                    assertThat(rates).as("public view outside the scope: %s", where).allMatch(r -> r.suppressed() && r.adopters() == null);
                }
            }
        });
    }
}
