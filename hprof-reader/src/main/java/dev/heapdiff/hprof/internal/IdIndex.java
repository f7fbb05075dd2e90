package dev.heapdiff.hprof.internal;

/**
 * Finds an object's index from its id: ids are sorted, and a bucket table over the id range
 * narrows each lookup to a few neighbouring entries (about one bucket per object).
 */
public final class IdIndex {
  private final long[] ids;
  private final long min;
  private final int shift;
  private final int[] bucketStart;

  public IdIndex(long[] sortedIds) {
    this.ids = sortedIds;
    int n = sortedIds.length;
    if (n == 0) {
      min = 0;
      shift = 0;
      bucketStart = new int[] {0, 0};
      return;
    }
    min = sortedIds[0];
    // Unsigned: 8-byte ids may span more than half of the 64-bit range.
    long range = sortedIds[n - 1] - min;
    int s = 0;
    while (Long.compareUnsigned(range >>> s, Math.max(n, 1024)) >= 0) {
      s++;
    }
    shift = s;
    int buckets = (int) ((range >>> s) + 1);
    bucketStart = new int[buckets + 1];
    int b = 0;
    for (int i = 0; i < n; i++) {
      int bucket = (int) ((sortedIds[i] - min) >>> s);
      while (b <= bucket) {
        bucketStart[b++] = i;
      }
    }
    while (b <= buckets) {
      bucketStart[b++] = n;
    }
  }

  /** Returns the index of {@code id}, or -1 if no object has it. */
  public int indexOf(long id) {
    if (ids.length == 0) {
      return -1;
    }
    long bucket = (id - min) >>> shift;
    if (Long.compareUnsigned(bucket, bucketStart.length - 1) >= 0) {
      return -1;
    }
    int lo = bucketStart[(int) bucket];
    int hi = bucketStart[(int) bucket + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = ids[mid];
      if (v < id) {
        lo = mid + 1;
      } else if (v > id) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }
}
