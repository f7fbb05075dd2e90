package dev.heapdiff.hprof.internal;

/** Sorting of object ids with the permutation that sorts them. */
final class IdSort {
  private IdSort() {}

  /**
   * Sorts {@code ids} in place and returns {@code perm} with {@code perm[k]} = the original index of
   * the id now at k, or {@code null} if the ids were sorted already.
   */
  static int[] sort(long[] ids) {
    int n = ids.length;
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = ids[i - 1] < ids[i];
    }
    if (sorted) {
      return null;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long id : ids) {
      min = Math.min(min, id);
      max = Math.max(max, id);
    }
    int bits = 64 - Long.numberOfLeadingZeros(max - min);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ids[i] - min;
    }
    long[] keyTmp = new long[n];
    int[] permTmp = new int[n];
    final int digit = 11;
    final int radix = 1 << digit;
    int[] counts = new int[radix + 1];
    for (int shift = 0; shift < bits; shift += digit) {
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) ((keys[i] >>> shift) & (radix - 1)) + 1]++;
      }
      for (int d = 0; d < radix; d++) {
        counts[d + 1] += counts[d];
      }
      for (int i = 0; i < n; i++) {
        int d = (int) ((keys[i] >>> shift) & (radix - 1));
        int to = counts[d]++;
        keyTmp[to] = keys[i];
        permTmp[to] = perm[i];
      }
      long[] k = keys;
      keys = keyTmp;
      keyTmp = k;
      int[] p = perm;
      perm = permTmp;
      permTmp = p;
    }
    for (int i = 0; i < n; i++) {
      ids[i] = keys[i] + min;
    }
    return perm;
  }
}
