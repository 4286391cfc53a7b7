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

/** What the indicators share: who sees full figures, the service measured, eligible populations, targets in force. */
final class IndicatorRules {

    final Context ctx;
    final Database db;
    final long minimumCell;

    IndicatorRules(Context ctx) {
        this.ctx = ctx;
        this.db = ctx.db();
        this.minimumCell = ctx.publicMinimumCell();
        db.register(IndicatorMapper.class);
    }

    /**
     * Whether the actor sees the full figures of a unit on the map of {@code mapDate} for data of
     * {@code dataDates}: the system, and users in whose scope every village of the unit lay on each
     * of those dates. Anyone else — the public, a user outside her scope — sees the public view,
     * small cells suppressed. The dates of the data count, not only the map's: on today's map a
     * merged commune gathers 2024 facts of villages that were then another commune's, which its new
     * officer may not see in full.
     */
    boolean fullView(Actor actor, AdministrativeUnit unit, LocalDate mapDate, java.util.Collection<LocalDate> dataDates,
                     List<IndicatorRows.AreaRow> area) {
        return fullViews(actor, unit, mapDate, List.copyOf(dataDates), area).values().stream().allMatch(Boolean::booleanValue);
    }

    /**
     * {@link #fullView} for each of the dates on its own, read together. {@code area} is the unit's
     * area on {@code mapDate} ({@link #area}) when the caller has read it already, else null.
     */
    java.util.Map<LocalDate, Boolean> fullViews(Actor actor, AdministrativeUnit unit, LocalDate mapDate, List<LocalDate> dataDates,
                                                List<IndicatorRows.AreaRow> area) {
        java.util.Map<LocalDate, Boolean> result = new java.util.LinkedHashMap<>();
        boolean everything = actor.unrestricted();
        if (everything || actor.kind() == Actor.Kind.ANONYMOUS || !ctx.access().contains(actor, unit.id(), mapDate)) {
            dataDates.forEach(d -> result.put(d, everything));
            return result;
        }
        // Every village whose facts the unit's figures gather: its own on the map, and those that
        // had ended (or not begun) by then and are placed on it.
        List<IndicatorRows.AreaRow> villages = db.read(tx -> {
            IndicatorMapper m = tx.mapper(IndicatorMapper.class);
            List<IndicatorRows.AreaRow> units = area != null ? area : m.area(unit.id(), mapDate);
            List<IndicatorRows.AreaRow> all = new ArrayList<>(units.stream().filter(r -> r.level == UnitLevel.VILLAGE).toList());
            all.addAll(m.placedVillages(units.stream().map(r -> r.id).toArray(Long[]::new), mapDate));
            return all;
        });
        List<UnitAt> existing = new ArrayList<>();
        for (IndicatorRows.AreaRow village : villages) {
            for (LocalDate d : dataDates) {
                if (!d.isBefore(village.validFrom) && (village.validTo == null || d.isBefore(village.validTo))) {
                    existing.add(new UnitAt(village.id, d));
                }
            }
        }
        java.util.Set<LocalDate> outside = ctx.access().outside(actor, existing).stream().map(UnitAt::date).collect(java.util.stream.Collectors.toSet());
        dataDates.forEach(d -> result.put(d, !outside.contains(d)));
        return result;
    }

    /**
     * The unit and everything under it on {@code mapDate}, each with its parent, when the caller
     * will need it both to decide the view ({@link #fullViews}) and to roll figures up
     * ({@link Rollup}): read once for both. Null for the public, whose figures roll up over the
     * whole province and whose view needs no area.
     */
    List<IndicatorRows.AreaRow> area(Actor actor, AdministrativeUnit unit, LocalDate mapDate) {
        return actor.kind() == Actor.Kind.ANONYMOUS ? null : db.read(tx -> tx.mapper(IndicatorMapper.class).area(unit.id(), mapDate));
    }

    /** The public view is suppressed over the whole province, whatever part is asked for: the same cells always. */
    AdministrativeUnit provinceOf(Actor actor, AdministrativeUnit unit, LocalDate date) {
        if (unit.level() == UnitLevel.PROVINCE) {
            return unit;
        }
        return ctx.hierarchy().ancestors(actor, List.of(new UnitAt(unit.id(), date))).values().stream().flatMap(List::stream)
                .filter(u -> u.level() == UnitLevel.PROVINCE).findFirst().orElse(unit);
    }

