package vn.caunoi.core.hierarchy;

import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.Actor;

import vn.caunoi.core.store.Database;



import vn.caunoi.core.text.VietnameseText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the administrative hierarchy as it was on any date.
 *
 * <p>Every method that takes many keys answers them in one SQL statement, so a GraphQL page of
 * units with their parents, ancestors and children costs a fixed number of statements.
 */
public final class HierarchyService {

    private static final int MAX_SEARCH_LENGTH = 100;

    private final Database db;

    public HierarchyService(Database db) {
        this.db = Objects.requireNonNull(db);
        db.register(HierarchyMapper.class);
    }

    /** The unit that had {@code code} on {@code asOf}, if any. */
    public Optional<AdministrativeUnit> unit(Actor actor, String code, LocalDate asOf) {
        Objects.requireNonNull(actor, "actor");
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("code", "REQUIRED", "a unit code is required");
        }
        return Optional.ofNullable(db.read(s -> s.mapper(HierarchyMapper.class).findByCode(code.strip(), asOf)))
                .map(UnitRow::unit);
    }

    /**
     * The unit with {@code code} on {@code date}, or an input error naming {@code field}: the one way
     * every service reads an "under" or "unit" argument.
     */
    public AdministrativeUnit requireUnit(Actor actor, String field, String code, LocalDate date) {
        Objects.requireNonNull(actor, "actor");
        if (code == null || code.isBlank()) {
            throw new InvalidInputException(field, "REQUIRED", field + " is required: the code of a unit");
        }
        return unit(actor, code, date).orElseThrow(() ->
                new InvalidInputException(field, "UNKNOWN_UNIT", "no unit has " + AdministrativeUnit.describeCode(code) + " on " + date));
    }

    public Map<Long, AdministrativeUnit> unitsById(Actor actor, Collection<Long> ids) {
        Objects.requireNonNull(actor, "actor");
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<UnitRow> rows = db.read(s -> s.mapper(HierarchyMapper.class).findByIds(ids.toArray(Long[]::new)));
        return rows.stream().collect(Collectors.toMap(r -> r.id, UnitRow::unit));
    }

    /** Units by level, ancestor, and what someone typed (forgiving case, diacritics, đ/d, tone placement). */
    public Page<AdministrativeUnit> units(Actor actor, UnitQuery query) {
        Objects.requireNonNull(actor, "actor");
        Long underId = null;
        if (query.under() != null) {
            underId = requireUnit(actor, "under", query.under(), query.asOf()).id();
        }
        String exact = null;
        String folded = null;
        String prefix = null;
        String wordPrefix = null;
        String codePrefix = null;
        if (query.search() != null && !query.search().isBlank()) {
            if (query.search().length() > MAX_SEARCH_LENGTH) {
                throw new InvalidInputException("search", "TOO_LONG",
                        "search text must be at most " + MAX_SEARCH_LENGTH + " characters");
            }
            if (query.search().indexOf('\u0000') >= 0) {
                // PostgreSQL text cannot hold NUL: refused here rather than failing in SQL.
                throw new InvalidInputException("search", "NUL_CHARACTER", "search contains a NUL character (\\u0000)");
            }
            exact = VietnameseText.exact(query.search());
            folded = VietnameseText.folded(query.search());
            prefix = escapeLike(folded) + "%";
            wordPrefix = "% " + escapeLike(folded) + "%";
            if (folded.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                codePrefix = escapeLike(folded) + "%";
            }
        }
        UnitSearch search = new UnitSearch(query.level(), underId, query.asOf(), exact, folded, prefix, wordPrefix,
                codePrefix, query.page().offset(), query.page().limit());
        return db.read(s -> {
            HierarchyMapper m = s.mapper(HierarchyMapper.class);
            return Page.read(query.page(), (offset, limit) -> m.search(search.slice(offset, limit)).stream().map(UnitRow::unit).toList(),
                    () -> m.countSearch(search));
        });
    }

    /**
     * Each unit placed on the map of its date: itself while it exists, else the unit that held its
     * territory then (its successor after a merger, its predecessor before it was created). Facts
     * keep the unit they were recorded under and are shown where it lies on the date asked.
     */
    public Map<UnitAt, AdministrativeUnit> placedOn(Actor actor, Collection<UnitAt> keys) {
        Objects.requireNonNull(actor, "actor");
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<UnitRow> rows = db.read(s -> s.mapper(HierarchyMapper.class).placedAt(ids(keys), dates(keys)));
        Map<UnitAt, AdministrativeUnit> result = new LinkedHashMap<>();
        rows.forEach(r -> result.put(new UnitAt(r.keyId, r.keyDate), r.unit()));
        return result;
    }

    /**
     * Every unit of a level (or of every level) by code, with its validity, held in memory: for a
     * bulk import that reads millions of codes. Codes are reused, so a code names a unit only with
     * a date.
     */
    public UnitCodes codes(Actor actor, UnitLevel level) {
        Objects.requireNonNull(actor, "actor");
        return new UnitCodes(db.readAll(tx -> tx.mapper(HierarchyMapper.class).codeIndex(level)));
    }

    /** The parent of each unit on its date (absent for provinces). */
    public Map<UnitAt, AdministrativeUnit> parents(Actor actor, Collection<UnitAt> keys) {
        Objects.requireNonNull(actor, "actor");
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<UnitRow> rows = db.read(s -> s.mapper(HierarchyMapper.class).parentsAt(ids(keys), dates(keys)));
        Map<UnitAt, AdministrativeUnit> result = new LinkedHashMap<>();
        rows.forEach(r -> result.put(new UnitAt(r.keyId, r.keyDate), r.unit()));
        return result;
    }

    /** The ancestors of each unit on its date, nearest first. */
    public Map<UnitAt, List<AdministrativeUnit>> ancestors(Actor actor, Collection<UnitAt> keys) {
        Objects.requireNonNull(actor, "actor");
        Map<UnitAt, List<AdministrativeUnit>> result = new LinkedHashMap<>();
        keys.forEach(k -> result.put(k, new ArrayList<>()));
        if (keys.isEmpty()) {
            return result;
        }
        List<UnitRow> rows = db.read(s -> s.mapper(HierarchyMapper.class).ancestorsAt(ids(keys), dates(keys)));
        rows.forEach(r -> result.computeIfAbsent(new UnitAt(r.keyId, r.keyDate), k -> new ArrayList<>()).add(r.unit()));
        return result;
    }

    /**
     * A page of the children of each unit on its date, all with the same page size and offset; each
     * unit's children counted only when the request wants the total (else one more is read to know
     * whether more follow).
     */
    public Map<UnitAt, Page<AdministrativeUnit>> children(Actor actor, Collection<UnitAt> keys, UnitLevel level,
                                                          vn.caunoi.core.common.PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Map<UnitAt, Page<AdministrativeUnit>> result = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return result;
        }
        int read = page.countTotal() ? page.limit() : page.limit() + 1;
        List<UnitRow> rows = db.read(s -> s.mapper(HierarchyMapper.class)
                .childrenAt(ids(keys), dates(keys), level, page.offset(), read, page.countTotal()));
        Map<UnitAt, List<UnitRow>> byKey = rows.stream()
                .collect(Collectors.groupingBy(r -> new UnitAt(r.keyId, r.keyDate), LinkedHashMap::new, Collectors.toList()));
        for (UnitAt key : keys) {
            List<UnitRow> group = byKey.getOrDefault(key, List.of());
            List<AdministrativeUnit> items = group.stream().map(UnitRow::unit).filter(Objects::nonNull).toList();
            if (page.countTotal()) {
                result.put(key, new Page<>(items, group.isEmpty() ? 0 : group.get(0).total, page.offset()));
            } else {
                boolean more = items.size() > page.limit();
                result.put(key, new Page<>(more ? items.subList(0, page.limit()) : items, Page.NOT_COUNTED, page.offset(), more));
            }
        }
        return result;
    }

    /** For each unit, the changes that led to it (the unit on the other side is the predecessor). */
    public Map<Long, List<UnitChange>> predecessors(Actor actor, Collection<Long> unitIds) {
        return changesBy(actor, unitIds, m -> m.predecessorsOf(unitIds.toArray(Long[]::new)), UnitChange::toUnitId);
    }

    /** For each unit, the changes that ended it (the unit on the other side is the successor). */
    public Map<Long, List<UnitChange>> successors(Actor actor, Collection<Long> unitIds) {
        return changesBy(actor, unitIds, m -> m.successorsOf(unitIds.toArray(Long[]::new)), UnitChange::fromUnitId);
    }

    /**
     * A page of the change links effective between {@code from} and {@code to} (inclusive), optionally
     * only those touching the subtree of the units that ever had code {@code under}; by effective
     * date, then event, then link.
     */
    public Page<UnitChange> changes(Actor actor, String under, LocalDate from, LocalDate to, vn.caunoi.core.common.PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "BEFORE_FROM", "to (" + to + ") is before from (" + from + ")");
        }
        LocalDate start = from == null ? LocalDate.of(1945, 9, 2) : from;
        LocalDate end = to == null ? LocalDate.of(9999, 12, 31) : to;
        String underCode = under == null || under.isBlank() ? null : under.strip();
        return db.read(s -> {
            HierarchyMapper m = s.mapper(HierarchyMapper.class);
            return Page.read(page, (offset, limit) -> m.changes(underCode, start, end, offset, limit).stream().map(ChangeRow::change).toList(),
                    () -> m.countChanges(underCode, start, end));
        });
    }

    /** Change links by id (the map and its history are public). */
    public Map<Long, UnitChange> changesByIds(Actor actor, Collection<Long> ids) {
        Objects.requireNonNull(actor, "actor");
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(s -> s.mapper(HierarchyMapper.class).changesByIds(ids.toArray(Long[]::new))).stream()
                .map(ChangeRow::change).collect(Collectors.toMap(UnitChange::id, c -> c));
    }

    /** True when no unit has been recorded yet. */
    public boolean isEmpty() {
        return db.read(s -> s.mapper(HierarchyMapper.class).countUnits()) == 0;
    }

    private Map<Long, List<UnitChange>> changesBy(Actor actor, Collection<Long> unitIds,
                                                  Function<HierarchyMapper, List<ChangeRow>> query,
                                                  Function<UnitChange, Long> key) {
        Objects.requireNonNull(actor, "actor");
        Map<Long, List<UnitChange>> result = new LinkedHashMap<>();
        unitIds.forEach(id -> result.put(id, new ArrayList<>()));
        if (unitIds.isEmpty()) {
            return result;
        }
        db.read(s -> query.apply(s.mapper(HierarchyMapper.class))).stream()
                .map(ChangeRow::change)
                .forEach(c -> result.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c));
        return result;
    }

    private static Long[] ids(Collection<UnitAt> keys) {
        return keys.stream().map(UnitAt::unitId).toArray(Long[]::new);
    }

    private static String[] dates(Collection<UnitAt> keys) {
        return keys.stream().map(k -> k.date().toString()).toArray(String[]::new);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
