package dev.heapdiff.hprof.internal;

/**
 * A set of unsigned 32-bit keys as a bitmap over 0..span, each 64-bit word followed by the number
 * of keys below it, so that the rank of a key is read from one cache line. Object ids are addresses
 * of objects that mostly sit next to each other: with a few key slots per object, this takes less
 * memory than the sorted keys and finds a key without a search. Each word also carries a 32-bit tag
 * for the caller (the rank run its first key falls in).
 */
final class KeyBitmap {
  /** A select hint every 2^12 ranks. */
  private static final int HINT_BITS = 12;

  /** words[2w]: keys 64w..64w+63; words[2w+1]: keys below 64w (high half), the word's tag (low half). */
  private final long[] words;
  /** The word holding the key of rank h << HINT_BITS, for each h. */
  private final int[] selectHint;
  /** The object index of a key that was already set (file order), or -1. */
  private final int duplicate;

  /**
   * Sets the keys of objects 0..n-1 (unsigned, at most {@code span}). Stops at the first key that is
   * already set, which {@link #duplicate()} then names.
   */
  KeyBitmap(int[] keys, long span) {
    int wordCount = (int) ((span >>> 6) + 1);
    words = new long[2 * wordCount];
    int repeated = -1;
    for (int i = 0; i < keys.length; i++) {
      long key = keys[i] & 0xFFFF_FFFFL;
      int at = (int) (key >>> 6) << 1;
      long bit = 1L << key;
      if ((words[at] & bit) != 0) {
        repeated = i;
        break;
      }
      words[at] |= bit;
    }
    duplicate = repeated;
    selectHint = new int[(keys.length >>> HINT_BITS) + 1];
    long below = 0;
    int hint = 0;
    for (int w = 0; w < wordCount; w++) {
      words[2 * w + 1] = below << 32;
      below += Long.bitCount(words[2 * w]);
      while (hint < selectHint.length && (long) hint << HINT_BITS < below) {
        selectHint[hint++] = w;
      }
    }
  }

  /** Returns the object index at which a key repeats an earlier one, or -1. */
  int duplicate() {
    return duplicate;
  }

  /** Returns the rank of {@code key} (unsigned, at most span) among the keys, or -1 if it is not set. */
  int rank(long key) {
    int at = (int) (key >>> 6) << 1;
    long bits = words[at];
    long bit = 1L << key;
    if ((bits & bit) == 0) {
      return -1;
    }
    return (int) (words[at + 1] >>> 32) + Long.bitCount(bits & (bit - 1));
  }

  /** Returns the key with rank {@code rank}. */
  long keyAt(int rank) {
    int h = rank >>> HINT_BITS;
    int lo = selectHint[h];
    int hi = h + 1 < selectHint.length ? selectHint[h + 1] : words.length / 2 - 1;
    // The last word whose count of keys below it is at most rank holds the key.
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (below(mid) <= rank) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    long bits = words[2 * lo];
    for (int skip = rank - below(lo); skip > 0; skip--) {
      bits &= bits - 1;
    }
    return ((long) lo << 6) + Long.numberOfTrailingZeros(bits);
  }

  private int below(int word) {
    return (int) (words[2 * word + 1] >>> 32);
  }

  int wordCount() {
    return words.length / 2;
  }

  /** Returns the rank of the first key at or after word {@code w}'s first slot. */
  int rankAtWord(int w) {
    return below(w);
  }

  int tag(long key) {
    return (int) words[((int) (key >>> 6) << 1) + 1];
  }

  void setTag(int word, int tag) {
    int at = 2 * word + 1;
    words[at] = (words[at] & 0xFFFF_FFFF_0000_0000L) | (tag & 0xFFFF_FFFFL);
  }
}
