package dev.heapdiff.internal;

import java.util.function.IntPredicate;

/** Operations on bit sets stored as {@code long[]}, one bit per object index. */
public final class Bits {
  private Bits() {}

  public static long[] empty(int n) {
    return new long[(n + 63) >>> 6];
  }

  public static boolean get(long[] bits, int i) {
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  public static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  public static int count(long[] bits) {
    int count = 0;
    for (long word : bits) {
      count += Long.bitCount(word);
    }
    return count;
  }

  /** Returns the next set bit at or after {@code from}, or -1. */
  public static int next(long[] bits, int from) {
    int word = from >>> 6;
    if (word >= bits.length) {
      return -1;
    }
    long w = bits[word] & (-1L << from);
    while (true) {
      if (w != 0) {
        return (word << 6) + Long.numberOfTrailingZeros(w);
      }
      if (++word == bits.length) {
        return -1;
      }
      w = bits[word];
    }
  }

  public static long[] and(long[] a, long[] b) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] & b[i];
    }
    return out;
  }

  public static long[] or(long[] a, long[] b) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] | b[i];
    }
    return out;
  }

  public static long[] xor(long[] a, long[] b) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] ^ b[i];
    }
    return out;
  }

  public static long[] andNot(long[] a, long[] b) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] & ~b[i];
    }
    return out;
  }

  /** Returns the members of {@code bits} that satisfy {@code keep}. */
  public static long[] filter(long[] bits, IntPredicate keep) {
    long[] out = new long[bits.length];
    for (int i = next(bits, 0); i >= 0; i = next(bits, i + 1)) {
      if (keep.test(i)) {
        out[i >>> 6] |= 1L << i;
      }
    }
    return out;
  }

  /** Returns, for each word of {@code bits}, the number of set bits in the words before it. */
  public static int[] wordRanks(long[] bits) {
    int[] ranks = new int[bits.length];
    int total = 0;
    for (int w = 0; w < bits.length; w++) {
      ranks[w] = total;
      total += Long.bitCount(bits[w]);
    }
    return ranks;
  }

  /** Returns the number of set bits before {@code i}: a dense number for member {@code i}. */
  public static int rank(long[] bits, int[] wordRanks, int i) {
    return wordRanks[i >>> 6] + Long.bitCount(bits[i >>> 6] & ((1L << i) - 1));
  }
}
