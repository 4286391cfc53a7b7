package vn.caunoi.api.team;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import reactor.core.publisher.Mono;
import vn.caunoi.core.team.MemberService;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.activity.ActivityViews.TrainingView;
import vn.caunoi.api.database.RequestDeadline;
import vn.caunoi.api.graphql.Connection;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.graphql.UserError;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.team.TeamViews.MemberView;
import vn.caunoi.api.team.TeamViews.MembershipView;
import vn.caunoi.api.team.TeamViews.TeamView;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.activity.TrainingService;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.team.Affiliation;
import vn.caunoi.core.team.Coverage;
import vn.caunoi.core.team.Member;
import vn.caunoi.core.team.Membership;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamRole;
import vn.caunoi.core.team.TeamService;
import vn.caunoi.core.team.TeamStatus;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** GraphQL over teams, members and coverage. Associations are batched per request level. */
@Controller
public class TeamController {

    /** Coverage with the unit and date it is for; counts are read through its accessors. */
    public record CoverageView(Coverage coverage, AdministrativeUnit unit, LocalDate asOf) implements vn.caunoi.api.graphql.DomainView {
        @Override
        public Object domain() {
            return coverage;
        }
    }

    public record AffiliationCount(Affiliation affiliation, long count) {
    }

    public record CreateTeamInput(String idempotencyKey, String unit, String name, LocalDate establishedOn) {
    }

    public record CreateTeamPayload(TeamView team, boolean replayed, List<UserError> userErrors) {
    }

    public record ChangeTeamStatusInput(String team, TeamStatus status, LocalDate effectiveOn, String reason) {
    }

    public record ChangeTeamStatusPayload(TeamView team, List<UserError> userErrors) {
    }

    public record AddMemberInput(String idempotencyKey, String team, String fullName, Affiliation affiliation, String phone,
                                 TeamRole role, LocalDate from) {
    }

    public record AddMemberPayload(MemberView member, MembershipView membership, boolean replayed, List<UserError> userErrors) {
    }

    public record AddMembershipInput(String idempotencyKey, String member, String team, TeamRole role, LocalDate from) {
    }

    public record AddMembershipPayload(MembershipView membership, boolean replayed, List<UserError> userErrors) {
    }

    public record EndMembershipInput(String membership, LocalDate on) {
    }

    public record EndMembershipPayload(MembershipView membership, List<UserError> userErrors) {
    }

    private final TeamService teams;
    private final MemberService members;
    private final HierarchyService hierarchy;
    private final TrainingService trainings;
    private final Today today;

    /** The batch loader of members not read with their memberships (a member's history). */
    static final String MEMBER_OF_MEMBERSHIP = "Membership.member";
    /** The batch loader of the memberships of the teams of a request level, with their members. */
    static final String MEMBERSHIPS_OF_TEAM = "Team.memberships";

    public TeamController(CauNoi caunoi, Today today, BatchLoaderRegistry registry) {
        this.teams = caunoi.teams();
        this.members = caunoi.members();
        this.hierarchy = caunoi.hierarchy();
        this.trainings = caunoi.trainings();
        this.today = today;
        // Each batch checks the request's deadline before it reads: its fetchers are light ones,
        // which the deadline's instrumentation leaves alone.
        registry.<MembershipView, MemberView>forName(MEMBER_OF_MEMBERSHIP).registerMappedBatchLoader((views, env) ->
                Mono.fromCallable(() -> {
                    RequestDeadline.check();
                    return unreadMembers(views);
                }));
        registry.<TeamView, List<MembershipView>>forName(MEMBERSHIPS_OF_TEAM).registerMappedBatchLoader((views, env) ->
                Mono.fromCallable(() -> {
                    RequestDeadline.check();
                    return memberships(List.copyOf(views));
                }));
    }

