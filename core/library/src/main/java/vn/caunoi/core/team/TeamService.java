package vn.caunoi.core.team;

import org.apache.ibatis.exceptions.PersistenceException;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Tx;
import vn.caunoi.core.store.Idempotency;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Teams: their creation and status, the teams of an area, and how well they cover it.
 *
 * <p>A team stays attached to the unit it was established in; on the map of a later date it works
 * in that unit's successor, so the teams of two merged communes appear under the new commune after
 * the merger and under the old ones before, and nothing is lost.
 */
public final class TeamService {

    public record NewTeam(String idempotencyKey, String unitCode, String name, LocalDate establishedOn) {
    }

    public record TeamQuery(String under, LocalDate asOf, TeamStatus status, UnitLevel level, PageRequest page) {
    }

    /** A team seen on a date: the key of its area and status. */
    public record TeamAt(long teamId, LocalDate date) {
    }

    private final Context ctx;
    private final Database db;

    public TeamService(Context ctx) {
        this.ctx = ctx;
        this.db = ctx.db();
        db.register(TeamMapper.class);
    }

    // --- writes ------------------------------------------------------------------------------

    public Created<Team> createTeam(Actor actor, NewTeam input) {
        Access.require(actor, Operation.MANAGE_TEAMS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, input.idempotencyKey());
        String name = p.text("name", input.name(), 200);
        LocalDate on = p.required("establishedOn", input.establishedOn());
        AdministrativeUnit unit = null;
        if (p.text("unit", input.unitCode(), 20) != null && on != null) {
            unit = ctx.hierarchy().unit(actor, input.unitCode(), on).orElse(null);
            if (unit == null) {
                p.add("unit", "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(input.unitCode()) + " on " + on);
            } else if (unit.level() != UnitLevel.COMMUNE && unit.level() != UnitLevel.VILLAGE) {
                p.add("unit", "NOT_COMMUNE_OR_VILLAGE", "a team belongs to a commune or a village, not a " + unit.level().name().toLowerCase());
            }
        }
        p.throwIfAny();
        ctx.access().requireIn(actor, unit.id(), on, unit.fullName());
        AdministrativeUnit at = unit;
        String fingerprint = Idempotency.fingerprint("createTeam", at.id(), name, on);
        return db.inTransaction(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            Idempotency.Outcome outcome = Idempotency.once(tx, "createTeam", key, fingerprint, () -> {
                long id = m.insertTeam(at.id(), at.level(), name, on);
                m.insertStatus(id, TeamStatus.ACTIVE, on, null);
                return id;
            });
            return new Created<>(teamOn(m, outcome.id(), on), outcome.replayed());
        });
    }

