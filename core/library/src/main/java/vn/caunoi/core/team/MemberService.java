package vn.caunoi.core.team;

import org.apache.ibatis.exceptions.PersistenceException;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.team.TeamService.TeamAt;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The members of the teams and their memberships: who joins which team when, in which role, and a
 * province's whole roster at once. Phone numbers are stored encrypted and shown masked.
 */
public final class MemberService {

    /** Vietnamese phone numbers: 0 or +84, then 9 digits (10 for some landlines); spaces, dots and dashes ignored. */
    private static final Pattern PHONE = Pattern.compile("(?:\\+84|0)\\d{9,10}");

    public record NewMember(String idempotencyKey, Long teamId, String fullName, Affiliation affiliation, String phone,
                            TeamRole role, LocalDate from) {
    }

    public record NewMembership(String idempotencyKey, Long memberId, Long teamId, TeamRole role, LocalDate from) {
    }

    /** A member as added, with the membership that placed them in the team. */
    public record MemberInTeam(Member member, Membership membership) {
    }

    public record MemberQuery(String under, LocalDate asOf, Long teamId, Affiliation affiliation, PageRequest page) {
    }

    /** One member of a roster; the same {@code personKey} in two teams is one person in both. */
    public record RosterMember(String personKey, String fullName, Affiliation affiliation, String phone, TeamRole role) {
    }

    /** A team of a roster, in unit {@code unitId} (valid on {@code establishedOn}), with its first members. */
    public record RosterTeam(long unitId, UnitLevel level, String name, LocalDate establishedOn, List<RosterMember> members) {
    }

    private final Context ctx;
    private final Database db;
    private final TeamService teams;

    public MemberService(Context ctx, TeamService teams) {
        this.ctx = ctx;
        this.db = ctx.db();
        this.teams = teams;
        db.register(TeamMapper.class);
    }

    // --- writes ------------------------------------------------------------------------------

