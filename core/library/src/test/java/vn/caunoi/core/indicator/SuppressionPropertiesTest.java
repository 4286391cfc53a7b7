package vn.caunoi.core.indicator;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * For any tree of figures (generated, and shrunk on failure): no figure below the minimum is
 * shown, and no hidden figure can be worked out from its parent and the other cells.
 */
class SuppressionPropertiesTest {

    static final long MINIMUM = 10;

    /** A tree read from a list of ints: each unit after the first hangs under an earlier one; values small, to reach the minimum often. */
    record Tree(Map<Long, List<Long>> children, Map<Long, Long> value) {
    }

    static Tree tree(List<Integer> seed) {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> own = new HashMap<>();
        long n = 1 + seed.size() / 2;
        for (long u = 1; u < n; u++) {
            long parent = Math.floorMod(seed.get((int) (2 * (u - 1))), (int) u);
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(u);
        }
        for (long u = 0; u < n; u++) {
            int i = (int) Math.min(seed.size() - 1, 2 * u + 1);
            // Mostly nothing placed on inner units; small counts on leaves (sometimes on inner units too).
            own.put(u, children.containsKey(u) && seed.get(i) % 3 != 0 ? 0L : (long) Math.floorMod(seed.get(i), 25));
        }
        Map<Long, Long> total = new HashMap<>();
        total(0, children, own, total);
        return new Tree(children, total);
    }

    static long total(long u, Map<Long, List<Long>> children, Map<Long, Long> own, Map<Long, Long> total) {
        long t = own.getOrDefault(u, 0L);
        for (long c : children.getOrDefault(u, List.of())) {
            t += total(c, children, own, total);
        }
        total.put(u, t);
        return t;
    }

    static Gen<List<Integer>> seeds() {
        return lists().of(integers().between(0, 1000)).ofSizeBetween(2, 60);
    }

    @Test
    void nothing_below_the_minimum_is_shown_and_nothing_hidden_can_be_worked_out_by_subtraction() {
        qt().withFixedSeed(20251202L).withExamples(400).forAll(seeds()).checkAssert(seed -> {
            Tree t = tree(seed);
            Set<Long> hidden = Suppression.suppressed(0, t.children(), t.value(), MINIMUM);
            t.value().forEach((u, v) -> {
                if (v < MINIMUM) {
                    assertThat(hidden).as("unit %d of %d people in %s", u, v, t).contains(u);
                }
            });
            for (Map.Entry<Long, List<Long>> e : t.children().entrySet()) {
                long parent = e.getKey();
                List<Long> kids = e.getValue();
                long remainder = t.value().get(parent) - kids.stream().mapToLong(t.value()::get).sum();
                List<Long> hiddenKids = kids.stream().filter(hidden::contains).toList();
                if (hidden.contains(parent)) {
                    // The parent is not the sum of shown children.
                    assertThat(hiddenKids.isEmpty() && remainder == 0).as("hidden %d with every child shown in %s", parent, t).isFalse();
                    continue;
                }
                if (hiddenKids.isEmpty()) {
                    continue;
                }
                // The shown parent less the shown children is the sum of the hidden ones (and of the remainder): never one alone, never small.
                long hiddenCells = hiddenKids.size() + (remainder != 0 ? 1 : 0);
                long mass = hiddenKids.stream().mapToLong(t.value()::get).sum() + Math.abs(remainder);
                assertThat(hiddenCells).as("cells hidden under %d in %s", parent, t).isGreaterThanOrEqualTo(2);
                assertThat(mass).as("people hidden under %d in %s", parent, t).isGreaterThanOrEqualTo(MINIMUM);
            }
        });
    }

    @Test
    void a_single_small_village_takes_its_smallest_sibling_with_it() {
        Map<Long, List<Long>> children = Map.of(0L, List.of(1L, 2L, 3L));
        Map<Long, Long> value = Map.of(0L, 65L, 1L, 4L, 2L, 25L, 3L, 36L);
        assertThat(Suppression.suppressed(0, children, value, MINIMUM)).containsExactlyInAnyOrder(1L, 2L);
    }
}
