package vn.caunoi.core.adoption;

import vn.caunoi.core.adoption.Adoption.AdoptionEvent;
import vn.caunoi.core.adoption.Adoption.ServiceStatus;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.resident.ResidentRecords;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamService;
import vn.caunoi.spi.AttributeProblem;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The checks and reads the adoption services share. */
final class AdoptionRules {

    /** Records before this date are surely typing mistakes: digital services of this kind did not exist. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final int MAX_ATTRIBUTES = 20;

    final Context ctx;
    final ResidentRecords residents;
    private final TeamService teams;
    private final MemberService members;

    AdoptionRules(Context ctx, ResidentRecords residents, TeamService teams, MemberService members) {
        this.ctx = ctx;
        this.residents = residents;
        this.teams = teams;
        this.members = members;
        ctx.db().register(AdoptionMapper.class);
    }

    /** The village (thôn, tổ dân phố) with this code on the date, or null after recording the problem. */
    AdministrativeUnit village(Actor actor, Problems p, String code, LocalDate on) {
        if (p.text("village", code, 20) == null || on == null) {
            return null;
        }
        Optional<AdministrativeUnit> unit = ctx.hierarchy().unit(actor, code, on);
        if (unit.isEmpty()) {
            // The code is not repeated: a citizen ID typed in the wrong field would be echoed.
            p.add("village", "UNKNOWN_UNIT", "no unit has this code on " + on);
            return null;
        }
        if (unit.get().level() != UnitLevel.VILLAGE) {
            p.add("village", "NOT_A_VILLAGE", "this unit is a " + unit.get().level().name().toLowerCase(Locale.ROOT)
                    + ", not a village (thôn/tổ dân phố): residence is recorded by village");
            return null;
        }
        return unit.get();
    }

    static void checkAttributes(Problems p, Map<String, String> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            p.add("attributes", "TOO_MANY", "at most " + MAX_ATTRIBUTES + " attributes");
            return;
        }
        attributes.forEach((name, value) -> {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,49}")) {
                p.add("attributes", "INVALID_NAME", "attribute names are letters, digits and _ (at most 50)");
            } else if (value == null || value.length() > 500 || value.codePoints().anyMatch(Character::isISOControl)) {
                p.add("attributes." + name, "INVALID_VALUE", "an attribute value is 0 to 500 characters without control characters");
            }
        });
    }

    /** A plugin's problem with a record, as a problem of the input field it concerns. */
    static void add(Problems p, AttributeProblem problem) {
        String field = problem.attribute() != null ? "attributes." + problem.attribute()
                : switch (problem.code()) {
                    case "UNKNOWN_SERVICE", "SERVICE_UNAVAILABLE" -> "service";
                    case "UNKNOWN_STAGE" -> "stage";
                    default -> "attributes";
                };
        p.add(field, problem.code(), problem.message().en());
    }

    /** The team and member who helped must exist, and the member be in the team, on the date. */
    void checkSupporter(Long teamId, Long memberId, LocalDate on) {
        Problems q = new Problems();
        if (teamId != null) {
            Team team = teams.teamsByIds(Actor.system(), List.of(teamId), on).get(teamId);
            if (team == null) {
                q.add("supportedBy.team", "UNKNOWN_TEAM", "no team " + teamId);
            } else if (on.isBefore(team.establishedOn()) || (team.dissolvedOn() != null && !on.isBefore(team.dissolvedOn()))) {
                q.add("occurredOn", "TEAM_NOT_ACTIVE", "the team did not exist on " + on);
            } else if (memberId != null && !teams.isMember(Actor.system(), memberId, teamId, on)) {
                q.add("supportedBy.member", "NOT_IN_TEAM", "member " + memberId + " was not in team " + teamId + " on " + on);
            }
        } else if (memberId != null && members.membersByIds(Actor.system(), List.of(memberId)).isEmpty()) {
            q.add("supportedBy.member", "UNKNOWN_MEMBER", "no member " + memberId);
        }
        q.throwIfAny();
    }

    /** The unit the team was established in, for the scope check of a record that names it. */
    long teamUnit(long teamId, LocalDate on) {
        return teams.teamsByIds(Actor.system(), List.of(teamId), on).get(teamId).unitId();
    }

    /**
     * The resident's status for a service if the actor may see it: the event that reached the stage
     * was recorded in her scope on its date. A status reached elsewhere (before a move into her
     * area, say) is not hers to see, even though the record she writes is.
     */
    ServiceStatus visibleStatus(Actor actor, AdoptionMapper m, long residentId, String service) {
        Long[] ids = {residentId};
        ServiceStatus status = m.statuses(ids).stream().filter(r -> r.serviceCode.equals(service))
                .map(AdoptionRows.StatusRow::status).findFirst().orElse(null);
        if (status == null || actor.unrestricted()) {
            return status;
        }
        List<AdoptionEvent> history = m.history(ids).stream().map(AdoptionRows.EventRow::event).toList();
        return visibleStatuses(actor, List.of(status), history).isEmpty() ? null : status;
    }

    /** Of these statuses, those whose reaching event (the latest of the service at that stage) is in the actor's scope. */
    List<ServiceStatus> visibleStatuses(Actor actor, List<ServiceStatus> statuses, List<AdoptionEvent> history) {
        if (actor.unrestricted()) {
            return statuses;
        }
        Map<ServiceStatus, UnitAt> reachedAt = new HashMap<>();
        for (ServiceStatus status : statuses) {
            history.stream().filter(e -> e.service().equals(status.service()) && e.stage().equals(status.stage()))
                    .reduce((a, b) -> b)
                    .ifPresent(e -> reachedAt.put(status, new UnitAt(e.villageId(), e.occurredOn())));
        }
        Set<UnitAt> inScope = ctx.access().inScope(actor, reachedAt.values());
        return statuses.stream().filter(x -> reachedAt.containsKey(x) && inScope.contains(reachedAt.get(x))).toList();
    }

    /**
     * Records the objection and erases the person: their counts move to the anonymous tallies (so
     * published figures do not change), then their events, residences and row go. Returns whether
     * a record existed.
     */
    boolean objectAndErase(AdoptionMapper m, byte[] hmac, LocalDate on) {
        residents.recordObjection(hmac, on);
        Optional<Residents.Resident> resident = residents.byHmac(hmac);
        if (resident.isEmpty()) {
            return false;
        }
        long id = resident.get().id();
        m.anonymise(new Long[]{id});
        residents.enableErasure();
        m.eraseEvents(id);
        residents.erase(id);
        return true;
    }
}
