package vn.caunoi.core.activity;

import vn.caunoi.core.Created;
import vn.caunoi.core.InvalidInputException;
import vn.caunoi.core.Page;
import vn.caunoi.core.PageRequest;
import vn.caunoi.core.Problems;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.AccessDeniedException;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.access.Role;
import vn.caunoi.core.store.AccessMapper;
import vn.caunoi.core.activity.Activities.Campaign;
import vn.caunoi.core.activity.Activities.Channel;
import vn.caunoi.core.activity.Activities.Feedback;
import vn.caunoi.core.activity.Activities.FeedbackStatus;
import vn.caunoi.core.activity.Activities.FeedbackTopic;
import vn.caunoi.core.activity.Activities.OrganiserKind;
import vn.caunoi.core.activity.Activities.PlaceKind;
import vn.caunoi.core.activity.Activities.SupportActivity;
import vn.caunoi.core.activity.Activities.Totals;
import vn.caunoi.core.activity.Activities.Training;
import vn.caunoi.core.activity.Activities.TrainingMode;
import vn.caunoi.core.activity.Activities.TrainingTopic;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.ActivityFilter;
import vn.caunoi.core.store.ActivityMapper;
import vn.caunoi.core.store.ActivityRows;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Idempotency;
import vn.caunoi.core.store.TeamMapper;
import vn.caunoi.core.store.TeamRows;
import vn.caunoi.core.store.TeamRows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What teams do: support activities, trainings, campaigns and residents' feedback. Every create
 * takes an idempotency key; every list is read "under" a unit on the map of a date.
 */
public final class ActivityService {

    public record NewSupportActivity(String idempotencyKey, Long teamId, Long memberId, PlaceKind placeKind, String unitCode,
                                     String placeName, Channel channel, LocalDate occurredOn, String service, String stage,
                                     Integer people, Long campaignId, String note) {
    }

    public record NewTraining(String idempotencyKey, String title, OrganiserKind organiserKind, String organiserName,
                              TrainingMode mode, List<TrainingTopic> topics, LocalDate heldOn, String unitCode,
                              List<Long> attendees) {
    }

    public record NewCampaign(String idempotencyKey, String name, LocalDate startsOn, LocalDate endsOn, List<String> unitCodes) {
    }

    public record NewFeedback(String idempotencyKey, Long teamId, String unitCode, FeedbackTopic topic, String text,
                              LocalDate receivedOn) {
    }

    /** Filters of the lists: {@code under} is read on the map of {@code asOf}. */
    public record Query(String under, LocalDate asOf, LocalDate from, LocalDate to, String service, String stage,
                        Long campaignId, Long teamId, String status, PageRequest page) {
    }