    /** A service of the catalogue (its data stays readable when its plugin is gone) and one of its stages. */
    record Measured(ServiceDescriptor service, String stage) {
        /** The stage and every later one: "reached the stage or further". */
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (int i = service.order(stage) - 1; i < service.stages().size(); i++) {
                keys.add(service.code() + "/" + service.stages().get(i).code());
            }
            return keys;
        }
    }

    Measured measured(Actor actor, Problems p, String service, String stage) {
        if (p.text("service", service, 40) == null) {
            return null;
        }
        CatalogueEntry entry = ctx.services().find(actor, service.strip()).orElse(null);
        if (entry == null) {
            p.add("service", "UNKNOWN_SERVICE", "no digital service " + service.strip());
            return null;
        }
        ServiceDescriptor d = entry.descriptor();
        String s = stage == null || stage.isBlank() ? d.adoptedStage() : stage.strip();
        if (d.stage(s).isEmpty()) {
            p.add("stage", "UNKNOWN_STAGE", "service " + d.code() + " has no stage " + s + "; its stages are "
                    + d.stages().stream().map(vn.caunoi.spi.Stage::code).collect(Collectors.joining(", ")));
            return null;
        }
        return new Measured(d, s);
    }

    /**
     * Eligible populations of units and the (oldest) year of the figures in each: every part of the
     * area from the latest year up to {@code year} whose figures cover it (see {@link Rollup#eligible}).
     * Figures are imported year by year and not everywhere at once, so one province's new figures
     * must not blank another's rates. Outside the full view the figures suppression withholds are
     * {@code hidden} (and not in {@code value}).
     */
    record Eligible(Map<Long, Long> value, Map<Long, Integer> year, java.util.Set<Long> hidden) {
    }

    /** At most this many years of figures are looked through for a part without recent ones. */
    private static final int YEARS_LOOKED_BACK = 10;

    private final EligibleFigures computed = new EligibleFigures();

    /**
     * The stamp of the population figures and the map: read it before anything an eligible
     * population is computed from (the area's units), and pass it to {@link #eligible}.
     */
    long populationAndMapStamp() {
        return db.read(tx -> tx.mapper(IndicatorMapper.class).populationAndMapStamp());
    }

    Eligible eligible(IndicatorMapper m, Rollup area, int year, Eligibility eligibility, boolean full, long stamp) {
        Rollup.Figures figures = computed.get(new EligibleFigures.Key(stamp, area.rootId(), area.date(), year, eligibility), () -> {
            List<Integer> years = m.populationYears(year);
            return area.eligible(m, years.subList(0, Math.min(years.size(), YEARS_LOOKED_BACK)), eligibility);
        }, m::nothingWritten);
        java.util.Set<Long> hidden = full ? java.util.Set.of() : Suppression.suppressed(area.rootId(), area.children(), figures.value(), minimumCell);
        Map<Long, Long> value = new HashMap<>(figures.value());
        value.keySet().removeAll(hidden);
        return new Eligible(value, figures.year(), hidden);
    }

    /**
     * Changes over a period the public may not see: the change of every unit (its stock at the end
     * less the stock before) suppressed like any figure, since a change of 1 between two stocks of
     * hundreds still counts one person.
     */
    Set<Long> hiddenChanges(Rollup area, Map<Long, Long> now, Map<Long, Long> before) {
        Map<Long, Long> change = new HashMap<>();
        now.forEach((u, v) -> change.merge(u, v, Long::sum));
        before.forEach((u, v) -> change.merge(u, -v, Long::sum));
        // Signed: a fall (a step back) is below the minimum and hidden, and counts for nothing in
        // the mass of a group of hidden cells.
        return Suppression.suppressed(area.rootId(), area.children(), change, minimumCell);
    }

    static Double rate(long adopters, Long eligible) {
        return eligible == null || eligible == 0 ? null : (double) adopters / eligible;
    }

    static Double gap(AdoptionTarget target, Double rate) {
        return target == null || rate == null ? null : target.rate() - rate;
    }

    static Long toTarget(AdoptionTarget target, long adopters, Long eligible) {
        if (target == null || eligible == null || eligible == 0) {
            return null;
        }
        long needed = BigDecimal.valueOf(target.rate()).multiply(BigDecimal.valueOf(eligible)).setScale(0, RoundingMode.CEILING).longValueExact();
        return Math.max(0, needed - adopters);
    }

    /** The targets of a service and stage set for the units of an area and for the ancestors of its root, by unit. */
    static Map<Long, List<IndicatorRows.TargetRow>> targetsOn(IndicatorMapper m, Rollup area, Measured measured) {
        return m.targetsOf(area.idsAndAncestors(), measured.service().code(), measured.stage()).stream()
                .collect(Collectors.groupingBy(r -> r.unitId));
    }

    /**
     * The target that applies on {@code on} to the first unit of {@code chain} (a unit and its
     * ancestors, nearest first) that has one: of its targets the next due on or after the date,
     * else the latest before it.
     */
    static AdoptionTarget choose(List<Long> chain, Map<Long, List<IndicatorRows.TargetRow>> targets, LocalDate on) {
        for (Long unit : chain) {
            List<IndicatorRows.TargetRow> own = targets.get(unit);
            if (own != null && !own.isEmpty()) {
                return own.stream().filter(r -> !r.dueOn.isBefore(on)).min(Comparator.comparing(r -> r.dueOn))
                        .or(() -> own.stream().max(Comparator.comparing(r -> r.dueOn)))
                        .map(IndicatorRows.TargetRow::target).orElseThrow();
            }
        }
        return null;
    }
}
