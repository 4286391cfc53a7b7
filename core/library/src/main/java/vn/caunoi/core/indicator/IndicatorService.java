package vn.caunoi.core.indicator;

import vn.caunoi.core.InvalidInputException;
import vn.caunoi.core.Page;
import vn.caunoi.core.PageRequest;
import vn.caunoi.core.Problems;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.access.Role;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
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
import vn.caunoi.core.store.IndicatorMapper;
import vn.caunoi.core.store.IndicatorRows;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamStatus;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.ServiceDescriptor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Indicators over the running counts: adoption rates per unit and period against targets, trends,
 * and team scorecards.
 *
 * <p>Adopters are read from the monthly levels and at most one month of daily counts per village,
 * never from the events, and rolled up through the hierarchy of the date asked for: a village keeps
 * its identity through mergers, so figures recorded in 2024 count under the commune that absorbed
 * its commune on today's map and under the old commune and district on 2024's. Denominators come
 * from the population figures of the period's year (see {@code IndicatorMapper.xml#eligible} and
 * docs/indicators.md for the rule through partial splits).
 */
public final class IndicatorService {

    /** The mean Gregorian month, in days: activities per member and month over any period. */
    private static final double DAYS_PER_MONTH = 365.2425 / 12;

    private static final Role[] READERS = {Role.PROVINCE_ADMIN, Role.COMMUNE_OFFICER, Role.TEAM_MEMBER, Role.VIEWER};

    private final Database db;
    private final HierarchyService hierarchy;
    private final DigitalServices services;
    private final Access access;
    private final long minimumCell;

    /** {@code minimumCell}: figures the public sees that come from fewer people are suppressed. */
    public IndicatorService(Database db, HierarchyService hierarchy, DigitalServices services, Access access, int minimumCell) {
        this.db = Objects.requireNonNull(db);
        this.hierarchy = Objects.requireNonNull(hierarchy);
        this.services = Objects.requireNonNull(services);
        this.access = Objects.requireNonNull(access);
        this.minimumCell = minimumCell;
    }

