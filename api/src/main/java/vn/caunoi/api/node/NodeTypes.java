package vn.caunoi.api.node;

import graphql.schema.TypeResolver;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.stereotype.Component;
import vn.caunoi.api.activity.ActivityViews;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.hierarchy.HierarchyChangeView;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.indicator.IndicatorViews;
import vn.caunoi.api.resident.ResidentViews;
import vn.caunoi.api.security.UserController;
import vn.caunoi.api.team.TeamViews;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.team.Membership;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of the GraphQL types that implement {@code Node}: the Java view behind each (for
 * the type resolver) and how {@code node(id)} finds an object of it, as the caller may see it, today.
 * A test compares this list with every type of the schema that implements {@code Node}.
 */
@Component
public class NodeTypes {

    /** Finds the view of the object with this internal id, if it exists and the actor may see it. */
    @FunctionalInterface
    interface Finder {
        Optional<?> find(Actor actor, long id, LocalDate today);
    }

    private record NodeType(Class<?> view, Finder finder) {
    }

    private final Map<String, NodeType> types = new LinkedHashMap<>();
    private final Today today;

    public NodeTypes(CauNoi caunoi, Today today) {
        this.today = today;
        add("AdministrativeUnit", UnitView.class,
                (a, id, d) -> first(caunoi.hierarchy().unitsById(a, List.of(id)).values()).map(u -> UnitView.of(u, d)));
        add("HierarchyChange", HierarchyChangeView.class,
                (a, id, d) -> first(caunoi.hierarchy().changesByIds(a, List.of(id)).values()).map(HierarchyChangeView::new));
        add("Team", TeamViews.TeamView.class,
                (a, id, d) -> first(caunoi.teams().teamsByIds(a, List.of(id), d).values()).map(t -> new TeamViews.TeamView(t, d)));
        add("Member", TeamViews.MemberView.class,
                (a, id, d) -> first(caunoi.members().membersByIds(a, List.of(id)).values()).map(m -> new TeamViews.MemberView(m, d)));
        add("Membership", TeamViews.MembershipView.class,
                (a, id, d) -> first(caunoi.members().membershipsByIds(a, List.of(id)).values())
                        .map(m -> new TeamViews.MembershipView(m, seenOn(m, d))));
        add("SupportActivity", ActivityViews.SupportActivityView.class,
                (a, id, d) -> first(caunoi.supportActivities().supportActivitiesByIds(a, List.of(id)).values()).map(ActivityViews.SupportActivityView::new));
        add("Training", ActivityViews.TrainingView.class,
                (a, id, d) -> first(caunoi.trainings().trainingsByIds(a, List.of(id)).values()).map(ActivityViews.TrainingView::new));
        add("Campaign", ActivityViews.CampaignView.class,
                (a, id, d) -> first(caunoi.campaigns().campaignsByIds(a, List.of(id)).values()).map(ActivityViews.CampaignView::new));
        add("Feedback", ActivityViews.FeedbackView.class,
                (a, id, d) -> first(caunoi.feedback().feedbackByIds(a, List.of(id)).values()).map(ActivityViews.FeedbackView::new));
        add("Resident", ResidentViews.ResidentView.class,
                (a, id, d) -> caunoi.residents().residentById(a, id).map(ResidentViews.ResidentView::new));
        add("AdoptionEvent", ResidentViews.AdoptionEventView.class,
                (a, id, d) -> caunoi.residents().eventById(a, id).map(ResidentViews.AdoptionEventView::new));
        add("ImportJob", ResidentViews.ImportJobView.class,
                (a, id, d) -> caunoi.imports().job(a, id).map(ResidentViews.ImportJobView::new));
        add("AdoptionTarget", IndicatorViews.TargetView.class,
                (a, id, d) -> first(caunoi.targets().targetsByIds(a, List.of(id)).values()).map(t -> new IndicatorViews.TargetView(t, d)));
        add("User", UserController.UserView.class,
                (a, id, d) -> caunoi.users().byId(a, id).map(UserController.UserView::new));
    }

    private void add(String name, Class<?> view, Finder finder) {
        types.put(name, new NodeType(view, finder));
    }

    /** The names of the types listed here. */
    public Set<String> names() {
        return types.keySet();
    }

    /** The object with this global id as the actor may see it today, or null (unknown type, no such object, not hers to see). */
    public Object find(Actor actor, String globalId) {
        GlobalId id = GlobalId.decode(globalId, "id");
        NodeType type = types.get(id.type());
        return type == null ? null : type.finder().find(actor, id.id(), today.date()).orElse(null);
    }

    /** Resolves the GraphQL type of a view: the one for every interface of the schema. */
    public TypeResolver typeResolver() {
        ClassNameTypeResolver resolver = new ClassNameTypeResolver();
        types.forEach((name, type) -> resolver.addMapping(type.view(), name));
        return resolver;
    }

    /** A membership seen on the day asked, or on its last day when it had ended by then. */
    private static LocalDate seenOn(Membership m, LocalDate date) {
        return m.activeOn(date) || m.validTo() == null ? date : m.validTo().minusDays(1);
    }

    private static <T> Optional<T> first(Collection<T> values) {
        return values.stream().findFirst();
    }
}
