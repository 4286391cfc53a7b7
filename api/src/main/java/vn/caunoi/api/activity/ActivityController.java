package vn.caunoi.api.activity;

import graphql.schema.DataFetchingFieldSelectionSet;
import vn.caunoi.core.activity.FeedbackService;
import vn.caunoi.core.activity.CampaignService;
import vn.caunoi.core.activity.TrainingService;
import vn.caunoi.core.activity.SupportActivityService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.activity.ActivityViews.CampaignView;
import vn.caunoi.api.activity.ActivityViews.FeedbackView;
import vn.caunoi.api.activity.ActivityViews.SupportActivityView;
import vn.caunoi.api.activity.ActivityViews.TrainingView;
import vn.caunoi.api.digital.DigitalServiceController.StageView;
import vn.caunoi.api.digital.ServiceView;
import vn.caunoi.api.digital.ServiceViews;
import vn.caunoi.api.graphql.Connection;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.graphql.UserError;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.team.TeamViews.MemberView;
import vn.caunoi.api.team.TeamViews.TeamView;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.activity.Activities;
import vn.caunoi.core.activity.ActivityQuery;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.team.Member;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamService;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** GraphQL over support activities, trainings, campaigns and feedback. Associations are batched. */
@Controller
public class ActivityController {

    /** A page of activities and the query behind it, so that the total of people is computed only when asked. */
    public record ActivityConnection(Connection<SupportActivityView> page, ActivityQuery query)
            implements vn.caunoi.api.graphql.DomainView {
        @Override
        public Object domain() {
            return page;
        }
    }

    public record RecordSupportActivityInput(String idempotencyKey, String team, String member, Activities.PlaceKind placeKind,
                                             String unit, String placeName, Activities.Channel channel, LocalDate occurredOn,
                                             String service, String stage, Integer people, String campaign, String note) {
    }

    public record RecordSupportActivityPayload(SupportActivityView activity, boolean replayed, List<UserError> userErrors) {
    }

    public record CreateTrainingInput(String idempotencyKey, String title, Activities.OrganiserKind organiserKind, String organiserName,
                                      Activities.TrainingMode mode, List<Activities.TrainingTopic> topics, LocalDate heldOn,
                                      String unit, List<String> attendees) {
    }

    public record CreateTrainingPayload(TrainingView training, boolean replayed, List<UserError> userErrors) {
    }

    public record RecordTrainingAttendanceInput(String training, List<String> members) {
    }

    public record RecordTrainingAttendancePayload(TrainingView training, List<UserError> userErrors) {
    }

    public record CreateCampaignInput(String idempotencyKey, String name, LocalDate startsOn, LocalDate endsOn, List<String> units) {
    }

    public record CreateCampaignPayload(CampaignView campaign, boolean replayed, List<UserError> userErrors) {
    }

    public record RecordFeedbackInput(String idempotencyKey, String team, String unit, Activities.FeedbackTopic topic, String text,
                                      LocalDate receivedOn) {
    }

    public record RecordFeedbackPayload(FeedbackView feedback, boolean replayed, List<UserError> userErrors) {
    }

    public record ChangeFeedbackStatusInput(String feedback, Activities.FeedbackStatus status, LocalDate on) {
    }

    public record ChangeFeedbackStatusPayload(FeedbackView feedback, List<UserError> userErrors) {
    }

    private final CauNoi caunoi;
    private final HierarchyService hierarchy;
    private final ServiceViews services;
    private final Today today;

