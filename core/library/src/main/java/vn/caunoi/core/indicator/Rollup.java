package vn.caunoi.core.indicator;

import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.IndicatorMapper;
import vn.caunoi.core.indicator.IndicatorRows;
import vn.caunoi.spi.Eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * An area (a unit and everything under it on the map of one date) and figures rolled up over it.
 *
 * <p>SQL places each fact on the unit of the area it falls in on that date (a village, mostly);
 * the totals of a unit are the facts placed on it and on everything under it. So the figure of a
 * parent is the sum of its children's, plus whatever is placed on the parent itself (a commune
 * without villages).
 */
final class Rollup {

    private final long rootId;
    private final LocalDate date;
    private final Map<Long, IndicatorRows.AreaRow> units = new LinkedHashMap<>();
    private final Map<Long, List<Long>> children = new HashMap<>();

    private final List<Long> aboveRoot;

    private Rollup(long rootId, LocalDate date, List<IndicatorRows.AreaRow> rows, List<Long> aboveRoot) {
        this.rootId = rootId;
        this.date = date;
        this.aboveRoot = aboveRoot;
        for (IndicatorRows.AreaRow r : rows) {
            units.put(r.id, r);
            if (r.parentId != null) {
                children.computeIfAbsent(r.parentId, k -> new ArrayList<>()).add(r.id);
            }
        }
    }

    static Rollup of(IndicatorMapper m, long rootId, LocalDate date) {
        return of(m, rootId, date, null);
    }

    /** With the root's area on the date when the caller has read it already ({@link IndicatorRules#area}), else null. */
    static Rollup of(IndicatorMapper m, long rootId, LocalDate date, List<IndicatorRows.AreaRow> area) {
        return new Rollup(rootId, date, area != null ? area : m.area(rootId, date), m.ancestorIds(rootId, date));
    }

    /** The unit, then its parent, and so on up to the province: nearest first. */
    List<Long> upwards(long unit) {
        List<Long> chain = new ArrayList<>();
        for (Long u = unit; u != null; u = units.get(u).parentId) {
            chain.add(u);
        }
        chain.addAll(aboveRoot);
        return chain;
    }

    /** Every unit of the area and every ancestor of its root. */
    Long[] idsAndAncestors() {
        List<Long> ids = new ArrayList<>(units.keySet());
        ids.addAll(aboveRoot);
        return ids.toArray(Long[]::new);
    }

    LocalDate date() {
        return date;
    }

    AdministrativeUnit root() {
        return units.get(rootId).unit();
    }

    long rootId() {
        return rootId;
    }

    Map<Long, List<Long>> children() {
        return children;
    }