    public Created<MemberInTeam> addMember(Actor actor, NewMember input) {
        Access.require(actor, Operation.MANAGE_TEAMS);
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
        // A phone number is kept only encrypted: its fingerprint is keyed, or it could be guessed from it.
        PersonalDataProtector protect = phone == null ? null : ctx.protector();
        String cleanPhone = phone;
        String fingerprint = cleanPhone == null
                ? Idempotency.fingerprint("addMember", input.teamId(), name, input.affiliation(), "", role, from)
                : protect.fingerprintOf("addMember", input.teamId(), name, input.affiliation(), protect.fingerprint(cleanPhone), role, from);
        return db.inTransaction(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            Team team = TeamService.existing(m, input.teamId(), from, "team");
            ctx.access().requireIn(actor, team.unitId(), from, "the team");
            requireOpenOn(team, from, "from");
            Idempotency.Outcome outcome = Idempotency.once(tx, "addMember", key, fingerprint, () -> {
                long memberId = m.insertMember(name, input.affiliation(), cleanPhone == null ? null : protect.encrypt(cleanPhone),
                        cleanPhone == null ? null : PersonalDataProtector.mask(cleanPhone, 3));
                return joined(m, memberId, team, role, from);
            });
            Membership membership = m.membership(outcome.id()).membership();
            Member member = m.membersByIds(new Long[]{membership.memberId()}, null, null).get(0).member();
            return new Created<>(new MemberInTeam(member, membership), outcome.replayed());
        });
    }

    /** Places an existing member in a (further) team: one person may be in a commune team and a village team. */
    public Created<Membership> addMembership(Actor actor, NewMembership input) {
        Access.require(actor, Operation.MANAGE_TEAMS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, input.idempotencyKey());
        p.required("member", input.memberId());
        p.required("team", input.teamId());
        LocalDate from = p.required("from", input.from());
        TeamRole role = input.role() == null ? TeamRole.MEMBER : input.role();
        p.throwIfAny();
        String fingerprint = Idempotency.fingerprint("addMembership", input.memberId(), input.teamId(), role, from);
        try {
            return db.inTransaction(tx -> {
                TeamMapper m = tx.mapper(TeamMapper.class);
                if (m.membersByIds(new Long[]{input.memberId()}, null, null).isEmpty()) {
                    throw new InvalidInputException("member", "UNKNOWN_MEMBER", "no member " + input.memberId());
                }
                Team team = TeamService.existing(m, input.teamId(), from, "team");
                ctx.access().requireIn(actor, team.unitId(), from, "the team");
                requireOpenOn(team, from, "from");
                Idempotency.Outcome outcome = Idempotency.once(tx, "addMembership", key, fingerprint,
                        () -> joined(m, input.memberId(), team, role, from));
                return new Created<>(m.membership(outcome.id()).membership(), outcome.replayed());
            });
        } catch (PersistenceException e) {
            if (TeamService.alreadyMember(e)) {
                throw new InvalidInputException("team", "ALREADY_MEMBER", "the member is already in this team during that period");
            }
            throw e;
        }
    }

    public Membership endMembership(Actor actor, Long membershipId, LocalDate on) {
        Access.require(actor, Operation.MANAGE_TEAMS);
        Problems p = new Problems();
        p.required("membership", membershipId);
        p.required("on", on);
        p.throwIfAny();
        return db.inTransaction(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            TeamRows.MembershipRow row = m.membership(membershipId);
            if (row == null) {
                throw new InvalidInputException("membership", "UNKNOWN_MEMBERSHIP", "no membership " + membershipId);
            }
            ctx.access().requireIn(actor, TeamService.existing(m, row.teamId, on, "membership").unitId(), on, "the team");
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
        Access.require(actor, Operation.IMPORT_ROSTERS);
        if (!actor.unrestricted()) {
            roster.forEach(t -> ctx.access().requireIn(actor, t.unitId(), t.establishedOn(), "a team of the roster"));
        }
        PersonalDataProtector protect = ctx.protector();
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
        List<TeamRows.TeamRow> rows = roster.stream().map(t -> {
            TeamRows.TeamRow row = new TeamRows.TeamRow();
            row.unitId = t.unitId();
            row.level = t.level();
            row.name = t.name();
            row.establishedOn = t.establishedOn();
            return row;
        }).toList();
        return db.bulk(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            for (List<TeamRows.MemberRow> chunk : Database.chunks(new ArrayList<>(people.values()))) {
                m.insertMembers(chunk);
            }
            for (List<TeamRows.TeamRow> chunk : Database.chunks(rows)) {
                m.insertTeams(chunk);
                m.insertInitialStatuses(chunk);
            }
            List<TeamRows.MembershipRow> memberships = new ArrayList<>();
            for (int i = 0; i < roster.size(); i++) {
                for (RosterMember rm : roster.get(i).members()) {
                    TeamRows.MembershipRow row = new TeamRows.MembershipRow();
                    row.memberId = people.get(rm.personKey()).id;
                    row.teamId = rows.get(i).id;
                    row.role = rm.role();
                    row.validFrom = roster.get(i).establishedOn();
                    memberships.add(row);
                }
            }
            for (List<TeamRows.MembershipRow> chunk : Database.chunks(memberships)) {
                m.insertMemberships(chunk);
            }
            m.analyze();
            return rows.size();
        });
    }

    // --- reads ---------------------------------------------------------------------------------

    public Page<Member> members(Actor actor, MemberQuery q) {
        long root = teams.root(actor, q.under(), q.asOf());
        return db.read(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            return Page.read(q.page(), (offset, limit) -> m.searchMembers(root, q.asOf(), q.teamId(), q.affiliation(), offset, limit).stream()
                    .map(TeamRows.MemberRow::member).toList(), () -> m.countMembers(root, q.asOf(), q.teamId(), q.affiliation()));
        });
    }

    /** Members by id: those who were ever in a team of the actor's scope. */
    public Map<Long, Member> membersByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, Operation.READ_TEAMS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(tx -> tx.mapper(TeamMapper.class).membersByIds(ids.toArray(Long[]::new), actor.scopeArray(), ctx.today())).stream()
                .collect(Collectors.toMap(r -> r.id, TeamRows.MemberRow::member));
    }

    /** A team's memberships in the order its lists are shown: leader, deputies, members, each by member id. */
    private static final java.util.Comparator<Membership.WithMember> LEADERS_FIRST = java.util.Comparator
            .comparing((Membership.WithMember m) -> m.membership().role()).thenComparingLong(m -> m.membership().memberId());

    /**
     * The memberships of each team active on its own date, leaders first, each with its member: one
     * statement for any mix of dates. A member is seen with a membership the actor may see (the
     * team worked in the scope on that date), as {@code members(under:, asOf:)} lists her; reading
     * her with it saves a statement per page of teams. ({@link #membersByIds}, for a member asked
     * by id, checks her memberships' first and last days in the scope instead.)
     */
    public Map<TeamAt, List<Membership.WithMember>> membershipsAt(Actor actor, Collection<TeamAt> asked) {
        Access.require(actor, Operation.READ_TEAMS);
        Map<TeamAt, List<Membership.WithMember>> result = new LinkedHashMap<>();
        asked.forEach(k -> result.put(k, new ArrayList<>()));
        if (!asked.isEmpty()) {
            List<TeamAt> keys = List.copyOf(asked);
            Map<String, Object> parameters = new java.util.HashMap<>();
            parameters.put("ids", TeamService.teamIds(keys));
            parameters.put("dates", TeamService.dates(keys));
            db.read(tx -> {
                // Teams this unit of work already showed her on those dates (the page of teams of the
                // same request) need no second check of her scope.
                parameters.put("scope", tx.allShown(actor, keys) ? null : actor.scopeArray());
                return tx.withOnePlan(t -> t.rows(TeamMapper.class, "membershipsAt", parameters, TeamRows::membershipAt));
            })
                    .forEach(r -> result.computeIfAbsent(r.team(), k -> new ArrayList<>()).add(r.membership()));
            result.values().forEach(list -> list.sort(LEADERS_FIRST));
        }
        return result;
    }

    /** The memberships of each team active on {@code date}, leaders first. */
    public Map<Long, List<Membership>> membershipsOfTeams(Actor actor, Collection<Long> teamIds, LocalDate date) {
        Access.require(actor, Operation.READ_TEAMS);
        Map<Long, List<Membership>> result = new LinkedHashMap<>();
        teamIds.forEach(id -> result.put(id, new ArrayList<>()));
        List<Long> allowed = teams.visible(actor, teamIds.stream().map(id -> new TeamAt(id, date)).toList()).stream().map(TeamAt::teamId).toList();
        if (!allowed.isEmpty()) {
            db.read(tx -> tx.mapper(TeamMapper.class).membershipsOfTeams(allowed.toArray(Long[]::new), date))
                    .forEach(r -> result.get(r.teamId).add(r.membership()));
        }
        return result;
    }

    /** Every membership, past and present, of each member: each shown when its team worked in the scope when it began. */
    public Map<Long, List<Membership>> membershipsOfMembers(Actor actor, Collection<Long> memberIds) {
        Access.require(actor, Operation.READ_TEAMS);
        Map<Long, List<Membership>> result = new LinkedHashMap<>();
        memberIds.forEach(id -> result.put(id, new ArrayList<>()));
        if (!memberIds.isEmpty()) {
            List<TeamRows.MembershipRow> rows = db.read(tx -> tx.mapper(TeamMapper.class).membershipsOfMembers(memberIds.toArray(Long[]::new)));
            Set<TeamAt> allowed = teams.visible(actor, rows.stream().map(r -> new TeamAt(r.teamId, r.validFrom)).toList());
            rows.stream().filter(r -> allowed.contains(new TeamAt(r.teamId, r.validFrom)))
                    .forEach(r -> result.get(r.memberId).add(r.membership()));
        }
        return result;
    }

    /** Memberships by id, each shown when its team worked in the actor's scope on the day it began. */
    public Map<Long, Membership> membershipsByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, Operation.READ_TEAMS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<TeamRows.MembershipRow> rows = db.read(tx -> tx.mapper(TeamMapper.class).membershipsByIds(ids.toArray(Long[]::new)));
        Set<TeamAt> allowed = teams.visible(actor, rows.stream().map(r -> new TeamAt(r.teamId, r.validFrom)).toList());
        return rows.stream().filter(r -> allowed.contains(new TeamAt(r.teamId, r.validFrom)))
                .collect(Collectors.toMap(r -> r.id, TeamRows.MembershipRow::membership));
    }

    /** The full phone number of a member: for the managers of a team she is or was in. */
    public String phone(Actor actor, long memberId) {
        Access.require(actor, Operation.READ_FULL_PHONE);
        TeamRows.MemberRow row = db.read(tx -> {
            TeamMapper m = tx.mapper(TeamMapper.class);
            if (!actor.unrestricted() && m.membersInScope(new Long[]{memberId}, actor.scopeArray(), ctx.today()).isEmpty()) {
                throw AccessDeniedException.of(actor, "the member is outside your scope");
            }
            return m.phoneCipher(memberId);
        });
        if (row == null) {
            throw new InvalidInputException("member", "UNKNOWN_MEMBER", "no member " + memberId);
        }
        return row.phoneCipher == null ? null : ctx.protector().decrypt(row.phoneCipher);
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
}
