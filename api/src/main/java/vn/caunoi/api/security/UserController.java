package vn.caunoi.api.security;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.graphql.Connection;
import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.graphql.MapDates;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.graphql.UserError;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.team.TeamViews.MemberView;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Role;
import vn.caunoi.core.access.User;
import vn.caunoi.core.access.Users;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.team.Member;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** GraphQL over the caller ({@code me}) and the users province administrators manage. */
@Controller
public class UserController {

    public record UserView(User user) implements DomainView {
        public String id() {
            return GlobalId.of("User", user.id());
        }

        @Override
        public Object domain() {
            return user;
        }
    }

    public record MeView(Actor actor) {
        public boolean signedIn() {
            return actor.kind() != Actor.Kind.ANONYMOUS;
        }

        public String subject() {
            return signedIn() ? actor.id() : null;
        }

        public Role role() {
            return actor.role();
        }

        public boolean allUnits() {
            return actor.unrestricted();
        }
    }

    /** What she recorded herself in a period, in all and per service. */
    public record RecordedWork(LocalDate from, LocalDate to, List<RecordedService> byService) {
        public long adoptions() {
            return byService.stream().mapToLong(RecordedService::adoptions).sum();
        }

        public long residentsHelped() {
            return byService.stream().mapToLong(RecordedService::residentsHelped).sum();
        }
    }

    public record RecordedService(vn.caunoi.api.digital.ServiceView service, long adoptions, long residentsHelped) {
    }

    public record UserInput(String subject, String displayName, Role role, Boolean allUnits, List<String> scope, LocalDate asOf,
                            LocalDate scopeAsOf, String member, Boolean active) {
    }

    public record UpdateUserInput(String user, String displayName, Role role, Boolean allUnits, List<String> scope, LocalDate asOf,
                                  String member, Boolean active) {
    }

    public record UserPayload(UserView user, List<UserError> userErrors) {
    }

    private final CauNoi caunoi;
    private final Today today;
    private final vn.caunoi.api.digital.ServiceViews serviceViews;

    public UserController(CauNoi caunoi, Today today, vn.caunoi.api.digital.ServiceViews serviceViews) {
        this.caunoi = caunoi;
        this.today = today;
        this.serviceViews = serviceViews;
    }

    @QueryMapping
    public MeView me() {
        return new MeView(Actors.current());
    }

    @SchemaMapping(typeName = "Me")
    public RecordedWork recorded(MeView me, @Argument LocalDate from, @Argument LocalDate to) {
        if (to.isBefore(from)) {
            throw new vn.caunoi.core.common.InvalidInputException("to", "BEFORE_FROM", "to (" + to + ") is before from (" + from + ")");
        }
        if (to.isAfter(from.plusYears(1))) {
            throw new vn.caunoi.core.common.InvalidInputException("to", "TOO_LONG", "a period of at most a year, not " + from + " to " + to);
        }
        if (me.actor().memberId() == null) {
            return null;
        }
        Map<String, vn.caunoi.api.digital.ServiceView> services = serviceViews.byCode(me.actor());
        return new RecordedWork(from, to, caunoi.counts().recordedByMe(me.actor(), from, to).stream()
                .filter(r -> services.containsKey(r.service()))
                .map(r -> new RecordedService(services.get(r.service()), r.events(), r.residents())).toList());
    }

    @QueryMapping
    public Connection<UserView> users(@Argument Integer first, @Argument String after) {
        return Connection.of(caunoi.users().users(Actors.current(), Connection.request(first, after)), UserView::new);
    }

    @MutationMapping
    public UserPayload createUser(@Argument UserInput input) {
        return UserError.payload(() -> new UserPayload(new UserView(caunoi.users().create(Actors.current(), users(input))), List.of()),
                errors -> new UserPayload(null, errors));
    }

    @MutationMapping
    public UserPayload updateUser(@Argument UpdateUserInput input) {
        return UserError.payload(() -> {
            long id = GlobalId.idOf(input.user(), "User", "user");
            Users.UserInput change = new Users.UserInput(null, input.displayName(), input.role(), Boolean.TRUE.equals(input.allUnits()),
                    input.scope(), input.asOf(), GlobalId.optionalIdOf(input.member(), "Member", "member"), input.active());
            return new UserPayload(new UserView(caunoi.users().update(Actors.current(), id, change)), List.of());
        }, errors -> new UserPayload(null, errors));
    }

    private static Users.UserInput users(UserInput in) {
        return new Users.UserInput(in.subject(), in.displayName(), in.role(), Boolean.TRUE.equals(in.allUnits()), in.scope(),
                MapDates.asOf(in.asOf(), "scopeAsOf", in.scopeAsOf()), GlobalId.optionalIdOf(in.member(), "Member", "member"), in.active());
    }

    // --- associations, batched (the map is public; members are read as the system: the caller's own, or managed users') ---

    @BatchMapping(typeName = "User", field = "scope")
    public Map<UserView, List<UnitView>> userScope(List<UserView> views) {
        return scopes(views, v -> v.user().scope());
    }

    @BatchMapping(typeName = "Me", field = "scope")
    public Map<MeView, List<UnitView>> meScope(List<MeView> views) {
        return scopes(views, v -> List.copyOf(v.actor().scope()));
    }

    @BatchMapping(typeName = "User", field = "member")
    public Map<UserView, MemberView> userMember(List<UserView> views) {
        return members(views, v -> v.user().memberId());
    }

    @BatchMapping(typeName = "Me", field = "member")
    public Map<MeView, MemberView> meMember(List<MeView> views) {
        return members(views, v -> v.actor().memberId());
    }

    private <V> Map<V, List<UnitView>> scopes(List<V> views, Function<V, List<Long>> ids) {
        Set<Long> all = new HashSet<>();
        views.forEach(v -> all.addAll(ids.apply(v)));
        Map<Long, AdministrativeUnit> units = caunoi.hierarchy().unitsById(Actors.current(), all);
        LocalDate on = today.date();
        Map<V, List<UnitView>> result = new HashMap<>();
        views.forEach(v -> result.put(v, ids.apply(v).stream().filter(units::containsKey).map(id -> UnitView.of(units.get(id), on)).toList()));
        return result;
    }

    private <V> Map<V, MemberView> members(List<V> views, Function<V, Long> id) {
        Collection<Long> ids = views.stream().map(id).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        // Only the caller's own member, or members of users she manages (the users query is for administrators).
        Map<Long, Member> members = caunoi.members().membersByIds(Actor.system(), ids);
        Map<V, MemberView> result = new HashMap<>();
        views.stream().filter(v -> id.apply(v) != null && members.containsKey(id.apply(v)))
                .forEach(v -> result.put(v, new MemberView(members.get(id.apply(v)), today.date())));
        return result;
    }
}