    /** True when {@code unit} is {@code ancestor} or lies under it. */
    boolean under(long unit, long ancestor) {
        for (Long u = unit; u != null; u = units.containsKey(u) ? units.get(u).parentId : null) {
            if (u == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** A unit of the area. */
    AdministrativeUnit unit(long id) {
        IndicatorRows.AreaRow row = units.get(id);
        if (row == null) {
            throw new IllegalStateException("unit " + id + " is not in the area of " + rootId + " on " + date);
        }
        return row.unit();
    }

    /** The units of a level, by code. */
    List<AdministrativeUnit> ofLevel(UnitLevel level) {
        return units.values().stream().filter(r -> r.level == level).map(IndicatorRows.AreaRow::unit)
                .sorted(Comparator.comparing(AdministrativeUnit::code)).toList();
    }

    private Long[] ids() {
        return units.keySet().toArray(Long[]::new);
    }

    /** Residents at any of {@code keys} ("service/stage") at the end of each date: totals per unit, one map per date. */
    List<Map<Long, Long>> adopters(IndicatorMapper m, List<String> keys, List<LocalDate> dates) {
        List<Map<Long, Long>> placed = new ArrayList<>();
        dates.forEach(d -> placed.add(new HashMap<>()));
        if (!keys.isEmpty() && !dates.isEmpty()) {
            Long[] villages = units.values().stream().filter(r -> r.level == UnitLevel.VILLAGE).map(r -> r.id).toArray(Long[]::new);
            String[] days = dates.stream().map(LocalDate::toString).toArray(String[]::new);
            // One statement per service: its code is then a constant of the index lookups.
            Map<String, List<String>> stagesByService = new LinkedHashMap<>();
            for (String key : keys) {
                int slash = key.indexOf('/');
                stagesByService.computeIfAbsent(key.substring(0, slash), k -> new ArrayList<>()).add(key.substring(slash + 1));
            }
            stagesByService.forEach((service, stages) -> m.adopters(service, stages.toArray(String[]::new), days, date, ids(), villages)
                    .forEach(r -> placed.get(r.dateIndex - 1).merge(r.unitId, r.value, Long::sum)));
        }
        return placed.stream().map(p -> totals(p, true)).toList();
    }

    /** Eligible populations per unit (only units that some figure covers), and the oldest year of the figures in each. */
    record Figures(Map<Long, Long> value, Map<Long, Integer> year) {
    }

    /**
     * The eligible population per unit, for people of the given eligibility (age bands, or
     * households), from the figures of {@code years} (latest first): each part of the area takes the
     * latest year whose figures cover it, so a province whose figures of a new year are in for some
     * communes only still counts the others by their earlier figures. The parts are the cells where
     * a year's figures are placed (villages, mostly); a cell of an earlier year is not taken where a
     * later year's cells lie on it, above it or under it, so nobody is counted twice. Totals are
     * then rolled up once: a parent is the sum of its parts, and its year the oldest among them.
     */
    Figures eligible(IndicatorMapper m, List<Integer> years, Eligibility eligibility) {
        if (eligibility.subject() == Eligibility.Subject.BUSINESS) {
            return new Figures(Map.of(), Map.of());
        }
        Map<Long, Long> chosen = new HashMap<>();
        Map<Long, Integer> chosenYear = new HashMap<>();
        Set<Long> aboveChosen = new HashSet<>();
        List<Long> leaves = units.keySet().stream().filter(u -> children.getOrDefault(u, List.of()).isEmpty()).toList();
        for (int year : years) {
            if (leaves.stream().allMatch(l -> coveredBy(l, chosen))) {
                break;
            }
            Map<Long, Long> placed = new HashMap<>();
            m.eligible(year, LocalDate.of(year, 7, 1), date, ids(), eligibility.subject().name(), eligibility.minimumAge(),
                    eligibility.maximumAge()).forEach(r -> placed.merge(r.unitId, r.value, Long::sum));
            List<Long> taken = placed.keySet().stream()
                    .filter(cell -> !aboveChosen.contains(cell) && !coveredBy(cell, chosen)).toList();
            for (Long cell : taken) {
                chosen.put(cell, placed.get(cell));
                chosenYear.put(cell, year);
                for (Long u = units.containsKey(cell) ? units.get(cell).parentId : null; u != null; u = units.get(u).parentId) {
                    aboveChosen.add(u);
                }
            }
        }
        Map<Long, Integer> oldest = new HashMap<>();
        oldestYear(rootId, chosenYear, oldest);
        return new Figures(totals(chosen, false), oldest);
    }

    /** Whether the unit or one of its ancestors in the area is a chosen cell. */
    private boolean coveredBy(long unit, Map<Long, Long> chosen) {
        for (Long u = unit; u != null; u = units.containsKey(u) ? units.get(u).parentId : null) {
            if (chosen.containsKey(u)) {
                return true;
            }
        }
        return false;
    }

    private Integer oldestYear(long unit, Map<Long, Integer> cellYear, Map<Long, Integer> out) {
        Integer year = cellYear.get(unit);
        for (long child : children.getOrDefault(unit, List.of())) {
            Integer y = oldestYear(child, cellYear, out);
            if (y != null && (year == null || y < year)) {
                year = y;
            }
        }
        if (year != null) {
            out.put(unit, year);
        }
        return year;
    }

    /**
     * Each unit's own placed value plus everything under it. With {@code zeros}, every unit gets a
     * total (0 when nothing is placed under it); without, only units with something under them.
     */
    private Map<Long, Long> totals(Map<Long, Long> placed, boolean zeros) {
        Map<Long, Long> totals = new HashMap<>();
        total(rootId, placed, totals, zeros);
        return totals;
    }

    private Long total(long unit, Map<Long, Long> placed, Map<Long, Long> totals, boolean zeros) {
        Long sum = placed.get(unit);
        for (long child : children.getOrDefault(unit, List.of())) {
            Long c = total(child, placed, totals, zeros);
            if (c != null) {
                sum = sum == null ? c : sum + c;
            }
        }
        if (sum == null && zeros) {
            sum = 0L;
        }
        if (sum != null) {
            totals.put(unit, sum);
        }
        return sum;
    }
}
