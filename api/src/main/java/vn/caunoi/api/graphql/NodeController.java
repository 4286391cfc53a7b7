package vn.caunoi.api.graphql;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.activity.ActivityViews;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.team.TeamViews;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.access.Actor;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code node(id)}: any object by its global id, seen today. */
@Controller
public class NodeController {

    private final CauNoi caunoi;
    private final Today today;

    public NodeController(CauNoi caunoi, Today today) {
        this.caunoi = caunoi;
        this.today = today;
    }

    @QueryMapping
    public Object node(@Argument String id) {
        GlobalId global = GlobalId.decode(id, "id");
        Actor actor = vn.caunoi.api.security.Actors.current();
        LocalDate date = today.date();
        List<Long> ids = List.of(global.id());
        return switch (global.type()) {
            case "AdministrativeUnit" -> first(caunoi.hierarchy().unitsById(actor, ids).values()).map(u -> UnitView.of(u, date)).orElse(null);
            case "Team" -> first(caunoi.teams().teamsByIds(actor, ids, date).values()).map(t -> new TeamViews.TeamView(t, date)).orElse(null);
            case "Member" -> first(caunoi.teams().membersByIds(actor, ids).values()).map(m -> new TeamViews.MemberView(m, date)).orElse(null);
            case "Training" -> first(caunoi.activities().trainingsByIds(actor, ids).values()).map(ActivityViews.TrainingView::new).orElse(null);
            case "Campaign" -> first(caunoi.activities().campaignsByIds(actor, ids).values()).map(ActivityViews.CampaignView::new).orElse(null);
            case "Resident" -> caunoi.residents().residentById(actor, global.id()).map(vn.caunoi.api.resident.ResidentViews.ResidentView::new).orElse(null);
            case "User" -> caunoi.users().byId(actor, global.id()).map(vn.caunoi.api.security.UserController.UserView::new).orElse(null);
            case "ImportJob" -> caunoi.imports().job(actor, global.id()).map(vn.caunoi.api.resident.ResidentViews.ImportJobView::new).orElse(null);
            default -> null;
        };
    }

    private static <T> Optional<T> first(java.util.Collection<T> values) {
        return values.stream().findFirst();
    }
}
