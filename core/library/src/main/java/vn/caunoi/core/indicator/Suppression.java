package vn.caunoi.core.indicator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which figures of a tree of units the public may not see: those computed from fewer than
 * {@code minimum} people, and enough others that none of them can be worked out by subtraction.
 *
 * <p>A parent's figure is the sum of its children's plus what is placed on the parent itself (the
 * <em>remainder</em>, a cell of its own that is never shown). Rules, applied until nothing changes:
 * <ol>
 *   <li>a cell below the minimum is suppressed (primary suppression; 0 counts as below: it says
 *       something about everyone there);</li>
 *   <li>among the cells of one parent (its children and its remainder), if any is suppressed, at
 *       least two are, and together they hold at least the minimum — so that the parent less the
 *       shown cells reveals neither one cell nor a small group; the smallest shown cell is added
 *       first (secondary suppression);</li>
 *   <li>a suppressed parent has at least one suppressed cell, else it is the sum of its children.</li>
 * </ol>
 * The result depends only on the tree and its figures, so every question about the same tree
 * (any unit, any level) suppresses the same cells: answers cannot be combined to undo it.
 */
final class Suppression {

    private Suppression() {
    }

    /**
     * @param root     the top of the tree
     * @param children each unit's children
     * @param value    each unit's figure (units missing count 0)
     * @return the units whose figure must not be shown
     */
    static Set<Long> suppressed(long root, Map<Long, List<Long>> children, Map<Long, Long> value, long minimum) {
        List<Long> units = new ArrayList<>();
        collect(root, children, units);
        Set<Long> hidden = new HashSet<>();
        Set<Long> hiddenRemainders = new HashSet<>();
        for (long u : units) {
            if (v(value, u) < minimum) {
                hidden.add(u);
            }
            long r = remainder(u, children, value);
            if (r != 0 && Math.abs(r) < minimum) {
                hiddenRemainders.add(u);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (long p : units) {
                List<Long> kids = children.getOrDefault(p, List.of());
                if (kids.isEmpty()) {
                    continue;
                }
                long remainder = remainder(p, children, value);
                boolean hasRemainder = remainder != 0;
                // Rule 3: a hidden parent hides at least one of its cells.
                if (hidden.contains(p) && kids.stream().noneMatch(hidden::contains) && !(hasRemainder && hiddenRemainders.contains(p))) {
                    hidden.add(smallest(kids, value, hidden));
                    changed = true;
                }
                // Rule 2: hidden cells of one parent are at least two, and hold at least the minimum.
                while (true) {
                    long count = kids.stream().filter(hidden::contains).count() + (hasRemainder && hiddenRemainders.contains(p) ? 1 : 0);
                    if (count == 0) {
                        break;
                    }
                    long mass = kids.stream().filter(hidden::contains).mapToLong(k -> v(value, k)).sum()
                            + (hasRemainder && hiddenRemainders.contains(p) ? Math.abs(remainder) : 0);
                    if (count >= 2 && mass >= minimum) {
                        break;
                    }
                    List<Long> shown = kids.stream().filter(k -> !hidden.contains(k)).toList();
                    boolean remainderShown = hasRemainder && !hiddenRemainders.contains(p);
                    if (shown.isEmpty() && !remainderShown) {
                        break;
                    }
                    Long next = shown.isEmpty() ? null : smallest(shown, value, hidden);
                    if (remainderShown && (next == null || Math.abs(remainder) < v(value, next))) {
                        hiddenRemainders.add(p);
                    } else {
                        hidden.add(next);
                    }
                    changed = true;
                }
            }
        }
        return hidden;
    }

    private static void collect(long unit, Map<Long, List<Long>> children, List<Long> out) {
        out.add(unit);
        for (long c : children.getOrDefault(unit, List.of())) {
            collect(c, children, out);
        }
    }

    private static long remainder(long unit, Map<Long, List<Long>> children, Map<Long, Long> value) {
        List<Long> kids = children.getOrDefault(unit, List.of());
        return kids.isEmpty() ? 0 : v(value, unit) - kids.stream().mapToLong(k -> v(value, k)).sum();
    }

    private static long smallest(List<Long> units, Map<Long, Long> value, Set<Long> hidden) {
        return units.stream().filter(u -> !hidden.contains(u))
                .min(Comparator.comparingLong((Long u) -> v(value, u)).thenComparingLong(u -> u))
                .orElse(units.get(0));
    }

    private static long v(Map<Long, Long> value, long unit) {
        Long x = value.get(unit);
        return x == null ? 0 : x;
    }
}