    public ActivityController(CauNoi caunoi, ServiceViews services, Today today) {
        this.caunoi = caunoi;
        this.hierarchy = caunoi.hierarchy();
        this.services = services;
        this.today = today;
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    // --- queries ------------------------------------------------------------------------------

    @QueryMapping
    public ActivityConnection supportActivities(@Argument String under, @Argument LocalDate asOf, @Argument LocalDate from,
                                                @Argument LocalDate to, @Argument String service, @Argument String stage,
                                                @Argument String campaign, @Argument String team, @Argument Integer first,
                                                @Argument String after) {
        ActivityQuery q = new ActivityQuery(under, today.orToday(asOf), from, to, service, stage,
                GlobalId.optionalIdOf(campaign, "Campaign", "campaign"), GlobalId.optionalIdOf(team, "Team", "team"), null,
                Connection.request(first, after));
        return new ActivityConnection(Connection.of(caunoi.supportActivities().supportActivities(actor(), q), SupportActivityView::new), q);
    }

    @SchemaMapping(typeName = "SupportActivityConnection")
    public long totalPeople(ActivityConnection connection) {
        return caunoi.supportActivities().supportTotals(actor(), connection.query()).people();
    }

    @QueryMapping
    public Connection<TrainingView> trainings(@Argument String under, @Argument LocalDate asOf, @Argument LocalDate from,
                                              @Argument LocalDate to, @Argument Integer first, @Argument String after,
                                              DataFetchingFieldSelectionSet selection) {
        ActivityQuery q = new ActivityQuery(under, today.orToday(asOf), from, to, null, null, null, null, null,
                Connection.request(first, after, selection));
        return Connection.of(caunoi.trainings().trainings(actor(), q), TrainingView::new);
    }

    @QueryMapping
    public Connection<CampaignView> campaigns(@Argument LocalDate activeOn, @Argument Integer first, @Argument String after) {
        return Connection.of(caunoi.campaigns().campaigns(actor(), activeOn, Connection.request(first, after)), CampaignView::new);
    }

    @QueryMapping
    public Connection<FeedbackView> feedback(@Argument String under, @Argument LocalDate asOf, @Argument LocalDate from,
                                             @Argument LocalDate to, @Argument Activities.FeedbackStatus status,
                                             @Argument String team, @Argument Integer first, @Argument String after,
                                             DataFetchingFieldSelectionSet selection) {
        ActivityQuery q = new ActivityQuery(under, today.orToday(asOf), from, to, null, null, null,
                GlobalId.optionalIdOf(team, "Team", "team"), status == null ? null : status.name(), Connection.request(first, after, selection));
        return Connection.of(caunoi.feedback().feedback(actor(), q), FeedbackView::new);
    }

    // --- associations --------------------------------------------------------------------------

    @BatchMapping(typeName = "SupportActivity")
    public Map<SupportActivityView, TeamView> team(List<SupportActivityView> views) {
        return teamsOn(views, v -> v.activity().teamId(), v -> v.activity().occurredOn());
    }

    /** Each view's team as it was on the view's own date, in one statement whatever the mix of dates. */
    private <V> Map<V, TeamView> teamsOn(List<V> views, Function<V, Long> teamId, Function<V, LocalDate> date) {
        Map<TeamService.TeamAt, Team> byKey = caunoi.teams().teamsAt(actor(), views.stream().filter(v -> teamId.apply(v) != null)
                .map(v -> new TeamService.TeamAt(teamId.apply(v), date.apply(v))).distinct().toList());
        Map<V, TeamView> result = new HashMap<>();
        views.stream().filter(v -> teamId.apply(v) != null).forEach(v ->
                result.put(v, new TeamView(byKey.get(new TeamService.TeamAt(teamId.apply(v), date.apply(v))), date.apply(v))));
        return result;
    }

    @BatchMapping(typeName = "SupportActivity")
    public Map<SupportActivityView, MemberView> member(List<SupportActivityView> views) {
        Map<Long, Member> byId = caunoi.members().membersByIds(actor(), ids(views, v -> v.activity().memberId()));
        Map<SupportActivityView, MemberView> result = new HashMap<>();
        views.stream().filter(v -> v.activity().memberId() != null)
                .forEach(v -> result.put(v, new MemberView(byId.get(v.activity().memberId()), v.activity().occurredOn())));
        return result;
    }

    @BatchMapping(typeName = "SupportActivity")
    public Map<SupportActivityView, UnitView> unit(List<SupportActivityView> views) {
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), ids(views, v -> v.activity().unitId()));
        return views.stream().distinct().collect(Collectors.toMap(v -> v,
                v -> UnitView.of(units.get(v.activity().unitId()), v.activity().occurredOn())));
    }

    @BatchMapping(typeName = "SupportActivity")
    public Map<SupportActivityView, ServiceView> service(List<SupportActivityView> views) {
        Map<String, ServiceView> byCode = services.byCode(actor());
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> byCode.get(v.activity().service())));
    }

    @BatchMapping(typeName = "SupportActivity")
    public Map<SupportActivityView, StageView> stage(List<SupportActivityView> views) {
        Map<String, ServiceView> byCode = services.byCode(actor());
        Map<SupportActivityView, StageView> result = new HashMap<>();
        for (SupportActivityView v : views) {
            var descriptor = byCode.get(v.activity().service()).entry().descriptor();
            descriptor.stage(v.activity().stage()).ifPresent(s -> result.put(v, new StageView(s, descriptor.order(s.code()))));
        }
        return result;
    }

    @BatchMapping(typeName = "SupportActivity")
    public Map<SupportActivityView, CampaignView> campaign(List<SupportActivityView> views) {
        Map<Long, Activities.Campaign> byId = caunoi.campaigns().campaignsByIds(actor(), ids(views, v -> v.activity().campaignId()));
        Map<SupportActivityView, CampaignView> result = new HashMap<>();
        views.stream().filter(v -> v.activity().campaignId() != null)
                .forEach(v -> result.put(v, new CampaignView(byId.get(v.activity().campaignId()))));
        return result;
    }

    @BatchMapping(typeName = "Training", field = "unit")
    public Map<TrainingView, UnitView> trainingUnit(List<TrainingView> views) {
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), ids(views, v -> v.training().unitId()));
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> UnitView.of(units.get(v.training().unitId()), v.training().heldOn())));
    }

    @BatchMapping(typeName = "Training")
    public Map<TrainingView, List<MemberView>> attendees(List<TrainingView> views) {
        Map<Long, List<Long>> attendance = caunoi.trainings().attendance(actor(), ids(views, v -> v.training().id()));
        Map<Long, Member> members = caunoi.members().membersByIds(actor(), attendance.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> attendance.getOrDefault(v.training().id(), List.of()).stream()
                .map(id -> new MemberView(members.get(id), v.training().heldOn())).toList()));
    }

    @BatchMapping(typeName = "Training")
    public Map<TrainingView, Integer> attendeeCount(List<TrainingView> views) {
        Map<Long, List<Long>> attendance = caunoi.trainings().attendance(actor(), ids(views, v -> v.training().id()));
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> attendance.getOrDefault(v.training().id(), List.of()).size()));
    }

    @BatchMapping(typeName = "Campaign")
    public Map<CampaignView, List<UnitView>> units(List<CampaignView> views) {
        Map<Long, List<Long>> byCampaign = caunoi.campaigns().campaignUnits(actor(), ids(views, v -> v.campaign().id()));
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), byCampaign.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> byCampaign.getOrDefault(v.campaign().id(), List.of()).stream()
                .map(id -> UnitView.of(units.get(id), v.campaign().startsOn())).toList()));
    }

    @BatchMapping(typeName = "Feedback", field = "unit")
    public Map<FeedbackView, UnitView> feedbackUnit(List<FeedbackView> views) {
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), ids(views, v -> v.feedback().unitId()));
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> UnitView.of(units.get(v.feedback().unitId()), v.feedback().receivedOn())));
    }

    @BatchMapping(typeName = "Feedback", field = "team")
    public Map<FeedbackView, TeamView> feedbackTeam(List<FeedbackView> views) {
        return teamsOn(views, v -> v.feedback().teamId(), v -> v.feedback().receivedOn());
    }

    // --- mutations -----------------------------------------------------------------------------

    @MutationMapping
    public RecordSupportActivityPayload recordSupportActivity(@Argument RecordSupportActivityInput input) {
        return UserError.payload(() -> {
            Created<Activities.SupportActivity> created = caunoi.supportActivities().recordSupportActivity(actor(), new SupportActivityService.NewSupportActivity(
                    input.idempotencyKey(), GlobalId.idOf(input.team(), "Team", "team"), GlobalId.optionalIdOf(input.member(), "Member", "member"),
                    input.placeKind(), input.unit(), input.placeName(), input.channel(), input.occurredOn(), input.service(), input.stage(),
                    input.people(), GlobalId.optionalIdOf(input.campaign(), "Campaign", "campaign"), input.note()));
            return new RecordSupportActivityPayload(new SupportActivityView(created.value()), created.replayed(), List.of());
        }, errors -> new RecordSupportActivityPayload(null, false, errors));
    }

    @MutationMapping
    public CreateTrainingPayload createTraining(@Argument CreateTrainingInput input) {
        return UserError.payload(() -> {
            List<Long> attendees = input.attendees() == null ? List.of()
                    : input.attendees().stream().map(id -> GlobalId.idOf(id, "Member", "attendees")).toList();
            Created<Activities.Training> created = caunoi.trainings().createTraining(actor(), new TrainingService.NewTraining(input.idempotencyKey(),
                    input.title(), input.organiserKind(), input.organiserName(), input.mode(), input.topics(), input.heldOn(), input.unit(), attendees));
            return new CreateTrainingPayload(new TrainingView(created.value()), created.replayed(), List.of());
        }, errors -> new CreateTrainingPayload(null, false, errors));
    }

    @MutationMapping
    public RecordTrainingAttendancePayload recordTrainingAttendance(@Argument RecordTrainingAttendanceInput input) {
        return UserError.payload(() -> {
            List<Long> members = input.members().stream().map(id -> GlobalId.idOf(id, "Member", "members")).toList();
            Activities.Training t = caunoi.trainings().recordAttendance(actor(), GlobalId.idOf(input.training(), "Training", "training"), members);
            return new RecordTrainingAttendancePayload(new TrainingView(t), List.of());
        }, errors -> new RecordTrainingAttendancePayload(null, errors));
    }

    @MutationMapping
    public CreateCampaignPayload createCampaign(@Argument CreateCampaignInput input) {
        return UserError.payload(() -> {
            Created<Activities.Campaign> created = caunoi.campaigns().createCampaign(actor(), new CampaignService.NewCampaign(input.idempotencyKey(),
                    input.name(), input.startsOn(), input.endsOn(), input.units()));
            return new CreateCampaignPayload(new CampaignView(created.value()), created.replayed(), List.of());
        }, errors -> new CreateCampaignPayload(null, false, errors));
    }

    @MutationMapping
    public RecordFeedbackPayload recordFeedback(@Argument RecordFeedbackInput input) {
        return UserError.payload(() -> {
            Created<Activities.Feedback> created = caunoi.feedback().recordFeedback(actor(), new FeedbackService.NewFeedback(input.idempotencyKey(),
                    GlobalId.optionalIdOf(input.team(), "Team", "team"), input.unit(), input.topic(), input.text(), input.receivedOn()));
            return new RecordFeedbackPayload(new FeedbackView(created.value()), created.replayed(), List.of());
        }, errors -> new RecordFeedbackPayload(null, false, errors));
    }

    @MutationMapping
    public ChangeFeedbackStatusPayload changeFeedbackStatus(@Argument ChangeFeedbackStatusInput input) {
        return UserError.payload(() -> new ChangeFeedbackStatusPayload(new FeedbackView(caunoi.feedback().changeFeedbackStatus(actor(),
                GlobalId.idOf(input.feedback(), "Feedback", "feedback"), input.status(), input.on())), List.of()),
                errors -> new ChangeFeedbackStatusPayload(null, errors));
    }

    private static <V> Set<Long> ids(Collection<V> views, Function<V, Long> id) {
        return views.stream().map(id).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