    /**
     * Whether the actor sees the full figures of a unit on the map of {@code mapDate} for data of
     * {@code dataDates}: the system, and users in whose scope every village of the unit lay on each
     * of those dates. Anyone else — the public, a user outside her scope — sees the public view,
     * small cells suppressed. The dates of the data count, not only the map's: on today's map a
     * merged commune gathers 2024 facts of villages that were then another commune's, which its new
     * officer may not see in full.
     */
    private boolean fullView(Actor actor, AdministrativeUnit unit, LocalDate mapDate, java.util.Collection<LocalDate> dataDates) {
        if (actor.kind() == Actor.Kind.ANONYMOUS) {
            return false;
        }
        if (actor.unrestricted()) {
            return true;
        }
        if (!access.contains(actor, unit.id(), mapDate)) {
            return false;
        }
        Access.ScopeIntervals scope = access.intervals(actor);
        // Every village whose facts the unit's figures gather: its own on the map, and those that
        // had ended (or not begun) by then and are placed on it.
        List<IndicatorRows.AreaRow> villages = db.read(s -> {
            IndicatorMapper m = s.getMapper(IndicatorMapper.class);
            List<IndicatorRows.AreaRow> area = m.area(unit.id(), mapDate);
            List<IndicatorRows.AreaRow> all = new ArrayList<>(area.stream().filter(r -> r.level == UnitLevel.VILLAGE).toList());
            all.addAll(m.placedVillages(area.stream().map(r -> r.id).toArray(Long[]::new), mapDate));
            return all;
        });
        for (IndicatorRows.AreaRow village : villages) {
            for (LocalDate d : dataDates) {
                boolean existed = !d.isBefore(village.validFrom) && (village.validTo == null || d.isBefore(village.validTo));
                if (existed && !scope.contains(village.id, d)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The public view is suppressed over the whole province, whatever part is asked for: the same cells always. */
    private AdministrativeUnit provinceOf(Actor actor, AdministrativeUnit unit, LocalDate date) {
        if (unit.level() == UnitLevel.PROVINCE) {
            return unit;
        }
        return hierarchy.ancestors(actor, List.of(new UnitAt(unit.id(), date))).values().stream().flatMap(List::stream)
                .filter(u -> u.level() == UnitLevel.PROVINCE).findFirst().orElse(unit);
    }

    /** A service of the catalogue (its data stays readable when its plugin is gone) and one of its stages. */
    private record Measured(ServiceDescriptor service, String stage) {
        /** The stage and every later one: "reached the stage or further". */
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (int i = service.order(stage) - 1; i < service.stages().size(); i++) {
                keys.add(service.code() + "/" + service.stages().get(i).code());
            }
            return keys;
        }
    }

    private Measured measured(Actor actor, Problems p, String service, String stage) {
        if (p.text("service", service, 40) == null) {
            return null;
        }
        CatalogueEntry entry = services.find(actor, service.strip()).orElse(null);
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

    // --- adoption rates ---------------------------------------------------------------------------

    /**
     * The adoption rate of every unit of level {@code groupBy} under {@code under} (itself when the
     * levels are equal) on the map of {@code hierarchyAsOf}, ordered by code, ranked by rate.
     */
    public List<AdoptionRate> adoptionRates(Actor actor, RateQuery q) {
        Objects.requireNonNull(actor, "actor");
        Problems p = new Problems();
        p.required("groupBy", q.groupBy());
        p.required("period", q.period());
        p.required("hierarchyAsOf", q.hierarchyAsOf());
        Measured measured = measured(actor, p, q.service(), q.stage());
        p.throwIfAny();
        AdministrativeUnit under = hierarchy.requireUnit(actor, "under", q.under(), q.hierarchyAsOf());
        if (q.groupBy().ordinal() < under.level().ordinal()) {
            throw new InvalidInputException("groupBy", "ABOVE_UNDER", "groupBy (" + q.groupBy() + ") is above the level of "
                    + under.fullName() + " (" + under.level() + "): group by its level or a lower one");
        }
        Period period = q.period();
        List<LocalDate> dates = period.dayBefore() == null ? List.of(period.to()) : List.of(period.to(), period.dayBefore());
        // The stock at the period's end is shown in full when its villages were the caller's on that
        // day; the change over the period only when they were hers from its first day too (an
        // officer of a commune merged in July sees its 2025 stock, not its 2025 change in full).
        boolean full = fullView(actor, under, q.hierarchyAsOf(), List.of(period.to()));
        boolean changeInFull = full && (period.from() == null || fullView(actor, under, q.hierarchyAsOf(), List.of(period.from())));
        AdministrativeUnit root = full ? under : provinceOf(actor, under, q.hierarchyAsOf());
        return db.read(s -> {
            IndicatorMapper m = s.getMapper(IndicatorMapper.class);
            Rollup area = Rollup.of(m, root.id(), q.hierarchyAsOf());
            List<Map<Long, Long>> adopters = area.adopters(m, measured.keys(), dates);
            List<java.util.Set<Long>> hiddenAdopters = new ArrayList<>();
            java.util.Set<Long> hiddenChanges = java.util.Set.of();
            if (!full) {
                adopters.forEach(a -> hiddenAdopters.add(Suppression.suppressed(area.rootId(), area.children(), a, minimumCell)));
                if (adopters.size() > 1) {
                    hiddenChanges = hiddenChanges(area, adopters.get(0), adopters.get(1));
                }
            }
            List<AdministrativeUnit> groups = area.ofLevel(q.groupBy()).stream().filter(g -> area.under(g.id(), under.id())).toList();
            Eligible eligible = eligible(m, area, period.year(), measured.service().eligibility(), full);
            Map<Long, List<IndicatorRows.TargetRow>> targets = targetsOn(m, area, measured);
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
                Double rate = now == null ? null : rate(now, elig);
                AdoptionTarget target = choose(area.upwards(g.id()), targets, period.to());
                Long added = now == null || before == null || hiddenChanges.contains(g.id()) || (full && !changeInFull) ? null : now - before;
                rates.add(new AdoptionRate(g, measured.service().code(), measured.stage(), period, q.hierarchyAsOf(), now,
                        added, elig, elig == null ? null : eligible.year().get(g.id()), rate, target,
                        gap(target, rate), now == null ? null : toTarget(target, now, elig), null, suppressed));
            }
            return ranked(rates);
        });
    }

    /**
     * Eligible populations of units and the (oldest) year of the figures in each: every part of the
     * area from the latest year up to {@code year} whose figures cover it (see {@link Rollup#eligible}).
     * Figures are imported year by year and not everywhere at once, so one province's new figures
     * must not blank another's rates. Outside the full view the figures suppression withholds are
     * {@code hidden} (and not in {@code value}).
     */
    private record Eligible(Map<Long, Long> value, Map<Long, Integer> year, java.util.Set<Long> hidden) {
    }

    /** At most this many years of figures are looked through for a part without recent ones. */
    private static final int YEARS_LOOKED_BACK = 10;

    private Eligible eligible(IndicatorMapper m, Rollup area, int year, Eligibility eligibility, boolean full) {
        List<Integer> years = m.populationYears(year);
        Rollup.Figures figures = area.eligible(m, years.subList(0, Math.min(years.size(), YEARS_LOOKED_BACK)), eligibility);
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
    private java.util.Set<Long> hiddenChanges(Rollup area, Map<Long, Long> now, Map<Long, Long> before) {
        Map<Long, Long> change = new HashMap<>();
        now.forEach((u, v) -> change.merge(u, v, Long::sum));
        before.forEach((u, v) -> change.merge(u, -v, Long::sum));
        // Signed: a fall (a step back) is below the minimum and hidden, and counts for nothing in
        // the mass of a group of hidden cells.
        return Suppression.suppressed(area.rootId(), area.children(), change, minimumCell);
    }

    private static Double rate(long adopters, Long eligible) {
        return eligible == null || eligible == 0 ? null : (double) adopters / eligible;
    }

    private static Double gap(AdoptionTarget target, Double rate) {
        return target == null || rate == null ? null : target.rate() - rate;
    }

    private static Long toTarget(AdoptionTarget target, long adopters, Long eligible) {
        if (target == null || eligible == null || eligible == 0) {
            return null;
        }
        long needed = BigDecimal.valueOf(target.rate()).multiply(BigDecimal.valueOf(eligible)).setScale(0, RoundingMode.CEILING).longValueExact();
        return Math.max(0, needed - adopters);
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
        return rates.stream().map(r -> new AdoptionRate(r.unit(), r.service(), r.stage(), r.period(), r.hierarchyAsOf(), r.adopters(),
                r.newAdopters(), r.eligible(), r.populationYear(), r.rate(), r.target(), r.gapToTarget(), r.adoptersToTarget(),
                ranks.get(r), r.suppressed())).toList();
    }

    // --- trends -----------------------------------------------------------------------------------

    /** One point per interval between {@code from} and {@code to}: the stock at its end and the change over it. */
    public List<TrendPoint> adoptionTrend(Actor actor, TrendQuery q) {
        Objects.requireNonNull(actor, "actor");
        Problems p = new Problems();
        p.required("from", q.from());
        p.required("to", q.to());
        p.required("interval", q.interval());
        p.required("hierarchyAsOf", q.hierarchyAsOf());
        p.order("from", q.from(), "to", q.to());
        Measured measured = measured(actor, p, q.service(), q.stage());
        p.throwIfAny();
        if (q.from().isBefore(Period.EARLIEST) || q.from().isAfter(Period.LATEST)) {
            throw new InvalidInputException("from", "OUT_OF_RANGE", "a trend lies between " + Period.EARLIEST + " and " + Period.LATEST);
        }
        if (q.to().isAfter(Period.LATEST)) {
            throw new InvalidInputException("to", "OUT_OF_RANGE", "a trend lies between " + Period.EARLIEST + " and " + Period.LATEST);
        }
        List<Period> periods = q.interval().periods(q.from(), q.to());
        AdministrativeUnit unit = hierarchy.requireUnit(actor, "code", q.code(), q.hierarchyAsOf());
        List<LocalDate> dates = new ArrayList<>();
        dates.add(q.from().minusDays(1));
        periods.forEach(x -> dates.add(x.to()));
        List<LocalDate> shown = new ArrayList<>(dates.subList(1, dates.size()));
        shown.add(q.from());
        boolean full = fullView(actor, unit, q.hierarchyAsOf(), shown);
        AdministrativeUnit root = full ? unit : provinceOf(actor, unit, q.hierarchyAsOf());
        return db.read(s -> {
            IndicatorMapper m = s.getMapper(IndicatorMapper.class);
            Rollup area = Rollup.of(m, root.id(), q.hierarchyAsOf());
            List<Map<Long, Long>> stocks = area.adopters(m, measured.keys(), dates);
            List<Long> adopters = stocks.stream()
                    .map(t -> full || !Suppression.suppressed(area.rootId(), area.children(), t, minimumCell).contains(unit.id())
                            ? t.getOrDefault(unit.id(), 0L) : null)
                    .toList();
            Map<Integer, Eligible> eligibleIn = new HashMap<>();
            for (Period x : periods) {
                eligibleIn.computeIfAbsent(x.year(), y -> eligible(m, area, y, measured.service().eligibility(), full));
            }
            Map<Long, List<IndicatorRows.TargetRow>> targets = targetsOn(m, area, measured);
            List<Long> chain = area.upwards(unit.id());
            List<TrendPoint> points = new ArrayList<>();
            for (int i = 0; i < periods.size(); i++) {
                Period x = periods.get(i);
                Long now = adopters.get(i + 1);
                Long before = adopters.get(i);
                Eligible e = eligibleIn.get(x.year());
                Long elig = e.value().get(unit.id());
                Integer year = e.year().get(unit.id());
                Double rate = now == null ? null : rate(now, elig);
                AdoptionTarget target = choose(chain, targets, x.to());
                boolean suppressed = !full && (now == null || before == null || e.hidden().contains(unit.id()));
                boolean changeHidden = !full && hiddenChanges(area, stocks.get(i + 1), stocks.get(i)).contains(unit.id());
                points.add(new TrendPoint(x, now, now == null || before == null || changeHidden ? null : now - before, elig,
                        elig == null ? null : year, rate, target, gap(target, rate), suppressed || changeHidden));
            }
            return points;
        });
    }

    // --- targets ----------------------------------------------------------------------------------

    /** The targets of a service and stage set for the units of an area and for the ancestors of its root, by unit. */
    private static Map<Long, List<IndicatorRows.TargetRow>> targetsOn(IndicatorMapper m, Rollup area, Measured measured) {
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

    /** Sets a target (or replaces the one with the same unit, service, stage and due date). */
    public AdoptionTarget setTarget(Actor actor, NewTarget in) {
        Access.require(actor, "set targets", Role.PROVINCE_ADMIN);
        Problems p = new Problems();
        LocalDate due = p.required("dueOn", in.dueOn());
        if (due != null && (due.isBefore(Period.EARLIEST) || due.isAfter(Period.LATEST))) {
            p.add("dueOn", "OUT_OF_RANGE", "dueOn must be between " + Period.EARLIEST + " and " + Period.LATEST);
        }
        Double rate = p.required("rate", in.rate());
        // Kept to six decimals: a rate that rounds to 0 there is no target.
        if (rate != null && (rate.isNaN() || rate > 1 || BigDecimal.valueOf(rate).setScale(6, RoundingMode.HALF_UP).signum() <= 0)) {
            p.add("rate", "OUT_OF_RANGE", "rate is a share of the eligible population: at least 0.000001, at most 1 (0.8 for 80 %)");
        }
        String basis = p.optionalText("basis", in.basis(), 300);
        Measured measured = measured(actor, p, in.service(), in.stage());
        p.text("unit", in.unit(), 20);
        p.throwIfAny();
        LocalDate unitDate = in.unitAsOf() == null ? due : in.unitAsOf();
        AdministrativeUnit unit = hierarchy.requireUnit(actor, "unit", in.unit(), unitDate);
        access.requireIn(actor, unit.id(), unitDate, unit.fullName());
        BigDecimal exact = BigDecimal.valueOf(rate).setScale(6, RoundingMode.HALF_UP);
        return db.inTransaction(s -> {
            IndicatorMapper m = s.getMapper(IndicatorMapper.class);
            long id = m.upsertTarget(unit.id(), measured.service().code(), measured.stage(), due, exact, basis, actor.id());
            return m.target(id).target();
        });
    }

    /** The targets set for units under {@code under} on {@code asOf} (itself included), optionally of one service. */
    public List<AdoptionTarget> targets(Actor actor, String under, String service, LocalDate asOf) {
        Objects.requireNonNull(actor, "actor");
        AdministrativeUnit root = hierarchy.requireUnit(actor, "under", under, asOf);
        return db.read(s -> {
            IndicatorMapper m = s.getMapper(IndicatorMapper.class);
            Long[] ids = m.area(root.id(), asOf).stream().map(r -> r.id).toArray(Long[]::new);
            return m.targetsOf(ids, service == null || service.isBlank() ? null : service.strip(), null).stream()
                    .map(IndicatorRows.TargetRow::target).toList();
        });
    }

    /** Targets by id: public, like the lists of targets. */
    public Map<Long, AdoptionTarget> targetsByIds(Actor actor, java.util.Collection<Long> ids) {
        Objects.requireNonNull(actor, "actor");
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(s -> s.getMapper(IndicatorMapper.class).targetsByIds(ids.toArray(Long[]::new))).stream()
                .map(IndicatorRows.TargetRow::target).collect(Collectors.toMap(AdoptionTarget::id, t -> t));
    }

    // --- team scorecards --------------------------------------------------------------------------

    /** One page of scorecards, and how many teams are flagged in all. */
    public record Scorecards(Page<TeamScorecard> page, long flaggedCount) {
    }

    /**
     * A scorecard for every team working under {@code under} on the period's last day, most flags
     * first, then by name. Growth is measured over the period (since records began for "up to a
     * date") for one service at its adopted stage, or for every service of the catalogue together.
     */
    public Scorecards teamScorecards(Actor actor, ScorecardQuery q, PageRequest page) {
        List<TeamScorecard> cards = allTeamScorecards(actor, q);
        long flagged = cards.stream().filter(TeamScorecard::flagged).count();
        List<TeamScorecard> listed = q.flaggedOnly() ? cards.stream().filter(TeamScorecard::flagged).toList() : cards;
        int from = Math.min(page.offset(), listed.size());
        List<TeamScorecard> slice = listed.subList(from, (int) Math.min(listed.size(), (long) from + page.limit()));
        return new Scorecards(new Page<>(slice, listed.size(), page.offset()), flagged);
    }

    /** Every team's scorecard (flagged or not, whatever {@code flaggedOnly} says), in the order of {@link #teamScorecards}. */
    public List<TeamScorecard> allTeamScorecards(Actor actor, ScorecardQuery q) {
        Access.require(actor, "read team scorecards", READERS);
        Problems p = new Problems();
        Period period = p.required("period", q.period());
        Thresholds thresholds = q.thresholds() == null ? Thresholds.DEFAULTS : q.thresholds();
        List<ServiceDescriptor> measuredServices;
        if (q.service() != null && !q.service().isBlank()) {
            Measured one = measured(actor, p, q.service(), null);
            measuredServices = one == null ? List.of() : List.of(one.service());
        } else {
            measuredServices = services.catalogue(actor).stream().map(CatalogueEntry::descriptor).toList();
        }
        p.throwIfAny();
        AdministrativeUnit under = hierarchy.requireUnit(actor, "under", q.under(), period.to());
        access.requireIn(actor, under.id(), period.to(), under.fullName());
        AdministrativeUnit province = under.level() == UnitLevel.PROVINCE ? under
                : hierarchy.ancestors(actor, List.of(new UnitAt(under.id(), period.to()))).values().stream().flatMap(List::stream)
                .filter(u -> u.level() == UnitLevel.PROVINCE).findFirst().orElse(under);
        List<String> keys = new ArrayList<>();
        measuredServices.forEach(d -> keys.addAll(new Measured(d, d.adoptedStage()).keys()));
        return db.read(s -> {
            IndicatorMapper m = s.getMapper(IndicatorMapper.class);
            List<IndicatorRows.ScorecardRow> rows = m.scorecards(under.id(), period.from(), period.to());
            Rollup area = Rollup.of(m, province.id(), period.to());
            List<LocalDate> dates = period.dayBefore() == null ? List.of(period.to()) : List.of(period.to(), period.dayBefore());
            List<Map<Long, Long>> adopters = area.adopters(m, keys, dates);
            Function<Long, Long> growth = unit -> adopters.get(0).getOrDefault(unit, 0L)
                    - (dates.size() > 1 ? adopters.get(1).getOrDefault(unit, 0L) : 0L);
            Map<Long, Long> population = eligible(m, area, period.year(), new Eligibility(Eligibility.Subject.PERSON, 0, null, null),
                    true).value();
            Double provinceGrowth = perThousand(growth.apply(province.id()), population.get(province.id()));
            return rows.stream()
                    .map(r -> scorecard(r, area.unit(r.areaId), area.root(), period, growth.apply(r.areaId), population.get(r.areaId),
                            provinceGrowth, thresholds))
                    .sorted(Comparator.comparing((TeamScorecard c) -> -c.flags().size())
                            .thenComparing(c -> c.team().name()).thenComparing(c -> c.team().id()))
                    .toList();
        });
    }

    private static Double perThousand(long adopters, Long population) {
        return population == null || population == 0 ? null : 1000.0 * adopters / population;
    }

    private static TeamScorecard scorecard(IndicatorRows.ScorecardRow r, AdministrativeUnit area, AdministrativeUnit province,
                                           Period period, long areaGrowth,
                                           Long areaPopulation, Double provinceGrowth, Thresholds t) {
        Team team = new Team(r.teamId, r.unitId, r.level, r.name, r.establishedOn, r.dissolvedOn, r.status);
        // A period still running is measured over the days lived so far, else this year's teams
        // would all look idle in June.
        double months = period.daysFrom(r.activeFrom, LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))) / DAYS_PER_MONTH;
        Double perMember = r.members == 0 || months == 0 ? null : r.supportActivities / (double) r.members / months;
        Double activeShare = r.members == 0 ? null : r.activeMembers / (double) r.members;
        Double trainedShare = r.members == 0 ? null : r.trainedMembers / (double) r.members;
        Double areaPerThousand = perThousand(areaGrowth, areaPopulation);
        Double vsProvince = areaPerThousand == null || provinceGrowth == null || provinceGrowth <= 0 ? null : areaPerThousand / provinceGrowth;
        List<Flag> flags = new ArrayList<>();
        if (r.status == TeamStatus.SUSPENDED) {
            flags.add(new Flag("SUSPENDED", "the team is suspended", "tổ đang tạm dừng hoạt động", 0, 0));
        }
        if (r.members < t.minimumMembers()) {
            flags.add(new Flag("TOO_FEW_MEMBERS", r.members + " members, fewer than " + t.minimumMembers(),
                    r.members + " thành viên, ít hơn " + t.minimumMembers(), r.members, t.minimumMembers()));
        }
        double activity = perMember == null ? 0 : perMember;
        if (activity < t.activitiesPerMemberPerMonth()) {
            flags.add(new Flag("LOW_ACTIVITY",
                    en(activity) + " support activities per member per month, below " + en(t.activitiesPerMemberPerMonth()),
                    vi(activity) + " lượt hỗ trợ mỗi thành viên mỗi tháng, dưới mức " + vi(t.activitiesPerMemberPerMonth()),
                    activity, t.activitiesPerMemberPerMonth()));
        }
        if (activeShare != null && activeShare < t.activeMemberShare()) {
            flags.add(new Flag("FEW_ACTIVE_MEMBERS",
                    percentEn(activeShare) + " of members recorded any work, below " + percentEn(t.activeMemberShare()),
                    percentVi(activeShare) + " thành viên có ghi nhận hoạt động, dưới mức " + percentVi(t.activeMemberShare()),
                    activeShare, t.activeMemberShare()));
        }
        if (trainedShare != null && trainedShare < t.trainedMemberShare()) {
            flags.add(new Flag("UNTRAINED_MEMBERS",
                    percentEn(trainedShare) + " of members attended a training, below " + percentEn(t.trainedMemberShare()),
                    percentVi(trainedShare) + " thành viên đã được tập huấn, dưới mức " + percentVi(t.trainedMemberShare()),
                    trainedShare, t.trainedMemberShare()));
        }
        if (vsProvince != null && vsProvince < t.growthVsProvince()) {
            flags.add(new Flag("SLOW_GROWTH",
                    "adoption in the area grew " + en(vsProvince) + " times as fast as in the province, below " + en(t.growthVsProvince()),
                    "mức tăng sử dụng dịch vụ số trên địa bàn bằng " + vi(vsProvince) + " lần mức của tỉnh, dưới mức " + vi(t.growthVsProvince()),
                    vsProvince, t.growthVsProvince()));
        }
        return new TeamScorecard(team, area, province, period, r.activeFrom, months, r.members, r.activeMembers, r.supportActivities,
                r.residentsHelped, r.adoptionsRecorded, r.trainedMembers, r.trainingAttendances, perMember, activeShare, trainedShare,
                areaGrowth, areaPopulation, areaPerThousand, provinceGrowth, vsProvince, List.copyOf(flags));
    }

    private static final Locale VI = Locale.forLanguageTag("vi-VN");

    private static String en(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String vi(double v) {
        return String.format(VI, "%.2f", v);
    }

    private static String percentEn(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String percentVi(double share) {
        return String.format(VI, "%.0f%%", share * 100);
    }
}
