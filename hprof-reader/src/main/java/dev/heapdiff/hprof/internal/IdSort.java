package dev.heapdiff.hprof.internal;

/**
 * Sorting of object ids with the permutation that sorts them, for dumps whose ids span more than
 * 32-bit offsets (the usual case sorts 32-bit keys into {@link ObjectIds}' buckets).
 */
final class IdSort {
  private IdSort() {}

  /**
   * Sorts {@code ids} in place and returns {@code perm} with {@code perm[k]} = the original index of
   * the id now at k, or {@code null} if the ids were sorted already.
   */
  static int[] sort(long[] ids) {
    int n = ids.length;
    int descents = 0;
    for (int i = 1; i < n; i++) {
      if (ids[i - 1] >= ids[i]) {
        descents++;
      }
    }
    if (descents == 0) {
      return null;
    }
    if (descents < 4096) {
      // HotSpot writes each heap space or region in address order: merge those runs.
      return mergeRuns(ids, descents + 1);
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

  /** Natural merge sort of {@code runs} ascending runs, returning the permutation. */
  private static int[] mergeRuns(long[] ids, int runs) {
    int n = ids.length;
    int[] bounds = new int[runs + 1];
    int r = 1;
    for (int i = 1; i < n; i++) {
      if (ids[i - 1] >= ids[i]) {
        bounds[r++] = i;
      }
    }
    bounds[runs] = n;
    long[] keys = ids.clone();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    long[] keyTmp = new long[n];
    int[] permTmp = new int[n];
    while (runs > 1) {
      int merged = 0;
      int[] next = new int[(runs + 1) / 2 + 1];
      for (int k = 0; k < runs; k += 2) {
        int lo = bounds[k];
        int mid = bounds[Math.min(k + 1, runs)];
        int hi = bounds[Math.min(k + 2, runs)];
        int a = lo;
        int b = mid;
        int out = lo;
        while (a < mid && b < hi) {
          if (keys[a] <= keys[b]) {
            keyTmp[out] = keys[a];
            permTmp[out++] = perm[a++];
          } else {
            keyTmp[out] = keys[b];
            permTmp[out++] = perm[b++];
          }
        }
        System.arraycopy(keys, a, keyTmp, out, mid - a);
        System.arraycopy(perm, a, permTmp, out, mid - a);
        out += mid - a;
        System.arraycopy(keys, b, keyTmp, out, hi - b);
        System.arraycopy(perm, b, permTmp, out, hi - b);
        next[merged++] = lo;
      }
      next[merged] = n;
      bounds = next;
      runs = merged;
      long[] k = keys;
      keys = keyTmp;
      keyTmp = k;
      int[] p = perm;
      perm = permTmp;
      permTmp = p;
    }
    System.arraycopy(keys, 0, ids, 0, n);
    return perm;
  }
}
