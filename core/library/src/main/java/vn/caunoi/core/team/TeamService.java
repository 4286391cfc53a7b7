package vn.caunoi.core.team;

import org.apache.ibatis.exceptions.PersistenceException;
import vn.caunoi.core.Created;
import vn.caunoi.core.InvalidInputException;
import vn.caunoi.core.Page;
import vn.caunoi.core.PageRequest;
import vn.caunoi.core.Problems;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.access.Role;
import vn.caunoi.core.store.AccessMapper;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.store.TeamMapper;
import vn.caunoi.core.store.TeamRows;
import vn.caunoi.core.store.UnitRow;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Teams, their members and memberships, and how well they cover an area.
 *
 * <p>A team stays attached to the unit it was established in; on the map of a later date it works
 * in that unit's successor, so the teams of two merged communes appear under the new commune after
 * the merger and under the old ones before, and nothing is lost.
 */
public final class TeamService {

    /** Vietnamese phone numbers: 0 or +84, then 9 digits (10 for some landlines); spaces, dots and dashes ignored. */
    private static final Pattern PHONE = Pattern.compile("(?:\\+84|0)\\d{9,10}");

    public record NewTeam(String idempotencyKey, String unitCode, String name, LocalDate establishedOn) {
    }

    public record NewMember(String idempotencyKey, Long teamId, String fullName, Affiliation affiliation, String phone,
                            TeamRole role, LocalDate from) {
    }

    public record NewMembership(String idempotencyKey, Long memberId, Long teamId, TeamRole role, LocalDate from) {
    }

    /** A member as added, with the membership that placed them in the team. */
    public record MemberInTeam(Member member, Membership membership) {
    }

    public record TeamQuery(String under, LocalDate asOf, TeamStatus status, UnitLevel level, PageRequest page) {
    }

    public record MemberQuery(String under, LocalDate asOf, Long teamId, Affiliation affiliation, PageRequest page) {
    }

    /** One member of a roster; the same {@code personKey} in two teams is one person in both. */
    public record RosterMember(String personKey, String fullName, Affiliation affiliation, String phone, TeamRole role) {
    }

    /** A team of a roster, in unit {@code unitId} (valid on {@code establishedOn}), with its first members. */
    public record RosterTeam(long unitId, UnitLevel level, String name, LocalDate establishedOn, List<RosterMember> members) {
    }

    /** A team seen on a date: the key of its area and status. */
    public record TeamAt(long teamId, LocalDate date) {
    }

