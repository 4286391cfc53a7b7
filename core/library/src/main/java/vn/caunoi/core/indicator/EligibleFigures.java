package vn.caunoi.core.indicator;

import vn.caunoi.spi.Eligibility;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Eligible populations computed, kept under the stamp of the data they come from (migration V15):
 * an area's figures are the same for every request until population figures or the map change, and
 * computing them (the share-out over the leaves through mergers) is most of a dashboard request.
 *
 * <p>The stamp must be read before anything the computation uses (the area's units above all):
 * what is kept under a stamp is then at least as new as the stamp, and a request that sees a newer
 * stamp never finds it. Figures computed by a transaction that has written are not kept: they may
 * hold what it has not committed. Kept figures are bounded by their units (a province is a few
 * thousand), the least recently used go first, and all of them go when a newer stamp is seen.
 */
final class EligibleFigures {

    /** Units held in all (the figures of about 40 provinces' areas), so a few MB at most. */
    static final int MAX_UNITS = 100_000;

    /** An area (its root on the map of a date), the year asked and the service's eligible people, at a stamp of the data. */
    record Key(long stamp, long rootId, LocalDate date, int year, Eligibility eligibility) {
    }

    private final LinkedHashMap<Key, Rollup.Figures> kept = new LinkedHashMap<>(64, 0.75f, true);
    private long units;
    private long newestStamp = Long.MIN_VALUE;

    synchronized Rollup.Figures get(Key key) {
        return kept.get(key);
    }

    /**
     * The figures of {@code key}, computed by {@code compute} when not kept; kept when
     * {@code keepable} says the computing transaction has written nothing.
     */
    Rollup.Figures get(Key key, Supplier<Rollup.Figures> compute, Supplier<Boolean> keepable) {
        Rollup.Figures figures = get(key);
        if (figures != null) {
            return figures;
        }
        Rollup.Figures fresh = compute.get();
        figures = new Rollup.Figures(Collections.unmodifiableMap(new HashMap<>(fresh.value())),
                Collections.unmodifiableMap(new HashMap<>(fresh.year())));
        if (keepable.get()) {
            keep(key, figures);
        }
        return figures;
    }

    private synchronized void keep(Key key, Rollup.Figures figures) {
        if (key.stamp() < newestStamp) {
            return; // computed from data older than what others have seen: of no use to them
        }
        if (key.stamp() > newestStamp) {
            kept.clear();
            units = 0;
            newestStamp = key.stamp();
        }
        Rollup.Figures before = kept.put(key, figures);
        units += figures.value().size() - (before == null ? 0 : before.value().size());
        for (Iterator<Map.Entry<Key, Rollup.Figures>> eldest = kept.entrySet().iterator(); units > MAX_UNITS && eldest.hasNext(); ) {
            Map.Entry<Key, Rollup.Figures> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            units -= e.getValue().value().size();
            eldest.remove();
        }
    }

    /** Units held, for tests. */
    synchronized long units() {
        return units;
    }
}
