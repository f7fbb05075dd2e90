package dev.heapdiff.hprof.internal;

/**
 * The lookup from object id to object index. Objects are numbered in file order; this index holds
 * their ids sorted, with the object index of each. Ids are addresses, aligned and within a heap of
 * at most a few dozen GB, so they are stored as unsigned 32-bit offsets from the smallest id in
 * units of their common alignment (4 bytes per object instead of 8); other dumps keep full longs.
 * When the objects sit close together (at most {@value #DENSE_SLOTS} alignment units of address
 * range per object), the ids are a {@link KeyBitmap} over the range: a lookup reads one cache line
 * and the index takes at most 4 bytes per object. Otherwise the offsets are kept sorted, and a
 * bucket table over the id range (about one bucket per eight objects) narrows each lookup to a few
 * neighbours.
 */
public final class ObjectIds {
  /** The most key slots per object for which the bitmap is used: 16 bits, 2 bytes per object. */
  static final int DENSE_SLOTS = 16;

  private final int size;
  private final long base;
  private final int shift;
  /** The offsets (id - base) >>> shift as a bitmap, or null when the sorted offsets are kept. */
  private final KeyBitmap dense;
  /** Sorted unsigned offsets (id - base) >>> shift, or null when {@link #dense} or {@link #wide} is used. */
  private final int[] compact;
  /** Sorted (id - base) ^ MIN_VALUE, when offsets do not fit 32 bits. */
  private final long[] wide;
  /**
   * Object index of the id at each rank, or null when {@link #segmentRank} describes it: dumps list
   * objects in long address-ordered runs, in which consecutive ranks are consecutive indexes.
   */
  private int[] indexAtRank;
  /** First rank of each run of ranks whose indexes are consecutive, when there are few runs. */
  private int[] segmentRank;
  /** Object index at the first rank of each such run. */
  private int[] segmentIndex;
  /** The run that holds the first rank of each bucket, so lookups need not search the runs. */
  private int[] bucketSegment;
  private final int bucketShift;
  private final int[] bucketStart;
  /** Object indexes of two objects with the same id (earlier, later), or null. */
  private final int[] duplicate;
  /** The largest offset, unsigned. */
  private final long span;
  /** Whether {@link #span} is below 2^63, so offsets compare as signed longs. */
  private final boolean spanIsSigned;

  /**
   * Builds the index from 32-bit keys of objects 0..n-1 in file order: key = (id - base) >>> shift,
   * as unsigned ints no larger than {@code span}.
   */
  public ObjectIds(int[] keys, long base, int shift, long span) {
    this.size = keys.length;
    this.base = base;
    this.shift = shift;
    this.span = span;
    this.spanIsSigned = span >= 0;
    this.wide = null;
    if (span / DENSE_SLOTS <= size) {
      this.dense = new KeyBitmap(keys, span);
      this.compact = null;
      this.bucketShift = 0;
      this.bucketStart = null;
      int later = dense.duplicate();
      if (later >= 0) {
        int earlier = 0;
        while (keys[earlier] != keys[later]) {
          earlier++;
        }
        this.duplicate = new int[] {earlier, later};
        return;
      }
      this.duplicate = null;
      rankRuns(keys);
      return;
    }
    this.dense = null;
    this.bucketShift = bucketShift(span, size);
    this.bucketStart = new int[(int) ((span >>> bucketShift) + 2)];
    this.compact = new int[size];
    this.indexAtRank = new int[size];
    sortIntoBuckets(keys);
    this.duplicate = findDuplicate();
    compressRanks();
  }

  /**
   * For the bitmap: the runs of consecutive ranks at consecutive indexes, found in file order, or the
   * rank-to-index array when there are many (more than one per 32 objects).
   */
  private void rankRuns(int[] keys) {
    LongVec runs = new LongVec(1024);
    int limit = size < 1024 ? 0 : size / 32;
    int previous = -2;
    for (int i = 0; i < size; i++) {
      int rank = dense.rank(keys[i] & 0xFFFF_FFFFL);
      if (rank != previous + 1) {
        if (runs.size() == limit) {
          runs = null;
          break;
        }
        runs.add(((long) rank << 32) | i);
      }
      previous = rank;
    }
    if (runs == null) {
      indexAtRank = new int[size];
      for (int i = 0; i < size; i++) {
        indexAtRank[dense.rank(keys[i] & 0xFFFF_FFFFL)] = i;
      }
      return;
    }
    long[] sorted = runs.toArray();
    java.util.Arrays.sort(sorted);
    segmentRank = new int[sorted.length];
    segmentIndex = new int[sorted.length];
    for (int k = 0; k < sorted.length; k++) {
      segmentRank[k] = (int) (sorted[k] >>> 32);
      segmentIndex[k] = (int) sorted[k];
    }
    // Each word's tag: the run that holds the rank of its first key.
    int segment = 0;
    for (int w = 0; w < dense.wordCount(); w++) {
      int rank = dense.rankAtWord(w);
      while (segment + 1 < segmentRank.length && segmentRank[segment + 1] <= rank) {
        segment++;
      }
      dense.setTag(w, segment);
    }
  }

