package vn.caunoi.core.activity;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.activity.Activities.OrganiserKind;
import vn.caunoi.core.activity.Activities.Training;
import vn.caunoi.core.activity.Activities.TrainingMode;
import vn.caunoi.core.activity.Activities.TrainingTopic;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.team.MemberService;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Trainings (tập huấn) of the teams' members: who organised them, on what, where, and who attended. */
public final class TrainingService {

    public record NewTraining(String idempotencyKey, String title, OrganiserKind organiserKind, String organiserName,
                              TrainingMode mode, List<TrainingTopic> topics, LocalDate heldOn, String unitCode,
                              List<Long> attendees) {
    }

    private final ActivityRules rules;
    private final Context ctx;
    private final Database db;

    public TrainingService(Context ctx, MemberService members) {
        this.rules = new ActivityRules(ctx, members);
        this.ctx = ctx;
        this.db = ctx.db();
    }

    public Created<Training> createTraining(Actor actor, NewTraining in) {
        Access.require(actor, Operation.MANAGE_TRAININGS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, in.idempotencyKey());
        String title = p.text("title", in.title(), 300);
        p.required("organiserKind", in.organiserKind());
        String organiser = p.text("organiserName", in.organiserName(), 200);
        p.required("mode", in.mode());
        LocalDate on = p.required("heldOn", in.heldOn());
        if (in.topics() == null || in.topics().isEmpty()) {
            p.add("topics", "REQUIRED", "a training covers at least one topic");
        }
        AdministrativeUnit unit = rules.unitOn(actor, p, "unit", in.unitCode(), on);
        List<Long> attendees = in.attendees() == null ? List.of() : List.copyOf(new LinkedHashSet<>(in.attendees()));
        if (attendees.size() > 5000) {
            p.add("attendees", "TOO_MANY", "at most 5000 attendees at once");
        }
        p.throwIfAny();
        ctx.access().requireIn(actor, unit.id(), on, unit.fullName());
        String fingerprint = Idempotency.fingerprint("createTraining", title, in.organiserKind(), organiser, in.mode(),
                new TreeSet<>(in.topics()), on, unit.id(), new TreeSet<>(attendees));
        return db.inTransaction(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            rules.checkMembers(attendees, "attendees");
            Idempotency.Outcome outcome = Idempotency.once(tx, "createTraining", key, fingerprint, () -> {
                ActivityRows.TrainingRow row = new ActivityRows.TrainingRow();
                row.title = title;
                row.organiserKind = in.organiserKind();
                row.organiserName = organiser;
                row.mode = in.mode();
                row.topics = in.topics().stream().distinct().map(Enum::name).toArray(String[]::new);
                row.heldOn = on;
                row.unitId = unit.id();
                long id = m.insertTraining(row);
                if (!attendees.isEmpty()) {
                    m.insertAttendance(id, attendees.toArray(Long[]::new));
                }
                return id;
            });
            return new Created<>(m.trainingsByIds(new Long[]{outcome.id()}).get(0).training(), outcome.replayed());
        });
    }

    /** Adds attendees to a training; attendees already recorded are left as they are. */
    public Training recordAttendance(Actor actor, Long trainingId, List<Long> memberIds) {
        Access.require(actor, Operation.MANAGE_TRAININGS);
        Problems p = new Problems();
        p.required("training", trainingId);
        if (memberIds == null || memberIds.isEmpty()) {
            p.add("members", "REQUIRED", "give at least one member");
        } else if (memberIds.size() > 5000) {
            p.add("members", "TOO_MANY", "at most 5000 members at once");
        }
        p.throwIfAny();
        return db.inTransaction(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            List<ActivityRows.TrainingRow> t = m.trainingsByIds(new Long[]{trainingId});
            if (t.isEmpty()) {
                throw new InvalidInputException("training", "UNKNOWN_TRAINING", "no training " + trainingId);
            }
            ctx.access().requireIn(actor, t.get(0).unitId, t.get(0).heldOn, "the training");
            rules.checkMembers(memberIds, "members");
            m.insertAttendance(trainingId, memberIds.stream().distinct().toArray(Long[]::new));
            return t.get(0).training();
        });
    }

    public Page<Training> trainings(Actor actor, ActivityQuery q) {
        ActivityFilter f = rules.filter(actor, q);
        return db.read(tx -> {
            ActivityMapper m = tx.mapper(ActivityMapper.class);
            return Page.read(q.page(), (offset, limit) -> m.searchTrainings(f, offset, limit).stream().map(ActivityRows.TrainingRow::training).toList(),
                    () -> m.countTrainings(f));
        });
    }

    /** For each training, the ids of the members who attended. */
    public Map<Long, List<Long>> attendance(Actor actor, Collection<Long> trainingIds) {
        Set<Long> visible = trainingsByIds(actor, trainingIds).keySet();
        return rules.pairs(trainingIds, m -> m.attendance(visible.toArray(Long[]::new)));
    }

    /** For each member, the ids of the trainings attended. */
    public Map<Long, List<Long>> trainingsAttended(Actor actor, Collection<Long> memberIds) {
        Access.require(actor, Operation.READ_TEAM_WORK);
        Set<Long> visible = rules.visibleMembers(actor, memberIds);
        return rules.pairs(memberIds, m -> m.trainingsAttended(visible.toArray(Long[]::new)));
    }

    /** Trainings by id, each shown when it was held in the actor's scope. */
    public Map<Long, Training> trainingsByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, Operation.READ_TEAM_WORK);
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ActivityRows.TrainingRow> rows = db.read(tx -> tx.mapper(ActivityMapper.class).trainingsByIds(ids.toArray(Long[]::new)));
        Set<UnitAt> allowed = ctx.access().inScope(actor, rows.stream().map(r -> new UnitAt(r.unitId, r.heldOn)).toList());
        return rows.stream().filter(r -> allowed.contains(new UnitAt(r.unitId, r.heldOn)))
                .collect(Collectors.toMap(r -> r.id, ActivityRows.TrainingRow::training));
    }
}
