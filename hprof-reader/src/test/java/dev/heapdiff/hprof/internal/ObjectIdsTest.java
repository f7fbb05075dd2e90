package dev.heapdiff.hprof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id index, with ranks stored as runs (dumps in address-ordered runs) and as an array (shuffled ids). */
class ObjectIdsTest {
  @Test
  void idsInAFewAddressOrderedRunsAreFoundThroughTheirRuns() {
    // Three runs, as a dump of three heap spaces lists them: each run ascending, runs interleaved in range.
    int n = 30_000;
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      int run = i / 10_000;
      int within = i % 10_000;
      ids[i] = 0x7_0000_0000L + run * 0x10_0000L + within * 24L + (run == 1 ? -0x8_0000L : 0);
    }
    assertFindsEveryId(new ObjectIds(ids), ids);
  }

  @Test
  void shuffledIdsAreFoundThroughTheRankArray() {
    int n = 20_000;
    long[] ids = new long[n];
    Random random = new Random(42);
    for (int i = 0; i < n; i++) {
      ids[i] = 0x1000L + i * 16L;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    assertFindsEveryId(new ObjectIds(ids), ids);
  }

  private static void assertFindsEveryId(ObjectIds index, long[] ids) {
    for (int i = 0; i < ids.length; i++) {
      assertThat(index.indexOf(ids[i])).isEqualTo(i);
      assertThat(index.indexOf(ids[i] + 8)).isEqualTo(-1);
    }
    for (int r = 1; r < ids.length; r++) {
      assertThat(index.idAtRank(r)).isGreaterThan(index.idAtRank(r - 1));
      assertThat(ids[index.indexAtRank(r)]).isEqualTo(index.idAtRank(r));
    }
    assertThat(index.indexOf(1)).isEqualTo(-1);
    assertThat(index.duplicateRank()).isEqualTo(-1);
  }
}
