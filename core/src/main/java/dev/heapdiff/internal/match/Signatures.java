package dev.heapdiff.internal.match;

import java.util.Arrays;
import java.util.concurrent.FutureTask;

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

  /** Returns pairs {@code (a index, b index)} flattened, of objects whose final colours are unique and equal. */
  static int[] uniquePairs(MatchSide a, MatchSide b, ClassPairing classes, int rounds) {
    // The two sides' colours are independent: the second on another core meanwhile.
    FutureTask<Colours> other = Matching.inBackground("heapdiff-colours",
        () -> new Colours(b, classes.bToA, UNPAIRED_B, false).refine(rounds));
    Colours ca = new Colours(a, classes.aToB, UNPAIRED_A, true).refine(rounds);
    Colours cb = Matching.join(other);
    ca.release();
    cb.release();
    // Colours that one member of each side has: one table over both sides, in time linear in the members.
    ColourTable table = new ColourTable(ca.members.length + cb.members.length);
    for (int m = 0; m < ca.members.length; m++) {
      table.add(ca.colour[m], ca.members[m], true);
    }
    for (int m = 0; m < cb.members.length; m++) {
      table.add(cb.colour[m], cb.members[m], false);
    }
    return table.uniquePairs();
  }

  /**
   * Returns, for the unmatched live objects of {@code a} and of {@code b}, the colour they start
   * with (paired class, kind and contents), by object index; the entries of other objects are left
   * over from earlier calls and mean nothing. For the address order's ties.
   */
  static long[][] plainColours(MatchSide a, MatchSide b, ClassPairing classes) {
    FutureTask<long[]> other = Matching.inBackground("heapdiff-colours", () -> {
      Colours cb = new Colours(b, classes.bToA, UNPAIRED_B, false);
      cb.release();
      return cb.byObject();
    });
    Colours ca = new Colours(a, classes.aToB, UNPAIRED_A, true);
    ca.release();
    return new long[][] {ca.byObject(), Matching.join(other)};
  }

  /** The colours of one side's unmatched live objects (its members); matched objects are coloured by their pair. */
  private static final class Colours {
    private final MatchSide side;
    private final boolean isA;
    private final int[] members;
    /** The place of each object among the members, or -1 (the side's, until {@link #release}). */
    private final int[] at;
    private long[] colour;

    Colours(MatchSide side, int[] classMap, long unpaired, boolean isA) {
      this.side = side;
      this.isA = isA;
      MatchSide.IntList list = new MatchSide.IntList(1024);
      for (int i = MatchSide.next(side, 0); i >= 0; i = MatchSide.next(side, i + 1)) {
        if (side.partner[i] < 0) {
          list.add(i);
        }
      }
      members = list.toArray();
      at = side.colourPlaces();
      colour = new long[members.length];
      for (int m = 0; m < members.length; m++) {
        int i = members[m];
        at[i] = m;
        int c = side.graph.classIndexOf(i);
        long key = isA ? (classMap[c] >= 0 ? classMap[c] : unpaired + c) : (classMap[c] >= 0 ? c : unpaired + c);
        colour[m] = MatchSide.mix(MatchSide.mix(key + side.kinds[i]) ^ side.content[i]);
      }
    }

    /** Gives back the side's places for the next colouring: every entry -1 again. */
    void release() {
      for (int i : members) {
        at[i] = -1;
      }
    }

    /** The colours by object index, in the side's scratch array: only the members' entries mean anything. */
    long[] byObject() {
      long[] out = side.colourScratch();
      for (int m = 0; m < members.length; m++) {
        out[members[m]] = colour[m];
      }
      return out;
    }

    private long colourOf(int t) {
      if (t < 0) {
        return NULL;
      }
      int m = at[t];
      return m >= 0 ? colour[m] : pairColour(side, t, isA);
    }

    Colours refine(int rounds) {
      for (int r = 0; r < rounds; r++) {
        refine();
      }
      return this;
    }

    private void refine() {
      long[] next = new long[members.length];
      for (int m = 0; m < members.length; m++) {
        int i = members[m];
        long h = colour[m];
        for (int s = side.slotStart[i]; s < side.slotStart[i + 1]; s++) {
          h = MatchSide.mix(h * 31 + colourOf(side.slots[s]));
        }
        long context = 0;
        for (int e = side.inStart[i]; e < side.inStart[i + 1]; e++) {
          int p = side.inFrom[e];
          if (side.partner[p] >= 0) {
            context += MatchSide.mix(pairColour(side, p, isA) * 1_000_003 + side.inSlot[e]);
          }
        }
        next[m] = MatchSide.mix(h ^ MatchSide.mix(context + 0x1F83D9ABFB41BD6BL));
      }
      colour = next;
    }
  }

  private static long pairColour(MatchSide side, int i, boolean isA) {
    return MatchSide.mix(0x3C6EF372FE94F82BL + (isA ? side.partner[i] : i));
  }

  /** Open addressing from a colour to the one member of each side that has it (-1 none, -2 several). */
  private static final class ColourTable {
    private final long[] colours;
    private final int[] inA;
    private final int[] inB;
    private final boolean[] used;
    private final int mask;

    ColourTable(int members) {
      int size = Integer.highestOneBit(Math.max(16, members * 2 - 1)) << 1;
      colours = new long[size];
      inA = new int[size];
      inB = new int[size];
      used = new boolean[size];
      mask = size - 1;
    }

    void add(long colour, int member, boolean sideA) {
      int at = (int) MatchSide.mix(colour) & mask;
      while (used[at] && colours[at] != colour) {
        at = (at + 1) & mask;
      }
      if (!used[at]) {
        used[at] = true;
        colours[at] = colour;
        inA[at] = -1;
        inB[at] = -1;
      }
      int[] side = sideA ? inA : inB;
      side[at] = side[at] == -1 ? member : -2;
    }

    /** Pairs {@code (a, b)} flattened, of the colours that exactly one member of each side has, by {@code a}. */
    int[] uniquePairs() {
      MatchSide.LongList found = new MatchSide.LongList();
      for (int at = 0; at < colours.length; at++) {
        if (used[at] && inA[at] >= 0 && inB[at] >= 0) {
          found.add((long) inA[at] << 32 | inB[at]);
        }
      }
      // In the order of the objects of a: the pairs are then made with neighbouring reads, not at random.
      long[] sorted = found.toArray();
      Arrays.sort(sorted);
      int[] out = new int[2 * sorted.length];
      for (int k = 0; k < sorted.length; k++) {
        out[2 * k] = (int) (sorted[k] >>> 32);
        out[2 * k + 1] = (int) sorted[k];
      }
      return out;
    }
  }
}
