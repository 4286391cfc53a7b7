package vn.caunoi.core.adoption;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** The loader's set of a chunk's citizens answers "seen before?" exactly as a {@link HashSet} does, across growth and clearing. */
class LongSetTest {

    @Test
    void add_answers_as_a_hash_set_does_for_any_values_including_zero_and_repeats() {
        qt().withFixedSeed(7L).withExamples(200)
                .forAll(lists().of(longs().between(-40, 40).mix(longs().all(), 50)).ofSizeBetween(0, 3_000), integers().between(0, 3_000))
                .checkAssert((values, clearAt) -> {
                    AdoptionLoader.LongSet set = new AdoptionLoader.LongSet();
                    Set<Long> model = new HashSet<>();
                    for (int i = 0; i < values.size(); i++) {
                        if (i == clearAt) {
                            set.clear();
                            model.clear();
                        }
                        long v = values.get(i);
                        assertThat(set.add(v)).as("add(%d) at %d", v, i).isEqualTo(model.add(v));
                    }
                });
    }
}
