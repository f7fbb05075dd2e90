package dev.heapdiff.hprof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The id index: as a bitmap (ids close together) and as sorted offsets (ids far apart), with ranks
 * stored as runs (dumps in address-ordered runs) and as an array (shuffled ids).
 */
class ObjectIdsTest {
  @Test
  void idsInAFewAddressOrderedRunsAreFoundThroughTheirRuns() {
    long[] ids = threeRuns(24, 0x10_0000L);
    assertFindsEveryId(ObjectIds.of(ids), ids);
  }

  @Test
  void shuffledIdsAreFoundThroughTheRankArray() {
    long[] ids = shuffled(20_000, 16);
    assertFindsEveryId(ObjectIds.of(ids), ids);
  }

  @Test
  void idsFarApartInRunsAreFoundThroughSortedOffsets() {
    // 1,000 alignment units per object: too sparse for the bitmap.
    long[] ids = threeRuns(8_000, 200_000_000L);
    assertFindsEveryId(ObjectIds.of(ids), ids);
  }

  @Test
  void shuffledIdsFarApartAreFoundThroughTheRankArray() {
    long[] ids = shuffled(20_000, 8_000);
    assertFindsEveryId(ObjectIds.of(ids), ids);
  }

  @Test
  void idsWhoseOffsetsExceed32BitsAreFoundAsLongs() {
    long[] ids = shuffled(10_000, 1L << 36);
    for (int i = 0; i < ids.length; i += 2) {
      ids[i] += 8;
    }
    assertFindsEveryId(ObjectIds.of(ids), ids);
  }

  @Test
  void aRepeatedIdIsReportedWithBothObjectsInBitmapAndSortedOffsets() {
    for (long spacing : new long[] {16, 8_000, 1L << 36}) {
      long[] ids = shuffled(5_000, spacing);
      ids[4_000] = ids[1_234];
      assertThat(ObjectIds.of(ids).duplicate()).as("spacing %d", spacing).containsExactly(1_234, 4_000);
    }
  }

  @Test
  void compactKeysCloseTogetherAreFoundWithoutTheirBase() {
    // The scanner's form: 32-bit keys (id - base) >>> shift, here with two runs and the classes'
    // handful of scattered ids first.
    int n = 50_000;
    int[] keys = new int[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = i < 100 ? 3 * (n - 1 - i * 400) : i < 30_000 ? 3 * i + 2 : 3 * (i - 30_000) + 1;
      ids[i] = 0x1_0000L + ((keys[i] & 0xFFFF_FFFFL) << 3);
    }
    long span = 0;
    for (int key : keys) {
      span = Math.max(span, key);
    }
    ObjectIds index = new ObjectIds(keys, 0x1_0000L, 3, span);
    assertThat(index.duplicate()).isNull();
    for (int i = 0; i < n; i++) {
      assertThat(index.indexOf(ids[i])).isEqualTo(i);
    }
    for (int r = 1; r < n; r++) {
      assertThat(ids[index.indexAtRank(r)]).isEqualTo(index.idAtRank(r));
      assertThat(index.idAtRank(r)).isGreaterThan(index.idAtRank(r - 1));
    }
    assertIndexesByRankAgree(index, n);
  }

  /** The bulk rank-to-index answer is the one-by-one answer, rank by rank. */
  private static void assertIndexesByRankAgree(ObjectIds index, int n) {
    int[] bulk = new int[n];
    index.indexesByRank(bulk);
    for (int r = 0; r < n; r++) {
      assertThat(bulk[r]).as("rank %d", r).isEqualTo(index.indexAtRank(r));
    }
  }

  /**
   * Three runs of 10,000 ids {@code spacing} apart, as a dump of three heap spaces lists them: each
   * run ascending, the second starting half a run stride lower.
   */
  private static long[] threeRuns(long spacing, long runStride) {
    long[] ids = new long[30_000];
    for (int i = 0; i < ids.length; i++) {
      int run = i / 10_000;
      ids[i] = 0x7_0000_0000L + run * runStride + (i % 10_000) * spacing + (run == 1 ? -runStride / 2 : 0);
    }
    return ids;
  }

  private static long[] shuffled(int n, long spacing) {
    long[] ids = new long[n];
    Random random = new Random(42);
    for (int i = 0; i < n; i++) {
      ids[i] = 0x1000L + i * spacing;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return ids;
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
    assertIndexesByRankAgree(index, ids.length);
    assertThat(index.indexOf(1)).isEqualTo(-1);
    assertThat(index.duplicate()).isNull();
  }
}
