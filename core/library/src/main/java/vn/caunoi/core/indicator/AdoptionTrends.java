package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.AdoptionTarget;
import vn.caunoi.core.indicator.Indicators.Flag;
import vn.caunoi.core.indicator.Indicators.NewTarget;
import vn.caunoi.core.indicator.Indicators.RateQuery;
import vn.caunoi.core.indicator.Indicators.ScorecardQuery;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;
import vn.caunoi.core.indicator.Indicators.Thresholds;
import vn.caunoi.core.indicator.Indicators.TrendPoint;
import vn.caunoi.core.indicator.Indicators.TrendQuery;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamStatus;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.ServiceDescriptor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The adoption of one unit over time, one point per interval, on one map. */
public final class AdoptionTrends {

    private final IndicatorRules rules;

    public AdoptionTrends(Context ctx) {
        this.rules = new IndicatorRules(ctx);
    }

    /** One point per interval between {@code from} and {@code to}: the stock at its end and the change over it. */
    public List<TrendPoint> adoptionTrend(Actor actor, TrendQuery q) {
        Access.require(actor, Operation.READ_INDICATORS);
        Problems p = new Problems();
        p.required("from", q.from());
        p.required("to", q.to());
        p.required("interval", q.interval());
        p.required("asOf", q.asOf());
        p.order("from", q.from(), "to", q.to());
        IndicatorRules.Measured measured = rules.measured(actor, p, q.service(), q.stage());
        p.throwIfAny();
        if (q.from().isBefore(Period.EARLIEST) || q.from().isAfter(Period.LATEST)) {
            throw new InvalidInputException("from", "OUT_OF_RANGE", "a trend lies between " + Period.EARLIEST + " and " + Period.LATEST);
        }
        if (q.to().isAfter(Period.LATEST)) {
            throw new InvalidInputException("to", "OUT_OF_RANGE", "a trend lies between " + Period.EARLIEST + " and " + Period.LATEST);
        }
        List<Period> periods = q.interval().periods(q.from(), q.to());
        AdministrativeUnit unit = rules.ctx.hierarchy().requireUnit(actor, "code", q.code(), q.asOf());
        List<LocalDate> dates = new ArrayList<>();
        dates.add(q.from().minusDays(1));
        periods.forEach(x -> dates.add(x.to()));
        List<LocalDate> shown = new ArrayList<>(dates.subList(1, dates.size()));
        shown.add(q.from());
        long stamp = rules.populationAndMapStamp(); // before the area: see EligibleFigures
        List<IndicatorRows.AreaRow> unitArea = rules.area(actor, unit, q.asOf());
        boolean full = rules.fullView(actor, unit, q.asOf(), shown, unitArea);
        AdministrativeUnit root = full ? unit : rules.provinceOf(actor, unit, q.asOf());
        return rules.db.read(tx -> {
            IndicatorMapper m = tx.mapper(IndicatorMapper.class);
            Rollup area = Rollup.of(m, root.id(), q.asOf(), root.id() == unit.id() ? unitArea : null);
            List<Map<Long, Long>> stocks = area.adopters(m, measured.keys(), dates);
            List<Long> adopters = stocks.stream()
                    .map(t -> full || !Suppression.suppressed(area.rootId(), area.children(), t, rules.minimumCell).contains(unit.id())
                            ? t.getOrDefault(unit.id(), 0L) : null)
                    .toList();
            Map<Integer, IndicatorRules.Eligible> eligibleIn = new HashMap<>();
            for (Period x : periods) {
                eligibleIn.computeIfAbsent(x.year(), y -> rules.eligible(m, area, y, measured.service().eligibility(), full, stamp));
            }
            Map<Long, List<IndicatorRows.TargetRow>> targets = IndicatorRules.targetsOn(m, area, measured);
            List<Long> chain = area.upwards(unit.id());
            List<TrendPoint> points = new ArrayList<>();
            for (int i = 0; i < periods.size(); i++) {
                Period x = periods.get(i);
                Long now = adopters.get(i + 1);
                Long before = adopters.get(i);
                IndicatorRules.Eligible e = eligibleIn.get(x.year());
                Long elig = e.value().get(unit.id());
                Integer year = e.year().get(unit.id());
                Double rate = now == null ? null : IndicatorRules.rate(now, elig);
                AdoptionTarget target = IndicatorRules.choose(chain, targets, x.to());
                boolean suppressed = !full && (now == null || before == null || e.hidden().contains(unit.id()));
                boolean changeHidden = !full && rules.hiddenChanges(area, stocks.get(i + 1), stocks.get(i)).contains(unit.id());
                points.add(new TrendPoint(x, now, now == null || before == null || changeHidden ? null : now - before, elig,
                        elig == null ? null : year, rate, target, IndicatorRules.gap(target, rate), suppressed || changeHidden));
            }
            return points;
        });
    }
}