  /** Builds the index from the ids of objects 0..n-1 (in file order, any order of ids). */
  public static ObjectIds of(long[] ids) {
    int size = ids.length;
    // Ids are unsigned addresses: order and span are unsigned. One pass finds the smallest and
    // largest id and the common alignment (the lowest bit in which any two ids differ).
    long min = -1L;
    long max = 0;
    long differences = 0;
    long first = size == 0 ? 0 : ids[0];
    for (long id : ids) {
      if (Long.compareUnsigned(id, min) < 0) {
        min = id;
      }
      if (Long.compareUnsigned(id, max) > 0) {
        max = id;
      }
      differences |= id ^ first;
    }
    long base = size == 0 ? 0 : min;
    int shift = differences == 0 ? 0 : Math.min(Long.numberOfTrailingZeros(differences), 32);
    long span = size == 0 ? 0 : (max - base) >>> shift;
    if (Long.compareUnsigned(span, 0xFFFF_FFFFL) <= 0) {
      int[] keys = new int[size];
      for (int i = 0; i < size; i++) {
        keys[i] = (int) ((ids[i] - base) >>> shift);
      }
      return new ObjectIds(keys, base, shift, span);
    }
    return new ObjectIds(ids, base, shift, span);
  }

  /** Builds the index from ids whose offsets from {@code base} do not fit 32 bits. */
  private ObjectIds(long[] ids, long base, int shift, long span) {
    this.size = ids.length;
    this.base = base;
    this.shift = shift;
    this.span = span;
    this.spanIsSigned = span >= 0;
    this.dense = null;
    this.compact = null;
    this.bucketShift = bucketShift(span, size);
    this.bucketStart = new int[(int) ((span >>> bucketShift) + 2)];
    // Sorted as signed longs, (id - base) ^ MIN_VALUE is in unsigned (address) order.
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = (ids[i] - base) ^ Long.MIN_VALUE;
    }
    int[] order = IdSort.sort(keys);
    if (order == null) {
      order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
    }
    wide = keys;
    indexAtRank = order;
    int next = 0;
    for (int r = 0; r < size; r++) {
      int bucket = (int) (offsetAtRank(r) >>> bucketShift);
      while (next <= bucket) {
        bucketStart[next++] = r;
      }
    }
    while (next < bucketStart.length) {
      bucketStart[next++] = size;
    }
    duplicate = findDuplicate();
    compressRanks();
  }

  /**
   * Replaces the rank-to-index array by its runs when there are few (fewer than one per 32
   * objects): one cache miss less per lookup and 4 bytes per object less.
   */
  private void compressRanks() {
    int runs = size == 0 ? 0 : 1;
    for (int r = 1; r < size; r++) {
      if (indexAtRank[r] != indexAtRank[r - 1] + 1) {
        runs++;
      }
    }
    if (size < 1024 || runs > size / 32) {
      return;
    }
    int[] ranks = new int[runs];
    int[] indexes = new int[runs];
    int k = 0;
    for (int r = 0; r < size; r++) {
      if (r == 0 || indexAtRank[r] != indexAtRank[r - 1] + 1) {
        ranks[k] = r;
        indexes[k] = indexAtRank[r];
        k++;
      }
    }
    segmentRank = ranks;
    segmentIndex = indexes;
    indexAtRank = null;
    int[] first = new int[bucketStart.length];
    int segment = 0;
    for (int b = 0; b < bucketStart.length; b++) {
      int r = bucketStart[b];
      while (segment + 1 < ranks.length && ranks[segment + 1] <= r) {
        segment++;
      }
      first[b] = segment;
    }
    bucketSegment = first;
  }

  /** About one bucket per eight objects over the id range: half a byte per object. */
  private static int bucketShift(long span, int size) {
    int b = 0;
    while (Long.compareUnsigned(span >>> b, Math.max(size / 8, 1024)) > 0) {
      b++;
    }
    return b;
  }

  private int[] findDuplicate() {
    for (int r = 1; r < size; r++) {
      if (offsetAtRank(r) == offsetAtRank(r - 1)) {
        int a = indexAtRank[r - 1];
        int b = indexAtRank[r];
        return new int[] {Math.min(a, b), Math.max(a, b)};
      }
    }
    return null;
  }

  /**
   * Counting sort into the lookup buckets (which also fills {@link #bucketStart}), then a sort
   * within each bucket. Dumps list objects in long address-ordered runs, so the scatter writes a
   * few sequential streams.
   */
  private void sortIntoBuckets(int[] keys) {
    int[] start = bucketStart;
    for (int key : keys) {
      start[(int) ((key & 0xFFFF_FFFFL) >>> bucketShift) + 1]++;
    }
    for (int k = 1; k < start.length; k++) {
      start[k] += start[k - 1];
    }
    int[] fill = start.clone();
    for (int i = 0; i < size; i++) {
      int key = keys[i];
      int at = fill[(int) ((key & 0xFFFF_FFFFL) >>> bucketShift)]++;
      compact[at] = key;
      indexAtRank[at] = i;
    }
    long[] scratch = null;
    for (int k = 0; k + 1 < start.length; k++) {
      int from = start[k];
      int to = start[k + 1];
      if (to - from < 2) {
        continue;
      }
      if (to - from <= 24) {
        insertionSort(from, to);
      } else {
        if (scratch == null || scratch.length < to - from) {
          scratch = new long[Math.max(to - from, 1024)];
        }
        for (int r = from; r < to; r++) {
          scratch[r - from] = ((compact[r] & 0xFFFF_FFFFL) << 31) | indexAtRank[r];
        }
        java.util.Arrays.sort(scratch, 0, to - from);
        for (int r = from; r < to; r++) {
          long packed = scratch[r - from];
          compact[r] = (int) (packed >>> 31);
          indexAtRank[r] = (int) (packed & 0x7FFF_FFFF);
        }
      }
    }
  }

  private void insertionSort(int from, int to) {
    for (int r = from + 1; r < to; r++) {
      int key = compact[r];
      int index = indexAtRank[r];
      int j = r - 1;
      while (j >= from && Integer.compareUnsigned(compact[j], key) > 0) {
        compact[j + 1] = compact[j];
        indexAtRank[j + 1] = indexAtRank[j];
        j--;
      }
      compact[j + 1] = key;
      indexAtRank[j + 1] = index;
    }
  }

  public int size() {
    return size;
  }

  /**
   * Returns the indexes of two objects with the same id, the earlier in file order first, or null
   * if all ids are distinct (the index is only usable then).
   */
  public int[] duplicate() {
    return duplicate;
  }

  /** Returns the id with rank {@code r} in increasing id order. */
  public long idAtRank(int r) {
    return base + (offsetAtRank(r) << shift);
  }

  /** Returns the object index of the id with rank {@code r}. */
  public int indexAtRank(int r) {
    if (indexAtRank != null) {
      return indexAtRank[r];
    }
    int lo = 0;
    int hi = segmentRank.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (segmentRank[mid] <= r) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return segmentIndex[lo] + (r - segmentRank[lo]);
  }

  /** Writes {@link #indexAtRank} of every rank into {@code out}, in one pass over the runs. */
  public void indexesByRank(int[] out) {
    if (size == 0) {
      return;
    }
    if (indexAtRank != null) {
      System.arraycopy(indexAtRank, 0, out, 0, size);
      return;
    }
    for (int k = 0; k < segmentRank.length; k++) {
      int end = k + 1 < segmentRank.length ? segmentRank[k + 1] : size;
      for (int r = segmentRank[k], i = segmentIndex[k]; r < end; r++, i++) {
        out[r] = i;
      }
    }
  }

  private long offsetAtRank(int r) {
    if (dense != null) {
      return dense.keyAt(r);
    }
    return compact != null ? compact[r] & 0xFFFF_FFFFL : (wide[r] ^ Long.MIN_VALUE) >>> shift;
  }

  /** Returns the rank of {@code id} in increasing id order, or -1 if no object has it. */
  public int rankOf(long id) {
    long delta = id - base;
    if (size == 0 || (delta & ((1L << shift) - 1)) != 0) {
      return -1;
    }
    long offset = delta >>> shift;
    if (spanIsSigned ? offset < 0 || offset > span : Long.compareUnsigned(offset, span) > 0) {
      return -1;
    }
    if (dense != null) {
      return dense.rank(offset);
    }
    int bucket = (int) (offset >>> bucketShift);
    int lo = bucketStart[bucket];
    int hi = bucketStart[bucket + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = offsetAtRank(mid);
      if (v < offset) {
        lo = mid + 1;
      } else if (v > offset) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Returns the index of the object with {@code id}, or -1 if no object has it. */
  public int indexOf(long id) {
    int rank = rankOf(id);
    if (rank < 0) {
      return -1;
    }
    if (indexAtRank != null) {
      return indexAtRank[rank];
    }
    // The rank's bucket (or bitmap word) knows the run its first rank is in: the run of this rank
    // is that or a next one.
    long offset = (id - base) >>> shift;
    int segment = dense != null ? dense.tag(offset) : bucketSegment[(int) (offset >>> bucketShift)];
    while (segment + 1 < segmentRank.length && segmentRank[segment + 1] <= rank) {
      segment++;
    }
    return segmentIndex[segment] + (rank - segmentRank[segment]);
  }

}
