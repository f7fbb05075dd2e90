package dev.heapdiff.hprof.internal;

/**
 * File offsets of the objects, which increase with the object index (objects are numbered in file
 * order): stored as their low 32 bits plus the few indexes at which the high bits change, 4 bytes
 * per object.
 */
public final class Positions {
  private final int[] low;
  /** highStart[h] = first index whose offset is at least h * 2^32. */
  private final int[] highStart;

  /** Takes increasing offsets. */
  public Positions(long[] offsets) {
    int n = offsets.length;
    low = new int[n];
    int highs = n == 0 ? 1 : (int) (offsets[n - 1] >>> 32) + 1;
    highStart = new int[highs + 1];
    int h = 0;
    for (int i = 0; i < n; i++) {
      low[i] = (int) offsets[i];
      while (h <= (int) (offsets[i] >>> 32)) {
        highStart[h++] = i;
      }
    }
    while (h <= highs) {
      highStart[h++] = n;
    }
  }

  /**
   * Takes the low 32 bits of increasing offsets and the indexes at which their high bits change:
   * from {@code changeIndex[k]} on, the high bits are {@code changeHigh[k]} (both increasing).
   */
  public Positions(int[] low, int[] changeIndex, int[] changeHigh) {
    this.low = low;
    int n = low.length;
    int highs = changeHigh.length == 0 ? 1 : changeHigh[changeHigh.length - 1] + 1;
    highStart = new int[highs + 1];
    int h = 1;
    for (int k = 0; k < changeIndex.length; k++) {
      while (h <= changeHigh[k]) {
        highStart[h++] = changeIndex[k];
      }
    }
    while (h <= highs) {
      highStart[h++] = n;
    }
  }

  public long get(int i) {
    int high = highStart.length - 2;
    while (high > 0 && highStart[high] > i) {
      high--;
    }
    return ((long) high << 32) | (low[i] & 0xFFFF_FFFFL);
  }

  public int size() {
    return low.length;
  }
}
