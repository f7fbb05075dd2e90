package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RankSet} against a {@link TreeSet} of the same ranks, over random adds, removes and searches. */
class RankSetTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 63, 64, 65, 4_096, 4_097, 300_000})
  void nearestMembersAgreeWithATreeSet(int n) {
    Random random = new Random(n);
    RankSet set = new RankSet(n);
    TreeSet<Integer> truth = new TreeSet<>();
    // Sparse first (searches climb several levels), then dense.
    for (int round = 0; round < 2; round++) {
      int ops = round == 0 ? Math.max(4, n / 1000) : n;
      for (int k = 0; k < ops; k++) {
        int r = random.nextInt(n);
        if (random.nextInt(4) == 0) {
          set.remove(r);
          truth.remove(r);
        } else {
          set.add(r);
          truth.add(r);
        }
      }
      for (int k = 0; k < 2_000; k++) {
        int r = k < 4 ? new int[] {0, n - 1, n / 2, 1 % n}[k] : random.nextInt(n);
        assertThat(set.contains(r)).isEqualTo(truth.contains(r));
        Integer lower = truth.lower(r);
        Integer higher = truth.higher(r);
        assertThat(set.below(r)).as("below %d of %d", r, n).isEqualTo(lower == null ? -1 : lower);
        assertThat(set.above(r)).as("above %d of %d", r, n).isEqualTo(higher == null ? -1 : higher);
      }
    }
    // Filled from scratch, level by level, it answers the same.
    RankSet bulk = new RankSet(n);
    for (int r : truth) {
      bulk.addUnsummarized(r);
    }
    bulk.summarize();
    for (int k = 0; k < 2_000; k++) {
      int r = random.nextInt(n);
      assertThat(bulk.below(r)).isEqualTo(set.below(r));
      assertThat(bulk.above(r)).isEqualTo(set.above(r));
    }
    set.clear();
    assertThat(set.below(n - 1)).isEqualTo(-1);
    assertThat(set.above(0)).isEqualTo(-1);
  }
}
