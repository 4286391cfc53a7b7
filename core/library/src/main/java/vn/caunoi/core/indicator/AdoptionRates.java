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

/**
 * Adoption rates per unit and period against targets, read from the running counts and the monthly
 * levels, never from the events, and rolled up through the hierarchy of the date asked for: a
 * village keeps its identity through mergers, so figures recorded in 2024 count under the commune
 * that absorbed its commune on today's map and under the old commune and district on 2024's.
 * Denominators come from the population figures of the period's year (see docs/indicators.md for
 * the rule through partial splits).
 */
public final class AdoptionRates {

    private final IndicatorRules rules;

    public AdoptionRates(Context ctx) {
        this.rules = new IndicatorRules(ctx);
    }

    /**
     * The adoption rate of every unit of level {@code groupBy} under {@code under} (itself when the
     * levels are equal) on the map of {@code asOf}, ranked by rate, in the order asked (by code unless said).
     */
    public List<AdoptionRate> adoptionRates(Actor actor, RateQuery q) {
        Access.require(actor, Operation.READ_INDICATORS);
        Problems p = new Problems();
        p.required("groupBy", q.groupBy());
        p.required("period", q.period());
        p.required("asOf", q.asOf());
        IndicatorRules.Measured measured = rules.measured(actor, p, q.service(), q.stage());
        p.throwIfAny();
        AdministrativeUnit under = rules.ctx.hierarchy().requireUnit(actor, "under", q.under(), q.asOf());
        if (q.groupBy().ordinal() < under.level().ordinal()) {
            throw new InvalidInputException("groupBy", "ABOVE_UNDER", "groupBy (" + q.groupBy() + ") is above the level of "
                    + under.fullName() + " (" + under.level() + "): group by its level or a lower one");
        }
        Period period = q.period();
        // The stock at the period's end is shown in full when its villages were the caller's on that
        // day; the change over the period only when they were hers from its first day too (an
        // officer of a commune merged in July sees its 2025 stock, not its 2025 change in full).
        long stamp = rules.populationAndMapStamp(); // before the area: see EligibleFigures
        List<IndicatorRows.AreaRow> underArea = rules.area(actor, under, q.asOf());
        Map<LocalDate, Boolean> fullOn = rules.fullViews(actor, under, q.asOf(),
                period.from() == null || !q.changes() ? List.of(period.to()) : List.of(period.to(), period.from()), underArea);
        boolean full = fullOn.get(period.to());
        boolean changeInFull = full && q.changes() && (period.from() == null || fullOn.get(period.from()));
        // The stock the day before the period gives the change; the public's view always reads it,
        // since what it withholds depends on it.
        List<LocalDate> dates = period.dayBefore() == null || (full && !q.changes()) ? List.of(period.to())
                : List.of(period.to(), period.dayBefore());
        AdministrativeUnit root = full ? under : rules.provinceOf(actor, under, q.asOf());
        return rules.db.read(tx -> {
            IndicatorMapper m = tx.mapper(IndicatorMapper.class);
            Rollup area = Rollup.of(m, root.id(), q.asOf(), root.id() == under.id() ? underArea : null);
            List<Map<Long, Long>> adopters = area.adopters(m, measured.keys(), dates);
            List<java.util.Set<Long>> hiddenAdopters = new ArrayList<>();
            java.util.Set<Long> hiddenChanges = java.util.Set.of();
            if (!full) {
                adopters.forEach(a -> hiddenAdopters.add(Suppression.suppressed(area.rootId(), area.children(), a, rules.minimumCell)));
                if (adopters.size() > 1) {
                    hiddenChanges = rules.hiddenChanges(area, adopters.get(0), adopters.get(1));
                }
            }
            List<AdministrativeUnit> groups = area.ofLevel(q.groupBy()).stream().filter(g -> area.under(g.id(), under.id())).toList();
            IndicatorRules.Eligible eligible = rules.eligible(m, area, period.year(), measured.service().eligibility(), full, stamp);
            Map<Long, List<IndicatorRows.TargetRow>> targets = q.targets() || q.order() == Indicators.RateOrder.GAP_DESC
                    ? IndicatorRules.targetsOn(m, area, measured) : Map.of();
            List<AdoptionRate> rates = new ArrayList<>();
            for (AdministrativeUnit g : groups) {
                Long now = adopters.get(0).getOrDefault(g.id(), 0L);
                Long before = dates.size() > 1 ? adopters.get(1).getOrDefault(g.id(), 0L) : null;
                Long elig = eligible.value().get(g.id());
                boolean suppressed = false;
                if (!full) {
                    if (hiddenAdopters.get(0).contains(g.id())) {
                        now = null;
                    }
                    if (before != null && hiddenAdopters.get(1).contains(g.id())) {
                        before = null;
                        suppressed = true;
                    }
                    if (eligible.hidden().contains(g.id())) {
                        suppressed = true;
                    }
                    suppressed |= now == null;
                }
                Double rate = now == null ? null : IndicatorRules.rate(now, elig);
                AdoptionTarget target = IndicatorRules.choose(area.upwards(g.id()), targets, period.to());
                Long added = now == null || before == null || hiddenChanges.contains(g.id()) || (full && !changeInFull) ? null : now - before;
                rates.add(new AdoptionRate(g, measured.service().code(), measured.stage(), period, q.asOf(), now,
                        added, elig, elig == null ? null : eligible.year().get(g.id()), rate, target,
                        IndicatorRules.gap(target, rate), now == null ? null : IndicatorRules.toTarget(target, now, elig), null, suppressed));
            }
            return ordered(ranked(rates), q.order());
        });
    }

    /** By unit code, by rate (either way), or furthest behind the target first; ties and unknowns by code, unknowns last. */
    static List<AdoptionRate> ordered(List<AdoptionRate> rates, Indicators.RateOrder order) {
        Comparator<AdoptionRate> byCode = Comparator.comparing(r -> r.unit().code());
        Comparator<AdoptionRate> comparator = switch (order == null ? Indicators.RateOrder.CODE : order) {
            case CODE -> byCode;
            case RATE_DESC -> Comparator.comparing(AdoptionRate::rate, Comparator.nullsLast(Comparator.<Double>reverseOrder())).thenComparing(byCode);
            case RATE_ASC -> Comparator.comparing(AdoptionRate::rate, Comparator.nullsLast(Comparator.<Double>naturalOrder())).thenComparing(byCode);
            case GAP_DESC -> Comparator.comparing(AdoptionRate::gapToTarget, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
                    .thenComparing(byCode);
        };
        return rates.stream().sorted(comparator).toList();
    }

    /** Competition ranking by rate, highest first: equal rates share a rank, the next rank skips. */
    private static List<AdoptionRate> ranked(List<AdoptionRate> rates) {
        List<AdoptionRate> byRate = rates.stream().filter(r -> r.rate() != null)
                .sorted(Comparator.comparing(AdoptionRate::rate).reversed()).toList();
        Map<AdoptionRate, Integer> ranks = new HashMap<>();
        for (int i = 0; i < byRate.size(); i++) {
            AdoptionRate r = byRate.get(i);
            ranks.put(r, i > 0 && byRate.get(i - 1).rate().equals(r.rate()) ? ranks.get(byRate.get(i - 1)) : i + 1);
        }
        return rates.stream().map(r -> new AdoptionRate(r.unit(), r.service(), r.stage(), r.period(), r.asOf(), r.adopters(),
                r.newAdopters(), r.eligible(), r.populationYear(), r.rate(), r.target(), r.gapToTarget(), r.adoptersToTarget(),
                ranks.get(r), r.suppressed())).toList();
    }
}
