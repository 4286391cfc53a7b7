package vn.caunoi.core.activity;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.activity.Activities.Channel;
import vn.caunoi.core.activity.Activities.PlaceKind;
import vn.caunoi.core.activity.Activities.SupportActivity;
import vn.caunoi.core.activity.Activities.Totals;
import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamService;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Support activities: a team (or one of its members) helped residents with a digital service up
 * to a stage, one resident or a tally. Recorded by the members themselves, with an idempotency key.
 */
public final class SupportActivityService {

    public record NewSupportActivity(String idempotencyKey, Long teamId, Long memberId, PlaceKind placeKind, String unitCode,
                                     String placeName, Channel channel, LocalDate occurredOn, String service, String stage,
                                     Integer people, Long campaignId, String note) {
    }

    private final ActivityRules rules;
    private final Context ctx;
    private final Database db;
    private final TeamService teams;
    private final CampaignService campaigns;

    public SupportActivityService(Context ctx, TeamService teams, MemberService members, CampaignService campaigns) {
        this.rules = new ActivityRules(ctx, members);
        this.ctx = ctx;
        this.db = ctx.db();
        this.teams = teams;
        this.campaigns = campaigns;
    }

    public Created<SupportActivity> recordSupportActivity(Actor actor, NewSupportActivity in) {
        Access.require(actor, Operation.RECORD_WORK);
        boolean member = actor.is(Role.TEAM_MEMBER) && actor.kind() != Actor.Kind.SYSTEM;
        if (member) {
            // A team member records her own work: the member is hers, whatever the client says.
            if (in.memberId() != null && !in.memberId().equals(actor.memberId())) {
                throw AccessDeniedException.of(actor, "a team member records her own activities, not another member's");
            }
            in = new NewSupportActivity(in.idempotencyKey(), in.teamId(), actor.memberId(), in.placeKind(), in.unitCode(), in.placeName(),
                    in.channel(), in.occurredOn(), in.service(), in.stage(), in.people(), in.campaignId(), in.note());
        }
        NewSupportActivity input = in;
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, input.idempotencyKey());
        p.required("team", input.teamId());
        p.required("placeKind", input.placeKind());
        p.required("channel", input.channel());
        LocalDate on = p.required("occurredOn", input.occurredOn());
        String placeName = p.optionalText("placeName", input.placeName(), 200);
        String note = p.optionalText("note", input.note(), 1000);
        int people = input.people() == null ? 1 : input.people();
        if (people < 1) {
            p.add("people", "TOO_FEW", "people must be at least 1 (one resident, or a tally)");
        } else if (people > 100_000) {
            p.add("people", "TOO_MANY", "people must be at most 100000");
        }
        rules.checkServiceAndStage(actor, p, input.service(), input.stage());
        AdministrativeUnit place = null;
        if (input.unitCode() != null && !input.unitCode().isBlank() && on != null) {
            place = ctx.hierarchy().unit(actor, input.unitCode(), on).orElse(null);
            if (place == null) {
                p.add("unit", "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(input.unitCode()) + " on " + on);
            }
        }
        p.throwIfAny();
        AdministrativeUnit where = place;
        // The note may say something about a person: the fingerprint is keyed.
        String fingerprint = ctx.protector().fingerprintOf("recordSupportActivity", input.teamId(), input.memberId(), input.placeKind(),
                where == null ? "" : where.id(), placeName, input.channel(), on, input.service(), input.stage(), people, input.campaignId(), note);
        return db.inTransaction(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            // The team as the system sees it: whether it is hers comes next, and before what is wrong with the record.
            Team team = teams.teamsByIds(Actor.system(), List.of(input.teamId()), on).get(input.teamId());
            if (team != null) {
                ctx.access().requireIn(actor, team.unitId(), on, "the team");
                if (member && !teams.isMember(actor, actor.memberId(), input.teamId(), on)) {
                    throw AccessDeniedException.of(actor, "you were not a member of this team on " + on);
                }
            }
            Problems q = new Problems();
            if (team == null) {
                q.add("team", "UNKNOWN_TEAM", "no team " + input.teamId());
            } else if (on.isBefore(team.establishedOn()) || (team.dissolvedOn() != null && !on.isBefore(team.dissolvedOn()))) {
                q.add("occurredOn", "TEAM_NOT_ACTIVE", "the team did not exist on " + on);
            } else if (input.memberId() != null && !teams.isMember(Actor.system(), input.memberId(), input.teamId(), on)) {
                q.add("member", "NOT_IN_TEAM", "member " + input.memberId() + " was not in team " + input.teamId() + " on " + on);
            }
            if (input.campaignId() != null) {
                Activities.Campaign c = campaigns.campaignsByIds(Actor.system(), List.of(input.campaignId())).get(input.campaignId());
                if (c == null) {
                    q.add("campaign", "UNKNOWN_CAMPAIGN", "no campaign " + input.campaignId());
                } else if (on.isBefore(c.startsOn()) || on.isAfter(c.endsOn())) {
                    q.add("occurredOn", "OUTSIDE_CAMPAIGN", on + " is outside the campaign (" + c.startsOn() + " to " + c.endsOn() + ")");
                }
            }
            q.throwIfAny();
            Long area = where != null ? Long.valueOf(where.id()) : placeOf(team, on);
            if (area == null) {
                q.add("unit", "NO_UNIT_ON_DATE", "the team's unit cannot be placed on the map of " + on + "; give the unit");
            }
            q.throwIfAny();
            ctx.access().requireIn(actor, area, on, "the place of the activity");
            Idempotency.Outcome outcome = Idempotency.once(tx, "recordSupportActivity", key, fingerprint, () -> {
                ActivityRows.SupportRow row = new ActivityRows.SupportRow();
                row.teamId = input.teamId();
                row.memberId = input.memberId();
                row.unitId = area;
                row.placeKind = input.placeKind();
                row.placeName = placeName;
                row.channel = input.channel();
                row.occurredOn = on;
                row.serviceCode = input.service();
                row.stageCode = input.stage();
                row.people = people;
                row.campaignId = input.campaignId();
                row.note = note;
                return m.insertSupport(row);
            });
            return new Created<>(m.support(outcome.id()).activity(), outcome.replayed());
        });
    }

    /** The unit the team works in on the date (its own, or the successor of its own), if any. */
    private Long placeOf(Team team, LocalDate on) {
        AdministrativeUnit unit = ctx.hierarchy().placedOn(Actor.system(), List.of(new UnitAt(team.unitId(), on)))
                .get(new UnitAt(team.unitId(), on));
        return unit == null ? null : unit.id();
    }

    /**
     * Imports support activities in bulk (a team's paper log typed in later, a migration), in one
     * transaction with set-based writes. Services and stages are checked once per distinct pair;
     * teams and units are taken as given (ids from this library).
     */
    public int importSupportActivities(Actor actor, List<SupportActivity> activities) {
        Access.require(actor, Operation.IMPORT_ACTIVITIES);
        List<UnitAt> places = activities.stream().map(a -> new UnitAt(a.unitId(), a.occurredOn())).distinct().toList();
        if (!actor.unrestricted() && !ctx.access().inScope(actor, places).containsAll(places)) {
            throw AccessDeniedException.of(actor, "some of the activities are outside your scope");
        }
        Problems p = new Problems();
        activities.stream().map(a -> List.of(a.service(), a.stage())).distinct()
                .forEach(pair -> rules.checkServiceAndStage(actor, p, pair.get(0), pair.get(1)));
        activities.stream().filter(a -> a.people() < 1).findFirst()
                .ifPresent(a -> p.add("people", "TOO_FEW", "people must be at least 1"));
        p.throwIfAny();
        List<Object[]> rows = activities.stream().map(a -> new Object[]{a.teamId(), a.memberId(), a.unitId(), a.placeKind(),
                a.placeName(), a.channel(), a.occurredOn(), a.service(), a.stage(), a.people(), a.campaignId(), a.note()}).toList();
        return db.bulk(tx -> {
            long copied = Copy.into(tx, "support_activity", "team_id, member_id, unit_id, place_kind, place_name, channel, occurred_on, "
                    + "service_code, stage_code, people, campaign_id, note", rows);
            tx.mapper(ActivityMapper.class).analyze();
            return (int) copied;
        });
    }

    public Page<SupportActivity> supportActivities(Actor actor, ActivityQuery q) {
        ActivityFilter f = rules.filter(actor, q);
        return db.read(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            List<SupportActivity> items = q.page().limit() == 0 ? List.of()
                    : m.searchSupport(f, q.page().offset(), q.page().limit()).stream().map(ActivityRows.SupportRow::activity).toList();
            return new Page<>(items, m.supportTotals(f).activities, q.page().offset());
        });
    }

    public Totals supportTotals(Actor actor, ActivityQuery q) {
        ActivityFilter f = rules.filter(actor, q);
        ActivityRows.TotalsRow t = db.read(tx -> tx.mapper(ActivityMapper.class).supportTotals(f));
        return new Totals(t.activities, t.people);
    }

    /** Support activities by id, each shown when it happened in the actor's scope. */
    public Map<Long, SupportActivity> supportActivitiesByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, Operation.READ_TEAM_WORK);
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ActivityRows.SupportRow> rows = db.read(tx -> tx.mapper(ActivityMapper.class).supportByIds(ids.toArray(Long[]::new)));
        Set<UnitAt> allowed = ctx.access().inScope(actor, rows.stream().map(r -> new UnitAt(r.unitId, r.occurredOn)).toList());
        return rows.stream().filter(r -> allowed.contains(new UnitAt(r.unitId, r.occurredOn)))
                .collect(Collectors.toMap(r -> r.id, ActivityRows.SupportRow::activity));
    }
}