    /**
     * {@code Team.memberships}: the team's entry in {@link #MEMBERSHIPS_OF_TEAM}, one statement per
     * request level. A light fetcher, as {@link MemberOfMembership} is: a page of 100 teams makes
     * 100 of these calls, and a controller's batch mapping would wrap each in Spring's context
     * propagation and the instrumentations' fetcher wrappers, a twentieth of the request's time.
     */
    static final class MembershipsOfTeam implements LightDataFetcher<Object> {
        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env) {
            return env.get().<TeamView, List<MembershipView>>getDataLoader(MEMBERSHIPS_OF_TEAM).load((TeamView) source);
        }

        @Override
        public Object get(DataFetchingEnvironment env) {
            return get(env.getFieldDefinition(), env.getSource(), () -> env);
        }
    }

    /**
     * {@code Membership.member}: a team's memberships are read with their members, so their member
     * is answered at once, without a batch loader's future for each of a page's ~1,000 memberships
     * (which cost more than reading them); others (a member's history) go through
     * {@link #MEMBER_OF_MEMBERSHIP}, one statement per request level. A light fetcher: no
     * environment is built for a member already read. graphql-java counts it trivial, so the
     * instrumentations pass it over, as they would anyway: access rules are on root fields, and
     * argument checks on fields with arguments; this field is neither.
     */
    static final class MemberOfMembership implements LightDataFetcher<Object> {
        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env) {
            MembershipView view = (MembershipView) source;
            if (view.member() != null) {
                return new MemberView(view.member(), view.asOf());
            }
            return env.get().<MembershipView, MemberView>getDataLoader(MEMBER_OF_MEMBERSHIP).load(view);
        }

        @Override
        public Object get(DataFetchingEnvironment env) {
            return get(env.getFieldDefinition(), env.getSource(), () -> env);
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Wiring {
        @org.springframework.context.annotation.Bean
        RuntimeWiringConfigurer membershipMember() {
            return wiring -> wiring.type("Membership", type -> type.dataFetcher("member", new MemberOfMembership()))
                    .type("Team", type -> type.dataFetcher("memberships", new MembershipsOfTeam()));
        }
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    // --- queries ------------------------------------------------------------------------------

    @QueryMapping
    public CoverageView coverage(@Argument String code, @Argument LocalDate asOf) {
        LocalDate date = today.orToday(asOf);
        AdministrativeUnit unit = hierarchy.unit(actor(), code, date).orElse(null);
        return unit == null ? null : new CoverageView(teams.coverage(actor(), code, date), unit, date);
    }

    @SchemaMapping(typeName = "Coverage")
    public UnitView unit(CoverageView c) {
        return new UnitView(c.unit(), c.asOf());
    }

    @SchemaMapping(typeName = "Coverage")
    public List<AffiliationCount> membersByAffiliation(CoverageView c) {
        return c.coverage().membersByAffiliation().entrySet().stream()
                .sorted(Map.Entry.<Affiliation, Long>comparingByValue().reversed())
                .map(e -> new AffiliationCount(e.getKey(), e.getValue())).toList();
    }

    @QueryMapping
    public Connection<TeamView> teams(@Argument String under, @Argument LocalDate asOf, @Argument TeamStatus status,
                                      @Argument UnitLevel level, @Argument Integer first, @Argument String after,
                                      DataFetchingFieldSelectionSet selection) {
        LocalDate date = today.orToday(asOf);
        return Connection.of(teams.teams(actor(), new TeamService.TeamQuery(under, date, status, level, Connection.request(first, after, selection))),
                t -> new TeamView(t, date));
    }

    @QueryMapping
    public TeamView team(@Argument String id, @Argument LocalDate asOf) {
        LocalDate date = today.orToday(asOf);
        long teamId = GlobalId.idOf(id, "Team", "id");
        Team team = teams.teamsByIds(actor(), List.of(teamId), date).get(teamId);
        return team == null ? null : new TeamView(team, date);
    }

    @QueryMapping
    public Connection<MemberView> members(@Argument String under, @Argument LocalDate asOf, @Argument String team,
                                          @Argument Affiliation affiliation, @Argument Integer first, @Argument String after,
                                          DataFetchingFieldSelectionSet selection) {
        LocalDate date = today.orToday(asOf);
        Long teamId = GlobalId.optionalIdOf(team, "Team", "team");
        return Connection.of(members.members(actor(), new MemberService.MemberQuery(under, date, teamId, affiliation, Connection.request(first, after, selection))),
                m -> new MemberView(m, date));
    }

    // --- associations --------------------------------------------------------------------------

    /** The unit each team works in on its date: its own unit placed on the map of that date (the map is public). */
    @BatchMapping(typeName = "Team")
    public Map<TeamView, UnitView> unit(List<TeamView> views) {
        Map<UnitAt, AdministrativeUnit> areas = hierarchy.placedOn(actor(),
                views.stream().map(v -> new UnitAt(v.team().unitId(), v.asOf())).distinct().toList());
        Map<TeamView, UnitView> result = new HashMap<>();
        views.forEach(v -> {
            AdministrativeUnit u = areas.get(new UnitAt(v.team().unitId(), v.asOf()));
            if (u != null) {
                result.put(v, new UnitView(u, v.asOf()));
            }
        });
        return result;
    }

    @BatchMapping(typeName = "Team")
    public Map<TeamView, UnitView> establishedIn(List<TeamView> views) {
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), views.stream().map(v -> v.team().unitId()).collect(Collectors.toSet()));
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> new UnitView(units.get(v.team().unitId()), v.team().establishedOn())));
    }

    /** The memberships of each team on its date, leaders first, with their members ({@link #MEMBERSHIPS_OF_TEAM}). */
    Map<TeamView, List<MembershipView>> memberships(List<TeamView> views) {
        Map<TeamService.TeamAt, List<Membership.WithMember>> byTeam = members.membershipsAt(actor(),
                views.stream().map(v -> new TeamService.TeamAt(v.team().id(), v.asOf())).distinct().toList());
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> byTeam.getOrDefault(new TeamService.TeamAt(v.team().id(), v.asOf()), List.of())
                .stream().map(m -> new MembershipView(m.membership(), v.asOf(), m.member())).toList()));
    }

    @BatchMapping(typeName = "Team")
    public Map<TeamView, Integer> memberCount(List<TeamView> views) {
        Map<TeamView, Integer> result = new HashMap<>();
        memberships(views).forEach((v, list) -> result.put(v, list.size()));
        return result;
    }

    @BatchMapping(typeName = "Member", field = "memberships")
    public Map<MemberView, List<MembershipView>> memberHistory(List<MemberView> views) {
        Map<Long, List<Membership>> byMember = members.membershipsOfMembers(actor(), views.stream().map(v -> v.member().id()).distinct().toList());
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> byMember.getOrDefault(v.member().id(), List.of()).stream()
                .map(m -> new MembershipView(m, m.activeOn(v.asOf()) || m.validTo() == null ? v.asOf() : m.validTo().minusDays(1))).toList()));
    }

    @BatchMapping(typeName = "Member")
    public Map<MemberView, List<TrainingView>> trainings(List<MemberView> views) {
        Map<Long, List<Long>> attended = trainings.trainingsAttended(actor(), views.stream().map(v -> v.member().id()).distinct().toList());
        Set<Long> ids = attended.values().stream().flatMap(List::stream).collect(Collectors.toCollection(LinkedHashSet::new));
        var byId = trainings.trainingsByIds(actor(), ids);
        // A training held outside the caller's scope (a commune's, seen by a village team's member) is
        // not hers to see: it is left out, as the trainings query leaves it out.
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> attended.getOrDefault(v.member().id(), List.of()).stream()
                .map(byId::get).filter(java.util.Objects::nonNull).map(TrainingView::new).toList()));
    }

    /** The members of memberships read without them ({@link MemberOfMembership}), in one statement. */
    private Map<MembershipView, MemberView> unreadMembers(Set<MembershipView> views) {
        Map<Long, Member> byId = members.membersByIds(actor(), views.stream().map(v -> v.membership().memberId()).collect(Collectors.toSet()));
        Map<MembershipView, MemberView> result = new HashMap<>();
        views.forEach(v -> result.put(v, new MemberView(byId.get(v.membership().memberId()), v.asOf())));
        return result;
    }

    @BatchMapping(typeName = "Membership")
    public Map<MembershipView, TeamView> team(List<MembershipView> views) {
        Map<TeamService.TeamAt, Team> byKey = teams.teamsAt(actor(),
                views.stream().map(v -> new TeamService.TeamAt(v.membership().teamId(), v.asOf())).distinct().toList());
        return views.stream().distinct().collect(Collectors.toMap(v -> v,
                v -> new TeamView(byKey.get(new TeamService.TeamAt(v.membership().teamId(), v.asOf())), v.asOf())));
    }

    // --- mutations -----------------------------------------------------------------------------

    @MutationMapping
    public CreateTeamPayload createTeam(@Argument CreateTeamInput input) {
        return UserError.payload(() -> {
            Created<Team> created = teams.createTeam(actor(),
                    new TeamService.NewTeam(input.idempotencyKey(), input.unit(), input.name(), input.establishedOn()));
            return new CreateTeamPayload(new TeamView(created.value(), created.value().establishedOn()), created.replayed(), List.of());
        }, errors -> new CreateTeamPayload(null, false, errors));
    }

    @MutationMapping
    public ChangeTeamStatusPayload changeTeamStatus(@Argument ChangeTeamStatusInput input) {
        return UserError.payload(() -> {
            Team team = teams.changeStatus(actor(), GlobalId.idOf(input.team(), "Team", "team"), input.status(), input.effectiveOn(), input.reason());
            return new ChangeTeamStatusPayload(new TeamView(team, input.effectiveOn()), List.of());
        }, errors -> new ChangeTeamStatusPayload(null, errors));
    }

    @MutationMapping
    public AddMemberPayload addMember(@Argument AddMemberInput input) {
        return UserError.payload(() -> {
            Created<MemberService.MemberInTeam> created = members.addMember(actor(), new MemberService.NewMember(input.idempotencyKey(),
                    GlobalId.idOf(input.team(), "Team", "team"), input.fullName(), input.affiliation(), input.phone(), input.role(), input.from()));
            LocalDate on = created.value().membership().validFrom();
            return new AddMemberPayload(new MemberView(created.value().member(), on),
                    new MembershipView(created.value().membership(), on), created.replayed(), List.of());
        }, errors -> new AddMemberPayload(null, null, false, errors));
    }

    @MutationMapping
    public AddMembershipPayload addMembership(@Argument AddMembershipInput input) {
        return UserError.payload(() -> {
            Created<Membership> created = members.addMembership(actor(), new MemberService.NewMembership(input.idempotencyKey(),
                    GlobalId.idOf(input.member(), "Member", "member"), GlobalId.idOf(input.team(), "Team", "team"), input.role(), input.from()));
            return new AddMembershipPayload(new MembershipView(created.value(), created.value().validFrom()), created.replayed(), List.of());
        }, errors -> new AddMembershipPayload(null, false, errors));
    }

    @MutationMapping
    public EndMembershipPayload endMembership(@Argument EndMembershipInput input) {
        return UserError.payload(() -> {
            Membership m = members.endMembership(actor(), GlobalId.idOf(input.membership(), "Membership", "membership"), input.on());
            return new EndMembershipPayload(new MembershipView(m, m.validFrom()), List.of());
        }, errors -> new EndMembershipPayload(null, errors));
    }
}