    /** Who reads team data: everyone signed in; viewers too (aggregates and team data, no person-level records). */
    static final Role[] READERS = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER, Role.VIEWER};
    /** Who manages teams and their members. */
    static final Role[] MANAGERS = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER};

    private final Database db;
    private final HierarchyService hierarchy;
    private final Access access;
    private final Supplier<PersonalDataProtector> protector;

    public TeamService(Database db, HierarchyService hierarchy, Access access, Supplier<PersonalDataProtector> protector) {
        this.db = Objects.requireNonNull(db);
        this.hierarchy = Objects.requireNonNull(hierarchy);
        this.access = Objects.requireNonNull(access);
        this.protector = Objects.requireNonNull(protector);
    }

    // --- writes ------------------------------------------------------------------------------

    public Created<Team> createTeam(Actor actor, NewTeam input) {
        Access.require(actor, "create teams", MANAGERS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, input.idempotencyKey());
        String name = p.text("name", input.name(), 200);
        LocalDate on = p.required("establishedOn", input.establishedOn());
        AdministrativeUnit unit = null;
        if (p.text("unit", input.unitCode(), 20) != null && on != null) {
            unit = hierarchy.unit(actor, input.unitCode(), on).orElse(null);
            if (unit == null) {
                p.add("unit", "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(input.unitCode()) + " on " + on);
            } else if (unit.level() != UnitLevel.COMMUNE && unit.level() != UnitLevel.VILLAGE) {
                p.add("unit", "NOT_COMMUNE_OR_VILLAGE", "a team belongs to a commune or a village, not a " + unit.level().name().toLowerCase());
            }
        }
        p.throwIfAny();
        access.requireIn(actor, unit.id(), on, unit.fullName());
        AdministrativeUnit at = unit;
        String fingerprint = fingerprint("createTeam", at.id(), name, on);
        return db.inTransaction(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            Idempotency.Outcome outcome = Idempotency.once(s, "createTeam", key, fingerprint, () -> {
                long id = m.insertTeam(at.id(), at.level(), name, on);
                m.insertStatus(id, TeamStatus.ACTIVE, on, null);
                return id;
            });
            return new Created<>(teamIn(m, outcome.id(), on), outcome.replayed());
        });
    }

    /** Suspends, reactivates or dissolves a team from a date; dissolving ends its memberships on that date. */
    public Team changeStatus(Actor actor, Long teamId, TeamStatus status, LocalDate on, String reason) {
        Access.require(actor, "change the status of teams", MANAGERS);
        Problems p = new Problems();
        p.required("team", teamId);
        p.required("status", status);
        p.required("effectiveOn", on);
        String why = p.optionalText("reason", reason, 500);
        p.throwIfAny();
        return db.inTransaction(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            Team team = existing(m, teamId, on, "team");
            Access.requireIn(s, actor, team.unitId(), on, "the team");
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
            return teamIn(m, teamId, on);
        });
    }

    public Created<MemberInTeam> addMember(Actor actor, NewMember input) {
        Access.require(actor, "add members", MANAGERS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, input.idempotencyKey());
        String name = p.text("fullName", input.fullName(), 200);
        p.required("affiliation", input.affiliation());
        TeamRole role = input.role() == null ? TeamRole.MEMBER : input.role();
        LocalDate from = p.required("from", input.from());
        p.required("team", input.teamId());
        String phone = null;
        if (input.phone() != null && !input.phone().isBlank()) {
            phone = input.phone().replaceAll("[\\s.\\-()]", "");
            if (!PHONE.matcher(phone).matches()) {
                p.add("phone", "NOT_A_PHONE_NUMBER", "phone must be a Vietnamese number: 0 or +84 followed by 9 or 10 digits");
                phone = null;
            }
        }
        p.throwIfAny();
        PersonalDataProtector protect = phone == null ? null : protector.get();
        String cleanPhone = phone;
        String fingerprint = fingerprint("addMember", input.teamId(), name, input.affiliation(), cleanPhone == null ? "" : protect.fingerprint(cleanPhone), role, from);
        return db.inTransaction(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            Team team = existing(m, input.teamId(), from, "team");
            Access.requireIn(s, actor, team.unitId(), from, "the team");
            requireOpenOn(team, from, "from");
            Idempotency.Outcome outcome = Idempotency.once(s, "addMember", key, fingerprint, () -> {
                long memberId = m.insertMember(name, input.affiliation(), cleanPhone == null ? null : protect.encrypt(cleanPhone),
                        cleanPhone == null ? null : PersonalDataProtector.mask(cleanPhone, 3));
                return joined(m, memberId, team, role, from);
            });
            Membership membership = m.membership(outcome.id()).membership();
            Member member = m.membersByIds(new Long[]{membership.memberId()}).get(0).member();
            return new Created<>(new MemberInTeam(member, membership), outcome.replayed());
        });
    }

    /** Places an existing member in a (further) team: one person may be in a commune team and a village team. */
    public Created<Membership> addMembership(Actor actor, NewMembership input) {
        Access.require(actor, "add memberships", MANAGERS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, input.idempotencyKey());
        p.required("member", input.memberId());
        p.required("team", input.teamId());
        LocalDate from = p.required("from", input.from());
        TeamRole role = input.role() == null ? TeamRole.MEMBER : input.role();
        p.throwIfAny();
        String fingerprint = fingerprint("addMembership", input.memberId(), input.teamId(), role, from);
        try {
            return db.inTransaction(s -> {
                TeamMapper m = s.getMapper(TeamMapper.class);
                if (m.membersByIds(new Long[]{input.memberId()}).isEmpty()) {
                    throw new InvalidInputException("member", "UNKNOWN_MEMBER", "no member " + input.memberId());
                }
                Team team = existing(m, input.teamId(), from, "team");
                Access.requireIn(s, actor, team.unitId(), from, "the team");
                requireOpenOn(team, from, "from");
                Idempotency.Outcome outcome = Idempotency.once(s, "addMembership", key, fingerprint,
                        () -> joined(m, input.memberId(), team, role, from));
                return new Created<>(m.membership(outcome.id()).membership(), outcome.replayed());
            });
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
                throw new InvalidInputException("team", "ALREADY_MEMBER",
                        "the member is already in this team during that period");
            }
            throw e;
        }
    }

    public Membership endMembership(Actor actor, Long membershipId, LocalDate on) {
        Access.require(actor, "end memberships", MANAGERS);
        Problems p = new Problems();
        p.required("membership", membershipId);
        p.required("on", on);
        p.throwIfAny();
        return db.inTransaction(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            TeamRows.MembershipRow row = m.membership(membershipId);
            if (row == null) {
                throw new InvalidInputException("membership", "UNKNOWN_MEMBERSHIP", "no membership " + membershipId);
            }
            Access.requireIn(s, actor, existing(m, row.teamId, on, "membership").unitId(), on, "the team");
            if (!on.isAfter(row.validFrom)) {
                throw new InvalidInputException("on", "BEFORE_START", "on (" + on + ") must be after the membership began (" + row.validFrom + ")");
            }
            if (row.validTo != null && !on.isBefore(row.validTo)) {
                throw new InvalidInputException("on", "ALREADY_ENDED", "the membership already ended on " + row.validTo);
            }
            m.endMembership(membershipId, on);
            return m.membership(membershipId).membership();
        });
    }

    /**
     * Imports a whole roster (a province's list of teams and members) in one transaction with
     * set-based writes: for the first load of a province, not for day-to-day changes.
     * Returns the number of teams created.
     */
    public int importRoster(Actor actor, List<RosterTeam> roster) {
        Access.require(actor, "import rosters", Role.PROVINCE_ADMIN);
        if (!actor.unrestricted()) {
            roster.forEach(t -> access.requireIn(actor, t.unitId(), t.establishedOn(), "a team of the roster"));
        }
        PersonalDataProtector protect = protector.get();
        Map<String, TeamRows.MemberRow> people = new LinkedHashMap<>();
        for (RosterTeam t : roster) {
            for (RosterMember rm : t.members()) {
                people.computeIfAbsent(rm.personKey(), k -> {
                    TeamRows.MemberRow row = new TeamRows.MemberRow();
                    row.fullName = rm.fullName();
                    row.affiliation = rm.affiliation();
                    if (rm.phone() != null) {
                        row.phoneCipher = protect.encrypt(rm.phone());
                        row.phoneMasked = PersonalDataProtector.mask(rm.phone(), 3);
                    }
                    return row;
                });
            }
        }
        List<TeamRows.TeamRow> teams = roster.stream().map(t -> {
            TeamRows.TeamRow row = new TeamRows.TeamRow();
            row.unitId = t.unitId();
            row.level = t.level();
            row.name = t.name();
            row.establishedOn = t.establishedOn();
            return row;
        }).toList();
        return db.bulk(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            for (List<TeamRows.MemberRow> chunk : Database.chunks(new ArrayList<>(people.values()))) {
                m.insertMembers(chunk);
            }
            for (List<TeamRows.TeamRow> chunk : Database.chunks(teams)) {
                m.insertTeams(chunk);
                m.insertInitialStatuses(chunk);
            }
            List<TeamRows.MembershipRow> memberships = new ArrayList<>();
            for (int i = 0; i < roster.size(); i++) {
                for (RosterMember rm : roster.get(i).members()) {
                    TeamRows.MembershipRow row = new TeamRows.MembershipRow();
                    row.memberId = people.get(rm.personKey()).id;
                    row.teamId = teams.get(i).id;
                    row.role = rm.role();
                    row.validFrom = roster.get(i).establishedOn();
                    memberships.add(row);
                }
            }
            for (List<TeamRows.MembershipRow> chunk : Database.chunks(memberships)) {
                m.insertMemberships(chunk);
            }
            m.analyze();
            return teams.size();
        });
    }

    /** Ids of the teams that exist on {@code date} under {@code under}, for bulk work. */
    public List<Long> teamIdsUnder(Actor actor, String under, LocalDate date) {
        long root = root(actor, under, date);
        return db.read(s -> s.getMapper(TeamMapper.class).searchTeams(root, date, null, null, 0, Integer.MAX_VALUE))
                .stream().map(r -> r.id).toList();
    }

    /** The full phone number of a member: for the managers of a team she is or was in. */
    public String phone(Actor actor, long memberId) {
        Access.require(actor, "read phone numbers in full", MANAGERS);
        if (!actor.unrestricted() && db.read(s -> s.getMapper(AccessMapper.class).membersInScope(new Long[]{memberId}, actor.scopeArray())).isEmpty()) {
            throw vn.caunoi.core.access.AccessDeniedException.of(actor, "the member is outside your scope");
        }
        TeamRows.MemberRow row = db.read(s -> s.getMapper(TeamMapper.class).phoneCipher(memberId));
        if (row == null) {
            throw new InvalidInputException("member", "UNKNOWN_MEMBER", "no member " + memberId);
        }
        return row.phoneCipher == null ? null : protector.get().decrypt(row.phoneCipher);
    }

    // --- reads ------------------------------------------------------------------------------

    public Page<Team> teams(Actor actor, TeamQuery q) {
        if (q.status() == TeamStatus.DISSOLVED) {
            throw new InvalidInputException("status", "NOT_A_FILTER", "teams lists the teams that exist on asOf; "
                    + "a dissolved team no longer does: ask for a date before its dissolution");
        }
        long root = root(actor, q.under(), q.asOf());
        return db.read(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            List<Team> items = q.page().limit() == 0 ? List.of()
                    : m.searchTeams(root, q.asOf(), q.status(), q.level(), q.page().offset(), q.page().limit()).stream().map(TeamRows.TeamRow::team).toList();
            return new Page<>(items, m.countTeams(root, q.asOf(), q.status(), q.level()), q.page().offset());
        });
    }

    public Page<Member> members(Actor actor, MemberQuery q) {
        long root = root(actor, q.under(), q.asOf());
        return db.read(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            List<Member> items = q.page().limit() == 0 ? List.of()
                    : m.searchMembers(root, q.asOf(), q.teamId(), q.affiliation(), q.page().offset(), q.page().limit()).stream()
                    .map(TeamRows.MemberRow::member).toList();
            return new Page<>(items, m.countMembers(root, q.asOf(), q.teamId(), q.affiliation()), q.page().offset());
        });
    }

    /** Teams by id, with their status on {@code date}. */
    public Map<Long, Team> teamsByIds(Actor actor, Collection<Long> ids, LocalDate date) {
        Objects.requireNonNull(actor, "actor");
        if (ids.isEmpty()) {
            return Map.of();
        }
        Access.require(actor, "read teams", READERS);
        Map<Long, Team> teams = db.read(s -> s.getMapper(TeamMapper.class).teamsByIds(ids.toArray(Long[]::new), date)).stream()
                .collect(Collectors.toMap(r -> r.id, TeamRows.TeamRow::team));
        Set<TeamAt> allowed = visible(actor, teams.keySet().stream().map(id -> new TeamAt(id, date)).toList());
        teams.keySet().removeIf(id -> !allowed.contains(new TeamAt(id, date)));
        return teams;
    }

    /** Of these teams on their dates, those working in the actor's scope then: one statement. */
    private Set<TeamAt> visible(Actor actor, Collection<TeamAt> keys) {
        if (actor.unrestricted() || keys.isEmpty()) {
            return new java.util.HashSet<>(keys);
        }
        List<TeamAt> list = List.copyOf(keys);
        List<Integer> positions = db.read(s -> s.getMapper(AccessMapper.class).teamsInScope(list.stream().map(TeamAt::teamId).toArray(Long[]::new),
                list.stream().map(k -> k.date().toString()).toArray(String[]::new), actor.scopeArray()));
        Set<TeamAt> result = new java.util.HashSet<>();
        positions.forEach(i -> result.add(list.get(i - 1)));
        return result;
    }

    /** Teams, each with its status on its own date: one statement for any mix of dates. */
    public Map<TeamAt, Team> teamsAt(Actor actor, Collection<TeamAt> asked) {
        Access.require(actor, "read teams", READERS);
        Collection<TeamAt> keys = visible(actor, asked);
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<TeamAt, Team> result = new LinkedHashMap<>();
        db.read(s -> s.getMapper(TeamMapper.class).teamsAt(keys.stream().map(TeamAt::teamId).toArray(Long[]::new),
                keys.stream().map(k -> k.date().toString()).toArray(String[]::new)))
                .forEach(r -> result.put(new TeamAt(r.id, r.keyDate), r.team()));
        return result;
    }

    /** The memberships of each team active on its own date, leaders first: one statement for any mix of dates. */
    public Map<TeamAt, List<Membership>> membershipsAt(Actor actor, Collection<TeamAt> asked) {
        Access.require(actor, "read memberships", READERS);
        Map<TeamAt, List<Membership>> result = new LinkedHashMap<>();
        asked.forEach(k -> result.put(k, new ArrayList<>()));
        Collection<TeamAt> keys = visible(actor, asked);
        if (!keys.isEmpty()) {
            db.read(s -> s.getMapper(TeamMapper.class).membershipsAt(keys.stream().map(TeamAt::teamId).toArray(Long[]::new),
                    keys.stream().map(k -> k.date().toString()).toArray(String[]::new)))
                    .forEach(r -> result.computeIfAbsent(new TeamAt(r.teamId, r.keyDate), k -> new ArrayList<>()).add(r.membership()));
        }
        return result;
    }

    /** The unit each team works in on each date. */
    public Map<TeamAt, AdministrativeUnit> areas(Actor actor, Collection<TeamAt> asked) {
        Access.require(actor, "read teams", READERS);
        Collection<TeamAt> keys = visible(actor, asked);
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<UnitRow> rows = db.read(s -> s.getMapper(TeamMapper.class).areasAt(
                keys.stream().map(TeamAt::teamId).toArray(Long[]::new), keys.stream().map(k -> k.date().toString()).toArray(String[]::new)));
        Map<TeamAt, AdministrativeUnit> result = new LinkedHashMap<>();
        rows.forEach(r -> result.put(new TeamAt(r.keyId, r.keyDate), r.unit()));
        return result;
    }

    /** The memberships of each team active on {@code date}, leaders first. */
    public Map<Long, List<Membership>> membershipsOfTeams(Actor actor, Collection<Long> teamIds, LocalDate date) {
        Access.require(actor, "read memberships", READERS);
        Map<Long, List<Membership>> result = new LinkedHashMap<>();
        teamIds.forEach(id -> result.put(id, new ArrayList<>()));
        List<Long> allowed = visible(actor, teamIds.stream().map(id -> new TeamAt(id, date)).toList()).stream().map(TeamAt::teamId).toList();
        if (!allowed.isEmpty()) {
            db.read(s -> s.getMapper(TeamMapper.class).membershipsOfTeams(allowed.toArray(Long[]::new), date))
                    .forEach(r -> result.get(r.teamId).add(r.membership()));
        }
        return result;
    }

    /** Every membership, past and present, of each member. */
    public Map<Long, List<Membership>> membershipsOfMembers(Actor actor, Collection<Long> memberIds) {
        Access.require(actor, "read memberships", READERS);
        Map<Long, List<Membership>> result = new LinkedHashMap<>();
        memberIds.forEach(id -> result.put(id, new ArrayList<>()));
        if (!memberIds.isEmpty()) {
            List<TeamRows.MembershipRow> rows = db.read(s -> s.getMapper(TeamMapper.class).membershipsOfMembers(memberIds.toArray(Long[]::new)));
            // Each membership shows when its team worked in the scope when it began.
            Set<TeamAt> allowed = visible(actor, rows.stream().map(r -> new TeamAt(r.teamId, r.validFrom)).toList());
            rows.stream().filter(r -> allowed.contains(new TeamAt(r.teamId, r.validFrom)))
                    .forEach(r -> result.get(r.memberId).add(r.membership()));
        }
        return result;
    }

    public Map<Long, Member> membersByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, "read members", READERS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Long[] wanted = ids.toArray(Long[]::new);
        return db.read(s -> {
            Set<Long> allowed = actor.unrestricted() ? Set.of(wanted)
                    : new java.util.HashSet<>(s.getMapper(AccessMapper.class).membersInScope(wanted, actor.scopeArray()));
            return s.getMapper(TeamMapper.class).membersByIds(wanted).stream().filter(r -> allowed.contains(r.id))
                    .collect(Collectors.toMap(r -> r.id, TeamRows.MemberRow::member));
        });
    }

    /**
     * Coverage of a province or commune by teams on a date. Public, for anyone and any unit: counts
     * of teams and members per unit, as provinces publish them, name nobody.
     */
    public Coverage coverage(Actor actor, String code, LocalDate asOf) {
        AdministrativeUnit unit = hierarchy.requireUnit(actor, "code", code, asOf);
        return db.read(s -> {
            TeamMapper m = s.getMapper(TeamMapper.class);
            TeamRows.CoverageRow c = m.coverage(unit.id(), asOf);
            Map<Affiliation, Long> byAffiliation = new EnumMap<>(Affiliation.class);
            m.membersByAffiliation(unit.id(), asOf).forEach(r -> byAffiliation.put(Affiliation.valueOf(r.key), r.count));
            return new Coverage(c.communes, c.communesWithTeam, c.villages, c.villagesWithTeam, c.teams, c.communeTeams,
                    c.villageTeams, c.members, c.communeMemberships, c.villageMemberships, byAffiliation);
        });
    }

    /** The unit a list is read under: only for readers, and inside their scope (so is everything under it). */
    private long root(Actor actor, String under, LocalDate asOf) {
        Access.require(actor, "read teams", READERS);
        AdministrativeUnit unit = hierarchy.requireUnit(actor, "under", under, asOf);
        access.requireIn(actor, unit.id(), asOf, unit.fullName());
        return unit.id();
    }

    private static Team existing(TeamMapper m, Long teamId, LocalDate date, String field) {
        List<TeamRows.TeamRow> rows = m.teamsByIds(new Long[]{teamId}, date);
        if (rows.isEmpty()) {
            throw new InvalidInputException(field, "UNKNOWN_TEAM", "no team " + teamId);
        }
        return rows.get(0).team();
    }

    /** A new membership; in a team dissolved later (back-dated entry) it ends with the team. */
    private static long joined(TeamMapper m, long memberId, Team team, TeamRole role, LocalDate from) {
        long id = m.insertMembership(memberId, team.id(), role, from);
        if (team.dissolvedOn() != null) {
            m.endMembership(id, team.dissolvedOn());
        }
        return id;
    }

    private static void requireOpenOn(Team team, LocalDate date, String field) {
        if (date.isBefore(team.establishedOn())) {
            throw new InvalidInputException(field, "BEFORE_ESTABLISHED", field + " (" + date + ") is before the team was established ("
                    + team.establishedOn() + ")");
        }
        if (team.dissolvedOn() != null && !date.isBefore(team.dissolvedOn())) {
            throw new InvalidInputException(field, "DISSOLVED", "the team was dissolved on " + team.dissolvedOn());
        }
    }

    private static Team teamIn(TeamMapper m, long id, LocalDate date) {
        return m.teamsByIds(new Long[]{id}, date).get(0).team();
    }

    private String fingerprint(Object... parts) {
        return protector.get().fingerprintOf(parts);
    }
}