    /** Suspends, reactivates or dissolves a team from a date; dissolving ends its memberships on that date. */
    public Team changeStatus(Actor actor, Long teamId, TeamStatus status, LocalDate on, String reason) {
        Access.require(actor, Operation.MANAGE_TEAMS);
        Problems p = new Problems();
        p.required("team", teamId);
        p.required("status", status);
        p.required("effectiveOn", on);
        String why = p.optionalText("reason", reason, 500);
        p.throwIfAny();
        return db.inTransaction(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            Team team = existing(m, teamId, on, "team");
            ctx.access().requireIn(actor, team.unitId(), on, "the team");
            if (on.isBefore(team.establishedOn())) {
                throw new InvalidInputException("effectiveOn", "BEFORE_ESTABLISHED",
                        "effectiveOn (" + on + ") is before the team was established (" + team.establishedOn() + ")");
            }
            if (team.dissolvedOn() != null) {
                throw new InvalidInputException("team", "DISSOLVED", "the team was dissolved on " + team.dissolvedOn());
            }
            LocalDate latest = m.latestStatusChange(teamId);
            if (latest != null && on.isBefore(latest)) {
                throw new InvalidInputException("effectiveOn", "BEFORE_LAST_CHANGE",
                        "effectiveOn (" + on + ") is before the team's last status change (" + latest + "); history is not rewritten");
            }
            if (status == TeamStatus.DISSOLVED) {
                if (!on.isAfter(team.establishedOn())) {
                    throw new InvalidInputException("effectiveOn", "NOT_AFTER_ESTABLISHED",
                            "a team is dissolved after the day it was established (" + team.establishedOn() + ")");
                }
                if (m.membershipsStartingFrom(teamId, on) > 0) {
                    throw new InvalidInputException("effectiveOn", "MEMBERS_JOIN_LATER",
                            "members joined the team on or after " + on + "; end those memberships first");
                }
            }
            m.insertStatus(teamId, status, on, why);
            if (status == TeamStatus.DISSOLVED) {
                m.dissolve(teamId, on);
                m.membershipsOfTeams(new Long[]{teamId}, on.minusDays(1)).stream()
                        .filter(ms -> ms.validTo == null || ms.validTo.isAfter(on))
                        .forEach(ms -> m.endMembership(ms.id, on));
            }
            return teamOn(m, teamId, on);
        });
    }

    // --- reads ---------------------------------------------------------------------------------

    public Page<Team> teams(Actor actor, TeamQuery q) {
        if (q.status() == TeamStatus.DISSOLVED) {
            throw new InvalidInputException("status", "NOT_A_FILTER", "teams lists the teams that exist on asOf; "
                    + "a dissolved team no longer does: ask for a date before its dissolution");
        }
        long root = root(actor, q.under(), q.asOf());
        return db.read(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            Page<Team> page = Page.read(q.page(), (offset, limit) -> m.searchTeams(root, q.asOf(), q.status(),
                    q.level(), offset, limit).stream().map(TeamRows.TeamRow::team).toList(),
                    () -> m.countTeams(root, q.asOf(), q.status(), q.level()));
            // Teams working under a unit of her scope on asOf are in her scope on asOf.
            tx.shown(actor, page.items().stream().map(t -> new TeamAt(t.id(), q.asOf())).toList());
            return page;
        });
    }

    /** Ids of the teams that exist on {@code date} under {@code under}, for bulk work. */
    public List<Long> teamIdsUnder(Actor actor, String under, LocalDate date) {
        long root = root(actor, under, date);
        return db.read(tx -> tx.mapper(TeamMapper.class).searchTeams(root, date, null, null, 0, Integer.MAX_VALUE))
                .stream().map(r -> r.id).toList();
    }

    /** Teams by id, with their status on {@code date}. */
    public Map<Long, Team> teamsByIds(Actor actor, Collection<Long> ids, LocalDate date) {
        Access.require(actor, Operation.READ_TEAMS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Team> teams = db.read(tx -> tx.mapper(TeamMapper.class).teamsByIds(ids.toArray(Long[]::new), date)).stream()
                .collect(Collectors.toMap(r -> r.id, TeamRows.TeamRow::team));
        Set<TeamAt> allowed = visible(actor, teams.keySet().stream().map(id -> new TeamAt(id, date)).toList());
        teams.keySet().removeIf(id -> !allowed.contains(new TeamAt(id, date)));
        return teams;
    }

    /** Teams, each with its status on its own date: one statement for any mix of dates. */
    public Map<TeamAt, Team> teamsAt(Actor actor, Collection<TeamAt> asked) {
        Access.require(actor, Operation.READ_TEAMS);
        Collection<TeamAt> keys = visible(actor, asked);
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<TeamAt, Team> result = new LinkedHashMap<>();
        db.read(tx -> tx.mapper(TeamMapper.class).teamsAt(teamIds(keys), dates(keys)))
                .forEach(r -> result.put(new TeamAt(r.id, r.keyDate), r.team()));
        return result;
    }

    /** The unit each team works in on each date: its own unit placed on the map of that date. */
    public Map<TeamAt, AdministrativeUnit> areas(Actor actor, Collection<TeamAt> asked) {
        Map<TeamAt, Team> teams = teamsAt(actor, asked);
        Map<UnitAt, AdministrativeUnit> placed = ctx.hierarchy().placedOn(actor,
                teams.entrySet().stream().map(e -> new UnitAt(e.getValue().unitId(), e.getKey().date())).distinct().toList());
        Map<TeamAt, AdministrativeUnit> result = new LinkedHashMap<>();
        teams.forEach((key, team) -> {
            AdministrativeUnit unit = placed.get(new UnitAt(team.unitId(), key.date()));
            if (unit != null) {
                result.put(key, unit);
            }
        });
        return result;
    }

    /** Coverage of a province or commune by teams on a date: public, for any unit (counts name nobody). */
    public Coverage coverage(Actor actor, String code, LocalDate asOf) {
        Access.require(actor, Operation.READ_COVERAGE);
        AdministrativeUnit unit = ctx.hierarchy().requireUnit(actor, "code", code, asOf);
        return db.read(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            TeamRows.CoverageRow c = m.coverage(unit.id(), asOf);
            Map<Affiliation, Long> byAffiliation = new EnumMap<>(Affiliation.class);
            m.membersByAffiliation(unit.id(), asOf).forEach(r -> byAffiliation.put(Affiliation.valueOf(r.key), r.count));
            return new Coverage(c.communes, c.communesWithTeam, c.villages, c.villagesWithTeam, c.teams, c.communeTeams,
                    c.villageTeams, c.members, c.communeMemberships, c.villageMemberships, byAffiliation);
        });
    }

    /** Whether the member belonged to the team on the date. */
    public boolean isMember(Actor actor, long memberId, long teamId, LocalDate on) {
        Access.require(actor, Operation.READ_TEAMS);
        return db.read(tx -> tx.mapper(TeamMapper.class).memberInTeam(memberId, teamId, on));
    }

    // --- shared with the members of the teams (this package) ---------------------------------

    /** Of these teams on their dates, those working in the actor's scope then: one statement. */
    Set<TeamAt> visible(Actor actor, Collection<TeamAt> keys) {
        if (actor.unrestricted() || keys.isEmpty()) {
            return new HashSet<>(keys);
        }
        List<TeamAt> list = List.copyOf(keys);
        return db.read(tx -> {
            Set<TeamAt> result = new HashSet<>();
            tx.mapper(TeamMapper.class).teamsInScope(teamIds(list), dates(list), actor.scopeArray()).forEach(i -> result.add(list.get(i - 1)));
            tx.shown(actor, result);
            return result;
        });
    }

    /** The unit a list is read under: only for readers, and inside their scope (so is everything under it). */
    long root(Actor actor, String under, LocalDate asOf) {
        Access.require(actor, Operation.READ_TEAMS);
        java.util.function.Function<Tx, Long> lookUp = tx -> {
            AdministrativeUnit unit = ctx.hierarchy().requireUnit(actor, "under", under, asOf);
            ctx.access().requireIn(actor, unit.id(), asOf, unit.fullName());
            return unit.id();
        };
        // A scoped actor's two lookups of one unit, whose plans do not depend on their values:
        // planned once. An unrestricted one's single lookup is not worth the two round trips.
        return actor.unrestricted() ? db.read(lookUp) : db.read(tx -> tx.withOnePlan(lookUp));
    }

    static Team existing(TeamMapper m, Long teamId, LocalDate date, String field) {
        List<TeamRows.TeamRow> rows = m.teamsByIds(new Long[]{teamId}, date);
        if (rows.isEmpty()) {
            throw new InvalidInputException(field, "UNKNOWN_TEAM", "no team " + teamId);
        }
        return rows.get(0).team();
    }

    /** The exclusion constraint of memberships (23P01): the member is already in the team then. */
    static boolean alreadyMember(PersistenceException e) {
        return Database.sqlState(e, "23P01");
    }

    private static Team teamOn(TeamMapper m, long id, LocalDate date) {
        return m.teamsByIds(new Long[]{id}, date).get(0).team();
    }

    static Long[] teamIds(Collection<TeamAt> keys) {
        return keys.stream().map(TeamAt::teamId).toArray(Long[]::new);
    }

    static String[] dates(Collection<TeamAt> keys) {
        return keys.stream().map(k -> k.date().toString()).toArray(String[]::new);
    }
}
