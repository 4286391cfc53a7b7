package vn.caunoi.api.indicator;

import graphql.schema.DataFetchingFieldSelectionSet;
import vn.caunoi.core.indicator.TeamScorecards;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.digital.ServiceView;
import vn.caunoi.api.digital.ServiceViews;
import vn.caunoi.api.graphql.Connection;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.graphql.MapDates;
import vn.caunoi.api.graphql.UserError;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.indicator.IndicatorViews.RateView;
import vn.caunoi.api.indicator.IndicatorViews.ScorecardView;
import vn.caunoi.api.indicator.IndicatorViews.TargetView;
import vn.caunoi.api.indicator.IndicatorViews.TrendPointView;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.Thresholds;
import vn.caunoi.core.indicator.Interval;
import vn.caunoi.core.indicator.Period;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** GraphQL over indicators: adoption rates, trends, targets and team scorecards. */
@Controller
public class IndicatorController {

    public record ScorecardThresholdsInput(Double activitiesPerMemberPerMonth, Double activeMemberShare, Double trainedMemberShare,
                                           Double growthVsProvince, Integer minimumMembers) {
    }

    public record SetAdoptionTargetInput(String unit, LocalDate asOf, LocalDate unitAsOf, String service, String stage, LocalDate dueOn, Double rate,
                                         String basis) {
    }

    public record SetAdoptionTargetPayload(TargetView target, List<UserError> userErrors) {
    }

    /** A page of scorecards and how many teams are flagged in all. */
    public record ScorecardConnection(Connection<ScorecardView> page, long flaggedCount) implements vn.caunoi.api.graphql.DomainView {
        @Override
        public Object domain() {
            return page;
        }
    }

    private final CauNoi caunoi;
    private final HierarchyService hierarchy;
    private final ServiceViews services;
    private final Today today;
    private final Thresholds configured;

    public IndicatorController(CauNoi caunoi, ServiceViews services, Today today, CauNoiProperties properties) {
        this.caunoi = caunoi;
        this.hierarchy = caunoi.hierarchy();
        this.services = services;
        this.today = today;
        this.configured = properties.scorecard().thresholds();
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    @QueryMapping
    public List<RateView> adoptionRates(@Argument String under, @Argument UnitLevel groupBy, @Argument String service,
                                        @Argument String stage, @Argument String period, @Argument LocalDate asOf,
                                        @Argument LocalDate hierarchyAsOf, @Argument Indicators.RateOrder orderBy,
                                        DataFetchingFieldSelectionSet selection) {
        // Only the figures asked for are read: the change over the period and the targets cost statements of their own.
        boolean targets = selection.containsAnyOf("target", "targetDueOn", "targetDetail", "gapToTarget", "adoptersToTarget");
        return caunoi.rates().adoptionRates(actor(), new Indicators.RateQuery(under, groupBy, service, stage,
                Period.parse(period, today.date()), today.orToday(MapDates.asOf(asOf, "hierarchyAsOf", hierarchyAsOf)), orderBy,
                selection.contains("newAdopters"), targets))
                .stream().map(RateView::new).toList();
    }

    @QueryMapping
    public List<TrendPointView> adoptionTrend(@Argument String code, @Argument String service, @Argument String stage,
                                              @Argument LocalDate from, @Argument LocalDate to, @Argument Interval interval,
                                              @Argument LocalDate asOf, @Argument LocalDate hierarchyAsOf) {
        return caunoi.trends().adoptionTrend(actor(), new Indicators.TrendQuery(code, service, stage, from, to, interval,
                today.orToday(MapDates.asOf(asOf, "hierarchyAsOf", hierarchyAsOf)))).stream().map(TrendPointView::new).toList();
    }

    @QueryMapping
    public ScorecardConnection teamScorecards(@Argument String under, @Argument String period, @Argument Boolean flaggedOnly,
                                              @Argument Integer first, @Argument String after, @Argument String service,
                                              @Argument ScorecardThresholdsInput thresholds) {
        TeamScorecards.Scorecards cards = caunoi.scorecards().teamScorecards(actor(), new Indicators.ScorecardQuery(under,
                Period.parse(period, today.date()), Boolean.TRUE.equals(flaggedOnly), service, thresholds(thresholds)),
                Connection.request(first, after));
        return new ScorecardConnection(Connection.of(cards.page(), ScorecardView::new), cards.flaggedCount());
    }

    /** A query's thresholds over the configured ones; none given: the configured ones. */
    public Thresholds thresholds(ScorecardThresholdsInput in) {
        return in == null ? configured : configured.with(in.activitiesPerMemberPerMonth(), in.activeMemberShare(),
                in.trainedMemberShare(), in.growthVsProvince(), in.minimumMembers());
    }

    @QueryMapping
    public List<TargetView> adoptionTargets(@Argument String under, @Argument String service, @Argument LocalDate asOf) {
        LocalDate on = today.orToday(asOf);
        return caunoi.targets().targets(actor(), under, service, on).stream().map(t -> new TargetView(t, on)).toList();
    }

    @MutationMapping
    public SetAdoptionTargetPayload setAdoptionTarget(@Argument SetAdoptionTargetInput input) {
        return UserError.payload(() -> {
            LocalDate map = MapDates.asOf(input.asOf(), "unitAsOf", input.unitAsOf());
            Indicators.AdoptionTarget t = caunoi.targets().setTarget(actor(), new Indicators.NewTarget(input.unit(), map,
                    input.service(), input.stage(), input.dueOn(), input.rate(), input.basis()));
            return new SetAdoptionTargetPayload(new TargetView(t, map == null ? t.dueOn() : map), List.of());
        }, errors -> new SetAdoptionTargetPayload(null, errors));
    }

    // --- associations, batched ------------------------------------------------------------------

    @BatchMapping(typeName = "AdoptionRate", field = "service")
    public Map<RateView, ServiceView> rateService(List<RateView> views) {
        return service(views, v -> v.figure().service());
    }

    @BatchMapping(typeName = "AdoptionTarget", field = "service")
    public Map<TargetView, ServiceView> targetService(List<TargetView> views) {
        return service(views, v -> v.target().service());
    }

    @BatchMapping(typeName = "AdoptionTarget", field = "unit")
    public Map<TargetView, UnitView> targetUnit(List<TargetView> views) {
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), views.stream().map(v -> v.target().unitId())
                .collect(Collectors.toSet()));
        Map<TargetView, UnitView> result = new HashMap<>();
        views.stream().filter(v -> units.containsKey(v.target().unitId()))
                .forEach(v -> result.put(v, UnitView.of(units.get(v.target().unitId()), v.asOf())));
        return result;
    }

    private <V> Map<V, ServiceView> service(List<V> views, Function<V, String> code) {
        Map<String, ServiceView> byCode = services.byCode(actor());
        Map<V, ServiceView> result = new HashMap<>();
        views.stream().distinct().filter(v -> byCode.containsKey(code.apply(v))).forEach(v -> result.put(v, byCode.get(code.apply(v))));
        return result;
    }
}
