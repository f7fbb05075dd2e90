package dev.heapdiff.hprof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Offsets past 4 GiB, which no test dump is large enough to reach. */
class PositionsTest {
  private static final long[] OFFSETS = {
      31, 4_000_000_000L, (1L << 32) - 1, 1L << 32, (1L << 32) + 5, 3L << 32, (3L << 32) + 9, (7L << 32) + 1};

  @Test
  void offsetsAcrossSeveralFourGigabyteBoundariesComeBackExactly() {
    Positions positions = new Positions(OFFSETS);
    for (int i = 0; i < OFFSETS.length; i++) {
      assertThat(positions.get(i)).as("offset %d", i).isEqualTo(OFFSETS[i]);
    }
  }

  @Test
  void lowBitsWithChangePointsGiveTheSameOffsets() {
    int[] low = new int[OFFSETS.length];
    IntVec indexes = new IntVec(4);
    IntVec highs = new IntVec(4);
    int current = 0;
    for (int i = 0; i < OFFSETS.length; i++) {
      low[i] = (int) OFFSETS[i];
      int high = (int) (OFFSETS[i] >>> 32);
      if (high != current) {
        indexes.add(i);
        highs.add(high);
        current = high;
      }
    }
    Positions positions = new Positions(low, indexes.toArray(), highs.toArray());
    for (int i = 0; i < OFFSETS.length; i++) {
      assertThat(positions.get(i)).as("offset %d", i).isEqualTo(OFFSETS[i]);
    }
  }
}
