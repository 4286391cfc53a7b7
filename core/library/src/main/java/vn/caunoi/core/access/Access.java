package vn.caunoi.core.access;

import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.store.Database;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The access rules every service applies: roles (who may perform an {@link Operation}) and scopes
 * (the units a user may act on, each with everything under it on the date of the data, decided in
 * SQL by joining the closure of the hierarchy, {@code admin_unit_closure}). The system and users of the whole country are unrestricted.
 * Checks made inside a service's transaction run in it.
 */
public final class Access {

    private final Database db;

    public Access(Database db) {
        this.db = Objects.requireNonNull(db);
        db.register(AccessMapper.class);
    }

    /** Refuses unless the actor is the system or has a role the operation allows. */
    public static void require(Actor actor, Operation operation) {
        Objects.requireNonNull(actor, "actor");
        if (actor.kind() == Actor.Kind.SYSTEM || operation.allows(actor.role())) {
            return;
        }
        throw AccessDeniedException.of(actor, "the role " + actor.role() + " may not " + operation.description());
    }

    /** Refuses anyone but the system itself (the server's own work, the command line). */
    public static void requireSystem(Actor actor, String what) {
        if (actor.kind() != Actor.Kind.SYSTEM) {
            throw AccessDeniedException.of(actor, "only the system may " + what);
        }
    }

    /** Whether the unit (placed on the map of the date) lies in the actor's scope on that date. */
    public boolean contains(Actor actor, long unitId, LocalDate date) {
        return actor.unrestricted() || !db.read(tx -> tx.mapper(AccessMapper.class)
                .inScope(new Long[]{unitId}, new String[]{date.toString()}, actor.scopeArray())).isEmpty();
    }

    /** Refuses unless the unit lies in the actor's scope on the date; {@code what} says what was asked. */
    public void requireIn(Actor actor, long unitId, LocalDate date, String what) {
        if (!contains(actor, unitId, date)) {
            throw AccessDeniedException.of(actor, what + " is outside your scope on " + date);
        }
    }

    /** Of these (unit, date) keys, those in the actor's scope: one statement for all of them. */
    public Set<UnitAt> inScope(Actor actor, Collection<UnitAt> keys) {
        if (actor.unrestricted() || keys.isEmpty()) {
            return new HashSet<>(keys);
        }
        return answered(keys, (ids, dates) -> db.read(tx -> tx.mapper(AccessMapper.class).inScope(ids, dates, actor.scopeArray())));
    }

    /**
     * Of these (unit, date) keys, whose units all existed on their dates, those outside the actor's
     * scope: one statement however many (the villages of a province on two dates).
     */
    public Set<UnitAt> outside(Actor actor, Collection<UnitAt> keys) {
        if (actor.unrestricted() || keys.isEmpty()) {
            return Set.of();
        }
        return answered(keys, (ids, dates) -> db.read(tx -> tx.mapper(AccessMapper.class).outsideScope(ids, dates, actor.scopeArray())));
    }

    /** The keys whose positions (from 1) a statement answers, asked with the keys' units and dates as arrays. */
    private static Set<UnitAt> answered(Collection<UnitAt> keys, java.util.function.BiFunction<Long[], String[], List<Integer>> statement) {
        List<UnitAt> list = List.copyOf(new LinkedHashSet<>(keys));
        List<Integer> positions = statement.apply(list.stream().map(UnitAt::unitId).toArray(Long[]::new),
                list.stream().map(k -> k.date().toString()).toArray(String[]::new));
        Set<UnitAt> result = new HashSet<>();
        positions.forEach(i -> result.add(list.get(i - 1)));
        return result;
    }

    /**
     * The periods in which each unit lay in the actor's scope, held in memory to check the rows of a
     * bulk import one by one; null for an unrestricted actor.
     */
    public ScopeIntervals intervals(Actor actor) {
        if (actor.unrestricted()) {
            return null;
        }
        return new ScopeIntervals(db.readAll(tx -> tx.mapper(AccessMapper.class).scopeIntervals(actor.scopeArray())));
    }

    /** Units and the periods [from, to) in which they lay in a scope. */
    public static final class ScopeIntervals {
        private final Map<Long, List<LocalDate[]>> byUnit = new HashMap<>();

        ScopeIntervals(List<AccessRows.IntervalRow> rows) {
            rows.forEach(r -> byUnit.computeIfAbsent(r.unitId, k -> new java.util.ArrayList<>()).add(new LocalDate[]{r.validFrom, r.validTo}));
        }

        public boolean contains(long unitId, LocalDate date) {
            for (LocalDate[] i : byUnit.getOrDefault(unitId, List.of())) {
                if (!date.isBefore(i[0]) && (i[1] == null || date.isBefore(i[1]))) {
                    return true;
                }
            }
            return false;
        }
    }
}