    private static final Role[] READERS = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER, Role.VIEWER};
    private static final Role[] MANAGERS = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER};
    /** Who records work in the field: team members, and the officers above them. */
    private static final Role[] RECORDERS = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER};

    private final Database db;
    private final HierarchyService hierarchy;
    private final DigitalServices services;
    private final Access access;
    private final Supplier<PersonalDataProtector> protector;

    public ActivityService(Database db, HierarchyService hierarchy, DigitalServices services, Access access,
                           Supplier<PersonalDataProtector> protector) {
        this.db = Objects.requireNonNull(db);
        this.access = Objects.requireNonNull(access);
        this.hierarchy = Objects.requireNonNull(hierarchy);
        this.services = Objects.requireNonNull(services);
        this.protector = Objects.requireNonNull(protector);
    }

    // --- support activities ---------------------------------------------------------------------

    public Created<SupportActivity> recordSupportActivity(Actor actor, NewSupportActivity in) {
        Access.require(actor, "record support activities", RECORDERS);
        if (actor.is(Role.TEAM_MEMBER) && actor.kind() != Actor.Kind.SYSTEM) {
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
        Integer people = input.people() == null ? 1 : input.people();
        if (people < 1) {
            p.add("people", "TOO_FEW", "people must be at least 1 (one resident, or a tally)");
        } else if (people > 100_000) {
            p.add("people", "TOO_MANY", "people must be at most 100000");
        }
        checkServiceAndStage(actor, p, input.service(), input.stage());
        AdministrativeUnit place = null;
        if (input.unitCode() != null && !input.unitCode().isBlank() && on != null) {
            place = hierarchy.unit(actor, input.unitCode(), on).orElse(null);
            if (place == null) {
                p.add("unit", "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(input.unitCode()) + " on " + on);
            }
        }
        p.throwIfAny();
        AdministrativeUnit where = place;
        String fingerprint = fingerprint("recordSupportActivity", input.teamId(), input.memberId(), input.placeKind(), where == null ? "" : where.id(),
                placeName, input.channel(), on, input.service(), input.stage(), people, input.campaignId(), note);
        return db.inTransaction(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            TeamMapper teams = s.getMapper(TeamMapper.class);
            List<TeamRows.TeamRow> team = teams.teamsByIds(new Long[]{input.teamId()}, on);
            if (!team.isEmpty()) {
                // Who may record for this team comes before what is wrong with the record.
                Access.requireIn(s, actor, team.get(0).unitId, on, "the team");
                if (actor.is(Role.TEAM_MEMBER) && actor.kind() != Actor.Kind.SYSTEM && !m.memberInTeam(actor.memberId(), input.teamId(), on)) {
                    throw AccessDeniedException.of(actor, "you were not a member of this team on " + on);
                }
            }
            Problems q = new Problems();
            if (team.isEmpty()) {
                q.add("team", "UNKNOWN_TEAM", "no team " + input.teamId());
            } else if (on.isBefore(team.get(0).establishedOn) || (team.get(0).dissolvedOn != null && !on.isBefore(team.get(0).dissolvedOn))) {
                q.add("occurredOn", "TEAM_NOT_ACTIVE", "the team did not exist on " + on);
            } else if (input.memberId() != null && !m.memberInTeam(input.memberId(), input.teamId(), on)) {
                q.add("member", "NOT_IN_TEAM", "member " + input.memberId() + " was not in team " + input.teamId() + " on " + on);
            }
            if (input.campaignId() != null) {
                List<ActivityRows.CampaignRow> c = m.campaignsByIds(new Long[]{input.campaignId()});
                if (c.isEmpty()) {
                    q.add("campaign", "UNKNOWN_CAMPAIGN", "no campaign " + input.campaignId());
                } else if (on.isBefore(c.get(0).startsOn) || on.isAfter(c.get(0).endsOn)) {
                    q.add("occurredOn", "OUTSIDE_CAMPAIGN", on + " is outside the campaign (" + c.get(0).startsOn + " to " + c.get(0).endsOn + ")");
                }
            }
            q.throwIfAny();
            Long area = where != null ? Long.valueOf(where.id()) : m.teamAreaOn(input.teamId(), on);
            if (area == null) {
                q.add("unit", "NO_UNIT_ON_DATE", "the team's unit cannot be placed on the map of " + on + "; give the unit");
            }
            q.throwIfAny();
            Access.requireIn(s, actor, area, on, "the place of the activity");
            Idempotency.Outcome outcome = Idempotency.once(s, "recordSupportActivity", key, fingerprint, () -> {
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

    /**
     * Imports support activities in bulk (a team's paper log typed in later, a migration), in one
     * transaction with set-based writes. Services and stages are checked once per distinct pair;
     * teams and units are taken as given (ids from this library).
     */
    public int importSupportActivities(Actor actor, List<SupportActivity> activities) {
        Access.require(actor, "import support activities", Role.PROVINCE_ADMIN);
        if (!actor.unrestricted() && !access.inScope(actor, activities.stream()
                .map(a -> new vn.caunoi.core.hierarchy.UnitAt(a.unitId(), a.occurredOn())).distinct().toList())
                .containsAll(activities.stream().map(a -> new vn.caunoi.core.hierarchy.UnitAt(a.unitId(), a.occurredOn())).toList())) {
            throw AccessDeniedException.of(actor, "some of the activities are outside your scope");
        }
        Objects.requireNonNull(actor, "actor");
        Problems p = new Problems();
        activities.stream().map(a -> a.service() + "\u0000" + a.stage()).distinct().forEach(pair -> {
            String[] parts = pair.split("\u0000");
            checkServiceAndStage(actor, p, parts[0], parts[1]);
        });
        activities.stream().filter(a -> a.people() < 1).findFirst()
                .ifPresent(a -> p.add("people", "TOO_FEW", "people must be at least 1"));
        p.throwIfAny();
        List<Object[]> rows = activities.stream().map(a -> new Object[]{a.teamId(), a.memberId(), a.unitId(), a.placeKind(),
                a.placeName(), a.channel(), a.occurredOn(), a.service(), a.stage(), a.people(), a.campaignId(), a.note()}).toList();
        return db.bulk(s -> {
            long copied = Copy.into(s, "support_activity", "team_id, member_id, unit_id, place_kind, place_name, channel, occurred_on, "
                    + "service_code, stage_code, people, campaign_id, note", rows);
            s.getMapper(ActivityMapper.class).analyze();
            return (int) copied;
        });
    }

    public Page<SupportActivity> supportActivities(Actor actor, Query q) {
        ActivityFilter f = filter(actor, q);
        return db.read(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            List<SupportActivity> items = q.page().limit() == 0 ? List.of()
                    : m.searchSupport(f, q.page().offset(), q.page().limit()).stream().map(ActivityRows.SupportRow::activity).toList();
            return new Page<>(items, m.supportTotals(f).activities, q.page().offset());
        });
    }

    /** Support activities by id, each shown when it happened in the actor's scope. */
    public Map<Long, SupportActivity> supportActivitiesByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, "read the teams' work", READERS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ActivityRows.SupportRow> rows = db.read(s -> s.getMapper(ActivityMapper.class).supportByIds(ids.toArray(Long[]::new)));
        Set<vn.caunoi.core.hierarchy.UnitAt> allowed = access.inScope(actor,
                rows.stream().map(r -> new vn.caunoi.core.hierarchy.UnitAt(r.unitId, r.occurredOn)).toList());
        return rows.stream().filter(r -> allowed.contains(new vn.caunoi.core.hierarchy.UnitAt(r.unitId, r.occurredOn)))
                .collect(Collectors.toMap(r -> r.id, ActivityRows.SupportRow::activity));
    }

    /** Feedback by id, each shown when it was received in the actor's scope. */
    public Map<Long, Feedback> feedbackByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, "read the teams' work", READERS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ActivityRows.FeedbackRow> rows = db.read(s -> s.getMapper(ActivityMapper.class).feedbackByIds(ids.toArray(Long[]::new)));
        Set<vn.caunoi.core.hierarchy.UnitAt> allowed = access.inScope(actor,
                rows.stream().map(r -> new vn.caunoi.core.hierarchy.UnitAt(r.unitId, r.receivedOn)).toList());
        return rows.stream().filter(r -> allowed.contains(new vn.caunoi.core.hierarchy.UnitAt(r.unitId, r.receivedOn)))
                .collect(Collectors.toMap(r -> r.id, ActivityRows.FeedbackRow::feedback));
    }

    public Totals supportTotals(Actor actor, Query q) {
        ActivityFilter f = filter(actor, q);
        ActivityRows.TotalsRow t = db.read(s -> s.getMapper(ActivityMapper.class).supportTotals(f));
        return new Totals(t.activities, t.people);
    }

    // --- trainings ------------------------------------------------------------------------------

    public Created<Training> createTraining(Actor actor, NewTraining in) {
        Access.require(actor, "create trainings", MANAGERS);
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
        AdministrativeUnit unit = unitOn(actor, p, "unit", in.unitCode(), on);
        List<Long> attendees = in.attendees() == null ? List.of() : List.copyOf(new LinkedHashSet<>(in.attendees()));
        if (attendees.size() > 5000) {
            p.add("attendees", "TOO_MANY", "at most 5000 attendees at once");
        }
        p.throwIfAny();
        access.requireIn(actor, unit.id(), on, unit.fullName());
        String fingerprint = fingerprint("createTraining", title, in.organiserKind(), organiser, in.mode(),
                new java.util.TreeSet<>(in.topics()), on, unit.id(), new java.util.TreeSet<>(attendees));
        return db.inTransaction(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            checkMembers(s.getMapper(TeamMapper.class), attendees, "attendees");
            Idempotency.Outcome outcome = Idempotency.once(s, "createTraining", key, fingerprint, () -> {
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
        Access.require(actor, "record training attendance", MANAGERS);
        Problems p = new Problems();
        p.required("training", trainingId);
        if (memberIds == null || memberIds.isEmpty()) {
            p.add("members", "REQUIRED", "give at least one member");
        } else if (memberIds.size() > 5000) {
            p.add("members", "TOO_MANY", "at most 5000 members at once");
        }
        p.throwIfAny();
        return db.inTransaction(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            List<ActivityRows.TrainingRow> t = m.trainingsByIds(new Long[]{trainingId});
            if (t.isEmpty()) {
                throw new InvalidInputException("training", "UNKNOWN_TRAINING", "no training " + trainingId);
            }
            Access.requireIn(s, actor, t.get(0).unitId, t.get(0).heldOn, "the training");
            checkMembers(s.getMapper(TeamMapper.class), memberIds, "members");
            m.insertAttendance(trainingId, memberIds.stream().distinct().toArray(Long[]::new));
            return t.get(0).training();
        });
    }

    public Page<Training> trainings(Actor actor, Query q) {
        ActivityFilter f = filter(actor, q);
        return db.read(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            List<Training> items = q.page().limit() == 0 ? List.of()
                    : m.searchTrainings(f, q.page().offset(), q.page().limit()).stream().map(ActivityRows.TrainingRow::training).toList();
            return new Page<>(items, m.countTrainings(f), q.page().offset());
        });
    }

    /** For each training, the ids of the members who attended. */
    public Map<Long, List<Long>> attendance(Actor actor, Collection<Long> trainingIds) {
        Set<Long> visible = trainingsByIds(actor, trainingIds).keySet();
        return pairs(actor, trainingIds, m -> m.attendance(visible.toArray(Long[]::new)));
    }

    /** For each member, the ids of the trainings attended. */
    public Map<Long, List<Long>> trainingsAttended(Actor actor, Collection<Long> memberIds) {
        Set<Long> visible = visibleMembers(actor, memberIds);
        return pairs(actor, memberIds, m -> m.trainingsAttended(visible.toArray(Long[]::new)));
    }

    public Map<Long, Training> trainingsByIds(Actor actor, Collection<Long> ids) {
        Access.require(actor, "read trainings", READERS);
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ActivityRows.TrainingRow> rows = db.read(s -> s.getMapper(ActivityMapper.class).trainingsByIds(ids.toArray(Long[]::new)));
        Set<vn.caunoi.core.hierarchy.UnitAt> allowed = access.inScope(actor, rows.stream()
                .map(r -> new vn.caunoi.core.hierarchy.UnitAt(r.unitId, r.heldOn)).toList());
        return rows.stream().filter(r -> allowed.contains(new vn.caunoi.core.hierarchy.UnitAt(r.unitId, r.heldOn)))
                .collect(Collectors.toMap(r -> r.id, ActivityRows.TrainingRow::training));
    }

    private Set<Long> visibleMembers(Actor actor, Collection<Long> memberIds) {
        Access.require(actor, "read members", READERS);
        if (actor.unrestricted() || memberIds.isEmpty()) {
            return new java.util.HashSet<>(memberIds);
        }
        return new java.util.HashSet<>(db.read(s -> s.getMapper(AccessMapper.class).membersInScope(memberIds.toArray(Long[]::new),
                actor.scopeArray())));
    }

    private Set<Long> visibleCampaigns(Actor actor, Collection<Long> campaignIds) {
        Access.require(actor, "read campaigns", READERS);
        if (actor.unrestricted() || campaignIds.isEmpty()) {
            return new java.util.HashSet<>(campaignIds);
        }
        return new java.util.HashSet<>(db.read(s -> s.getMapper(AccessMapper.class).campaignsInScope(campaignIds.toArray(Long[]::new),
                actor.scopeArray())));
    }

    // --- campaigns ------------------------------------------------------------------------------

    public Created<Campaign> createCampaign(Actor actor, NewCampaign in) {
        Access.require(actor, "create campaigns", MANAGERS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, in.idempotencyKey());
        String name = p.text("name", in.name(), 200);
        LocalDate from = p.required("startsOn", in.startsOn());
        LocalDate to = p.required("endsOn", in.endsOn());
        p.order("startsOn", from, "endsOn", to);
        List<Long> units = new ArrayList<>();
        if (in.unitCodes() == null || in.unitCodes().isEmpty()) {
            p.add("units", "REQUIRED", "a campaign covers at least one unit");
        } else if (from != null) {
            for (String code : new LinkedHashSet<>(in.unitCodes())) {
                hierarchy.unit(actor, code, from).ifPresentOrElse(u -> units.add(u.id()),
                        () -> p.add("units", "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(code) + " on " + from));
            }
        }
        p.throwIfAny();
        units.forEach(u -> access.requireIn(actor, u, from, "a unit of the campaign"));
        String fingerprint = fingerprint("createCampaign", name, from, to, new java.util.TreeSet<>(units));
        return db.inTransaction(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            Idempotency.Outcome outcome = Idempotency.once(s, "createCampaign", key, fingerprint, () -> {
                long id = m.insertCampaign(name, from, to);
                m.insertCampaignUnits(id, units.toArray(Long[]::new));
                return id;
            });
            return new Created<>(m.campaignsByIds(new Long[]{outcome.id()}).get(0).campaign(), outcome.replayed());
        });
    }

    public Page<Campaign> campaigns(Actor actor, LocalDate activeOn, PageRequest page) {
        Access.require(actor, "read campaigns", READERS);
        if (!actor.unrestricted()) {
            // Campaigns are few: read them all and keep those covering the scope.
            List<Campaign> all = db.read(s -> s.getMapper(ActivityMapper.class).campaigns(activeOn, 0, Integer.MAX_VALUE)).stream()
                    .map(ActivityRows.CampaignRow::campaign).toList();
            Set<Long> visible = visibleCampaigns(actor, all.stream().map(Campaign::id).toList());
            List<Campaign> mine = all.stream().filter(c -> visible.contains(c.id())).toList();
            return new Page<>(mine.subList(Math.min(page.offset(), mine.size()), Math.min(mine.size(), page.offset() + page.limit())),
                    mine.size(), page.offset());
        }
        return db.read(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            List<Campaign> items = page.limit() == 0 ? List.of()
                    : m.campaigns(activeOn, page.offset(), page.limit()).stream().map(ActivityRows.CampaignRow::campaign).toList();
            return new Page<>(items, m.countCampaigns(activeOn), page.offset());
        });
    }

    public Map<Long, Campaign> campaignsByIds(Actor actor, Collection<Long> ids) {
        Set<Long> visible = visibleCampaigns(actor, ids);
        if (visible.isEmpty()) {
            return Map.of();
        }
        return db.read(s -> s.getMapper(ActivityMapper.class).campaignsByIds(visible.toArray(Long[]::new))).stream()
                .collect(Collectors.toMap(r -> r.id, ActivityRows.CampaignRow::campaign));
    }

    /** For each campaign, the ids of the units it covers. */
    public Map<Long, List<Long>> campaignUnits(Actor actor, Collection<Long> campaignIds) {
        Set<Long> visible = visibleCampaigns(actor, campaignIds);
        return pairs(actor, campaignIds, m -> m.campaignUnits(visible.toArray(Long[]::new)));
    }

    // --- feedback -------------------------------------------------------------------------------

    public Created<Feedback> recordFeedback(Actor actor, NewFeedback in) {
        Access.require(actor, "record feedback", RECORDERS);
        Problems p = new Problems();
        String key = Idempotency.checkKey(p, in.idempotencyKey());
        p.required("topic", in.topic());
        String text = p.text("text", in.text(), 2000);
        LocalDate on = p.required("receivedOn", in.receivedOn());
        AdministrativeUnit unit = unitOn(actor, p, "unit", in.unitCode(), on);
        p.throwIfAny();
        access.requireIn(actor, unit.id(), on, unit.fullName());
        String fingerprint = fingerprint("recordFeedback", in.teamId(), unit.id(), in.topic(), text, on);
        return db.inTransaction(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            if (in.teamId() != null) {
                List<TeamRows.TeamRow> team = s.getMapper(TeamMapper.class).teamsByIds(new Long[]{in.teamId()}, on);
                if (team.isEmpty()) {
                    throw new InvalidInputException("team", "UNKNOWN_TEAM", "no team " + in.teamId());
                }
                if (on.isBefore(team.get(0).establishedOn) || (team.get(0).dissolvedOn != null && !on.isBefore(team.get(0).dissolvedOn))) {
                    throw new InvalidInputException("receivedOn", "TEAM_NOT_ACTIVE", "the team did not exist on " + on);
                }
                if (actor.is(Role.TEAM_MEMBER) && actor.kind() != Actor.Kind.SYSTEM && !m.memberInTeam(actor.memberId(), in.teamId(), on)) {
                    throw AccessDeniedException.of(actor, "you were not a member of this team on " + on);
                }
            }
            Idempotency.Outcome outcome = Idempotency.once(s, "recordFeedback", key, fingerprint, () -> {
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
        Access.require(actor, "change the status of feedback", MANAGERS);
        Problems p = new Problems();
        p.required("feedback", feedbackId);
        p.required("status", status);
        p.required("on", on);
        p.throwIfAny();
        return db.inTransaction(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            ActivityRows.FeedbackRow row = m.feedback(feedbackId);
            if (row == null) {
                throw new InvalidInputException("feedback", "UNKNOWN_FEEDBACK", "no feedback " + feedbackId);
            }
            Access.requireIn(s, actor, row.unitId, row.receivedOn, "the feedback");
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

    public Page<Feedback> feedback(Actor actor, Query q) {
        ActivityFilter f = filter(actor, q);
        return db.read(s -> {
            ActivityMapper m = s.getMapper(ActivityMapper.class);
            List<Feedback> items = q.page().limit() == 0 ? List.of()
                    : m.searchFeedback(f, q.page().offset(), q.page().limit()).stream().map(ActivityRows.FeedbackRow::feedback).toList();
            return new Page<>(items, m.countFeedback(f), q.page().offset());
        });
    }

    // --- shared ---------------------------------------------------------------------------------

    private void checkServiceAndStage(Actor actor, Problems p, String service, String stage) {
        if (p.text("service", service, 40) == null) {
            return;
        }
        Optional<CatalogueEntry> entry = services.find(actor, service);
        if (entry.isEmpty()) {
            p.add("service", "UNKNOWN_SERVICE", "no digital service " + service);
        } else if (!entry.get().available()) {
            p.add("service", "SERVICE_UNAVAILABLE", "service " + service + " has no plugin loaded; its data stays readable but new records are refused");
        } else if (p.text("stage", stage, 50) != null && entry.get().descriptor().stage(stage).isEmpty()) {
            p.add("stage", "UNKNOWN_STAGE", "service " + service + " has no stage " + stage + "; its stages are "
                    + entry.get().descriptor().stages().stream().map(vn.caunoi.spi.Stage::code).toList());
        }
    }

    private AdministrativeUnit unitOn(Actor actor, Problems p, String field, String code, LocalDate on) {
        if (p.text(field, code, 20) == null || on == null) {
            return null;
        }
        Optional<AdministrativeUnit> unit = hierarchy.unit(actor, code, on);
        if (unit.isEmpty()) {
            p.add(field, "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(code) + " on " + on);
        }
        return unit.orElse(null);
    }

    private static void checkMembers(TeamMapper teams, Collection<Long> ids, String field) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> known = teams.membersByIds(ids.toArray(Long[]::new)).stream().map(r -> r.id).collect(Collectors.toSet());
        List<Long> unknown = ids.stream().filter(id -> !known.contains(id)).limit(10).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(field, "UNKNOWN_MEMBER", "no member(s) " + unknown);
        }
    }

    /** A list is read under a unit: only by readers, and inside their scope (so is everything under it). */
    private ActivityFilter filter(Actor actor, Query q) {
        Access.require(actor, "read the teams' work", READERS);
        Problems p = new Problems();
        p.order("from", q.from(), "to", q.to());
        p.throwIfAny();
        AdministrativeUnit under = hierarchy.requireUnit(actor, "under", q.under(), q.asOf());
        access.requireIn(actor, under.id(), q.asOf(), under.fullName());
        long root = under.id();
        return new ActivityFilter(root, q.asOf(), q.from(), q.to(), q.service(), q.stage(), q.campaignId(), q.teamId(), q.status(),
                actor.scopeArray());
    }

    private Map<Long, List<Long>> pairs(Actor actor, Collection<Long> keys,
                                        java.util.function.Function<ActivityMapper, List<ActivityRows.PairRow>> query) {
        Objects.requireNonNull(actor, "actor");
        Map<Long, List<Long>> result = new LinkedHashMap<>();
        keys.forEach(k -> result.put(k, new ArrayList<>()));
        if (!keys.isEmpty()) {
            db.read(s -> query.apply(s.getMapper(ActivityMapper.class))).forEach(r -> result.get(r.left).add(r.right));
        }
        return result;
    }

    private String fingerprint(Object... parts) {
        return protector.get().fingerprintOf(parts);
    }
}
