package vn.caunoi.core.activity;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.activity.Activities.Feedback;
import vn.caunoi.core.activity.Activities.FeedbackStatus;
import vn.caunoi.core.activity.Activities.FeedbackTopic;
import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
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

/** Residents' feedback collected by the teams, forwarded to the office in charge and answered. */
public final class FeedbackService {

    public record NewFeedback(String idempotencyKey, Long teamId, String unitCode, FeedbackTopic topic, String text,
                              LocalDate receivedOn) {
    }

    private final ActivityRules rules;
    private final Context ctx;
    private final Database db;
    private final TeamService teams;

    public FeedbackService(Context ctx, TeamService teams, MemberService members) {
        this.rules = new ActivityRules(ctx, members);
        this.ctx = ctx;
        this.db = ctx.db();
        this.teams = teams;
    }

    public Created<Feedback> recordFeedback(Actor actor, NewFeedback in) {
        Access.require(actor, Operation.RECORD_WORK);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, in.idempotencyKey());
        p.required("topic", in.topic());
        String text = p.text("text", in.text(), 2000);
        LocalDate on = p.required("receivedOn", in.receivedOn());
        AdministrativeUnit unit = rules.unitOn(actor, p, "unit", in.unitCode(), on);
        p.throwIfAny();
        ctx.access().requireIn(actor, unit.id(), on, unit.fullName());
        // A resident's words may name people: the fingerprint is keyed.
        String fingerprint = ctx.protector().fingerprintOf("recordFeedback", in.teamId(), unit.id(), in.topic(), text, on);
        return db.inTransaction(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            if (in.teamId() != null) {
                Team team = teams.teamsByIds(Actor.system(), List.of(in.teamId()), on).get(in.teamId());
                if (team == null) {
                    throw new InvalidInputException("team", "UNKNOWN_TEAM", "no team " + in.teamId());
                }
                if (on.isBefore(team.establishedOn()) || (team.dissolvedOn() != null && !on.isBefore(team.dissolvedOn()))) {
                    throw new InvalidInputException("receivedOn", "TEAM_NOT_ACTIVE", "the team did not exist on " + on);
                }
                if (actor.is(Role.TEAM_MEMBER) && actor.kind() != Actor.Kind.SYSTEM && !teams.isMember(actor, actor.memberId(), in.teamId(), on)) {
                    throw AccessDeniedException.of(actor, "you were not a member of this team on " + on);
                }
            }
            Idempotency.Outcome outcome = Idempotency.once(tx, "recordFeedback", key, fingerprint, () -> {
                ActivityRows.FeedbackRow row = new ActivityRows.FeedbackRow();
                row.teamId = in.teamId();
                row.unitId = unit.id();
                row.topic = in.topic();
                row.body = text;
                row.receivedOn = on;
                return m.insertFeedback(row);
            });
            return new Created<>(m.feedback(outcome.id()).feedback(), outcome.replayed());
        });
    }

    /** Moves feedback forward: OPEN → FORWARDED → ANSWERED (or straight to ANSWERED), never back. */
    public Feedback changeFeedbackStatus(Actor actor, Long feedbackId, FeedbackStatus status, LocalDate on) {
        Access.require(actor, Operation.MANAGE_FEEDBACK);
        Problems p = new Problems();
        p.required("feedback", feedbackId);
        p.required("status", status);
        p.required("on", on);
        p.throwIfAny();
        return db.inTransaction(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            ActivityRows.FeedbackRow row = m.feedback(feedbackId);
            if (row == null) {
                throw new InvalidInputException("feedback", "UNKNOWN_FEEDBACK", "no feedback " + feedbackId);
            }
            ctx.access().requireIn(actor, row.unitId, row.receivedOn, "the feedback");
            if (status.ordinal() < row.status.ordinal()) {
                throw new InvalidInputException("status", "BACKWARDS", "feedback that is " + row.status + " cannot become " + status);
            }
            if (on.isBefore(row.statusOn)) {
                throw new InvalidInputException("on", "BEFORE_LAST_CHANGE", "on (" + on + ") is before the last change (" + row.statusOn + ")");
            }
            if (status != row.status) {
                m.updateFeedbackStatus(feedbackId, status, on);
            }
            return m.feedback(feedbackId).feedback();
        });
    }

    public Page<Feedback> feedback(Actor actor, ActivityQuery q) {
        ActivityFilter f = rules.filter(actor, q);
        return db.read(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            return Page.read(q.page(), (offset, limit) -> m.searchFeedback(f, offset, limit).stream().map(ActivityRows.FeedbackRow::feedback).toList(),
                    () -> m.countFeedback(f));
        });
    }

    /** Feedback by id, each shown when it was received in the actor's scope. */
    public Map<Long, Feedback> feedbackByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, Operation.READ_TEAM_WORK);
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ActivityRows.FeedbackRow> rows = db.read(tx -> tx.mapper(ActivityMapper.class).feedbackByIds(ids.toArray(Long[]::new)));
        Set<UnitAt> allowed = ctx.access().inScope(actor, rows.stream().map(r -> new UnitAt(r.unitId, r.receivedOn)).toList());
        return rows.stream().filter(r -> allowed.contains(new UnitAt(r.unitId, r.receivedOn)))
                .collect(Collectors.toMap(r -> r.id, ActivityRows.FeedbackRow::feedback));
    }
}
