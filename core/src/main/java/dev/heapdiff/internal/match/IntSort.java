package dev.heapdiff.internal.match;

/**
 * Sorts ints by radix, a byte at a time from the lowest: four passes over the values with 256
 * counters each, in place of a comparison sort's {@code log n} passes; several times faster than
 * {@link java.util.Arrays#sort(int[])} on the millions of object indexes of a sweep level. A byte
 * that all the values share is skipped.
 */
final class IntSort {
  private static final int DIGITS = 4;
  private static final int BUCKETS = 256;

  private IntSort() {}

  /**
   * Sorts {@code a[from .. to)} in increasing (signed) order, using {@code scratch} (at least {@code
   * to - from} entries) between passes.
   *
   * @throws IllegalArgumentException if {@code scratch} is too short
   */
  static void sort(int[] a, int from, int to, int[] scratch) {
    int n = to - from;
    if (n < 2) {
      return;
    }
    if (scratch.length < n) {
      throw new IllegalArgumentException("scratch of " + scratch.length + " for " + n + " values");
    }
    int[][] counts = new int[DIGITS][BUCKETS];
    for (int k = from; k < to; k++) {
      int v = a[k] ^ Integer.MIN_VALUE; // unsigned order of this is the signed order of a[k]
      counts[0][v & 0xFF]++;
      counts[1][(v >>> 8) & 0xFF]++;
      counts[2][(v >>> 16) & 0xFF]++;
      counts[3][v >>> 24]++;
    }
    // Values in src[srcFrom ..), moved to dst[dstFrom ..) pass by pass, then back to a if they end in scratch.
    int[] src = a;
    int srcFrom = from;
    int[] dst = scratch;
    int dstFrom = 0;
    int[] next = new int[BUCKETS];
    for (int d = 0; d < DIGITS; d++) {
      int[] count = counts[d];
      int shift = 8 * d;
      if (count[((a[from] ^ Integer.MIN_VALUE) >>> shift) & 0xFF] == n) {
        continue; // every value has this byte: the pass would change nothing
      }
      int at = dstFrom;
      for (int b = 0; b < BUCKETS; b++) {
        next[b] = at;
        at += count[b];
      }
      for (int k = srcFrom, end = srcFrom + n; k < end; k++) {
        int v = src[k];
        dst[next[((v ^ Integer.MIN_VALUE) >>> shift) & 0xFF]++] = v;
      }
      int[] t = src;
      src = dst;
      dst = t;
      int tf = srcFrom;
      srcFrom = dstFrom;
      dstFrom = tf;
    }
    if (src != a) {
      System.arraycopy(src, srcFrom, a, from, n);
    }
  }
}
