package dev.heapdiff.internal.match;

import java.util.Arrays;

/**
 * A set of ranks {@code 0 .. n-1} that finds the nearest member below or above a rank in a few word
 * operations: one bit per rank, and above it levels of one bit per non-empty word of the level
 * below, up to a level of one word. Adding, removing and both searches take time proportional to
 * the number of levels (four for 16 million ranks); filling it from scratch is linear.
 */
final class RankSet {
  /** {@code levels[0]} has a bit per rank; {@code levels[k + 1]} a bit per non-empty word of {@code levels[k]}. */
  private final long[][] levels;

  RankSet(int n) {
    int depth = 1;
    for (long words = words(n); words > 1; words = words(words)) {
      depth++;
    }
    levels = new long[depth][];
    long bits = n;
    for (int k = 0; k < depth; k++) {
      levels[k] = new long[(int) words(bits)];
      bits = levels[k].length;
    }
  }

  private static long words(long bits) {
    return Math.max(1, (bits + 63) >>> 6);
  }

  /** Empties the set. */
  void clear() {
    for (long[] level : levels) {
      Arrays.fill(level, 0);
    }
  }

  /** Adds rank {@code r} to the bits of the lowest level only; {@link #summarize} makes the levels above. */
  void addUnsummarized(int r) {
    levels[0][r >>> 6] |= 1L << r;
  }

  /** Makes the levels above the lowest agree with it after {@link #addUnsummarized}. */
  void summarize() {
    for (int k = 1; k < levels.length; k++) {
      long[] below = levels[k - 1];
      long[] level = levels[k];
      Arrays.fill(level, 0);
      for (int w = 0; w < below.length; w++) {
        if (below[w] != 0) {
          level[w >>> 6] |= 1L << w;
        }
      }
    }
  }

  void add(int r) {
    for (int k = 0, i = r; k < levels.length; k++, i >>>= 6) {
      long before = levels[k][i >>> 6];
      levels[k][i >>> 6] = before | 1L << i;
      if (before != 0) {
        return;
      }
    }
  }

  void remove(int r) {
    for (int k = 0, i = r; k < levels.length; k++, i >>>= 6) {
      long after = levels[k][i >>> 6] & ~(1L << i);
      levels[k][i >>> 6] = after;
      if (after != 0) {
        return;
      }
    }
  }

  boolean contains(int r) {
    return (levels[0][r >>> 6] & 1L << r) != 0;
  }

  /** The greatest member below {@code r}, or -1. */
  int below(int r) {
    int k = 0;
    int i = r;
    // Climb until a word holds a member before position i, then descend to its greatest one.
    while (true) {
      if (i <= 0) {
        return -1;
      }
      int w = (i - 1) >>> 6;
      long bits = levels[k][w] & (-1L >>> (63 - ((i - 1) & 63)));
      if (bits != 0) {
        i = (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
        break;
      }
      if (k + 1 == levels.length) {
        return -1;
      }
      i = w;
      k++;
    }
    for (; k > 0; k--) {
      i = (i << 6) + 63 - Long.numberOfLeadingZeros(levels[k - 1][i]);
    }
    return i;
  }

  /** The least member above {@code r}, or -1. */
  int above(int r) {
    int k = 0;
    long i = (long) r + 1;
    while (true) {
      int w = (int) (i >>> 6);
      if (w >= levels[k].length) {
        return -1;
      }
      long bits = levels[k][w] & (-1L << (i & 63));
      if (bits != 0) {
        i = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
        break;
      }
      if (k + 1 == levels.length) {
        return -1;
      }
      i = w + 1;
      k++;
    }
    for (; k > 0; k--) {
      i = (i << 6) + Long.numberOfTrailingZeros(levels[k - 1][(int) i]);
    }
    return (int) i;
  }
}
