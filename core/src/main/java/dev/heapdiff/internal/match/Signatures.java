package dev.heapdiff.internal.match;

import java.util.Arrays;

/**
 * Colour refinement over both dumps at once. An unmatched object's colour starts as its (paired)
 * class and its own contents; each round mixes in the colours of its referents, slot by slot, and
 * the matched referrers that hold it with their slots. A matched object's colour is its pair. After
 * the rounds, colours that exactly one unmatched object has on each side pair those two objects.
 */
final class Signatures {
  private static final long NULL = 0x6A09E667F3BCC909L;
  private static final long UNPAIRED_A = 1L << 40;
  private static final long UNPAIRED_B = 1L << 41;

  private Signatures() {}

  /** Returns the colours of the objects of {@code a} and of {@code b} after {@code rounds} rounds. */
  static long[][] colours(MatchSide a, MatchSide b, ClassPairing classes, int rounds) {
    long[] ca = initial(a, classes.aToB, UNPAIRED_A, true);
    long[] cb = initial(b, classes.bToA, UNPAIRED_B, false);
    for (int r = 0; r < rounds; r++) {
      ca = refine(a, ca, true);
      cb = refine(b, cb, false);
    }
    return new long[][] {ca, cb};
  }

  /**
   * Returns pairs {@code (a index, b index)} flattened, of unmatched objects whose colours ({@link
   * #colours}) are unique and equal.
   */
  static int[] uniquePairs(MatchSide a, MatchSide b, long[] ca, long[] cb) {
    long[] unique = intersect(uniqueColours(a, ca), uniqueColours(b, cb));
    int[] atA = new int[unique.length];
    int[] atB = new int[unique.length];
    Arrays.fill(atA, -1);
    Arrays.fill(atB, -1);
    place(a, ca, unique, atA);
    place(b, cb, unique, atB);
    MatchSide.IntList out = new MatchSide.IntList(16);
    for (int u = 0; u < unique.length; u++) {
      if (atA[u] >= 0 && atB[u] >= 0) {
        out.add(atA[u]);
        out.add(atB[u]);
      }
    }
    return out.toArray();
  }

  private static long pairColour(MatchSide side, int i, boolean isA) {
    return MatchSide.mix(0x3C6EF372FE94F82BL + (isA ? side.partner[i] : i));
  }

  private static long[] initial(MatchSide side, int[] classMap, long unpaired, boolean isA) {
    long[] colour = new long[side.count];
    for (int i = MatchSide.next(side, 0); i >= 0; i = MatchSide.next(side, i + 1)) {
      if (side.partner[i] >= 0) {
        colour[i] = pairColour(side, i, isA);
      } else {
        int c = side.graph.classIndexOf(i);
        long key = isA ? (classMap[c] >= 0 ? classMap[c] : unpaired + c) : (classMap[c] >= 0 ? c : unpaired + c);
        colour[i] = MatchSide.mix(MatchSide.mix(key + side.kinds[i]) ^ side.content[i]);
      }
    }
    return colour;
  }

  private static long[] refine(MatchSide side, long[] colour, boolean isA) {
    long[] next = new long[side.count];
    for (int i = MatchSide.next(side, 0); i >= 0; i = MatchSide.next(side, i + 1)) {
      if (side.partner[i] >= 0) {
        next[i] = colour[i];
        continue;
      }
      long h = colour[i];
      for (int s = side.slotStart[i]; s < side.slotStart[i + 1]; s++) {
        int t = side.slots[s];
        h = MatchSide.mix(h * 31 + (t < 0 ? NULL : colour[t]));
      }
      long context = 0;
      for (int e = side.inStart[i]; e < side.inStart[i + 1]; e++) {
        int p = side.inFrom[e];
        if (side.partner[p] >= 0) {
          context += MatchSide.mix(pairColour(side, p, isA) * 1_000_003 + side.inSlot[e]);
        }
      }
      next[i] = MatchSide.mix(h ^ MatchSide.mix(context + 0x1F83D9ABFB41BD6BL));
    }
    return next;
  }

  /** The colours, ascending, that exactly one unmatched live object of {@code side} has. */
  private static long[] uniqueColours(MatchSide side, long[] colour) {
    long[] all = new long[side.count];
    int n = 0;
    for (int i = MatchSide.next(side, 0); i >= 0; i = MatchSide.next(side, i + 1)) {
      if (side.partner[i] < 0) {
        all[n++] = colour[i];
      }
    }
    Arrays.sort(all, 0, n);
    int u = 0;
    for (int k = 0; k < n; ) {
      int j = k + 1;
      while (j < n && all[j] == all[k]) {
        j++;
      }
      if (j == k + 1) {
        all[u++] = all[k];
      }
      k = j;
    }
    return Arrays.copyOf(all, u);
  }

  private static long[] intersect(long[] x, long[] y) {
    long[] out = new long[Math.min(x.length, y.length)];
    int n = 0;
    for (int i = 0, j = 0; i < x.length && j < y.length; ) {
      if (x[i] < y[j]) {
        i++;
      } else if (x[i] > y[j]) {
        j++;
      } else {
        out[n++] = x[i];
        i++;
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static void place(MatchSide side, long[] colour, long[] unique, int[] at) {
    for (int i = MatchSide.next(side, 0); i >= 0; i = MatchSide.next(side, i + 1)) {
      if (side.partner[i] < 0) {
        int u = Arrays.binarySearch(unique, colour[i]);
        if (u >= 0) {
          at[u] = i;
        }
      }
    }
  }
}
