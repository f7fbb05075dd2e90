package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.RootKind;
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

  /** Whether a root of this kind holds an object whatever the threads were doing at the dump. */
  private static boolean lasting(RootKind kind) {
    return switch (kind) {
      case JAVA_FRAME, JNI_LOCAL, NATIVE_STACK, THREAD_BLOCK, MONITOR_USED -> false;
      default -> true;
    };
  }

  /** Returns pairs {@code (a index, b index)} flattened, of objects whose final colours are unique and equal. */
  static int[] uniquePairs(MatchSide a, MatchSide b, ClassPairing classes, int rounds) {
    // The two sides' colours are independent: the second on another core meanwhile.
    FutureTask<Colours> other = Matching.inBackground("heapdiff-colours",
        () -> new Colours(b, classes.bToA, UNPAIRED_B, false).refine(rounds));
    Colours ca = Matching.alongside(other, () -> new Colours(a, classes.aToB, UNPAIRED_A, true).refine(rounds));
    Colours cb = Matching.join(other);
    ca.release();
    cb.release();
    return ColourJoin.uniqueInBoth(ca.colour, ca.members, cb.colour, cb.members);
  }

  /**
   * Returns, for the objects of {@code a} and of {@code b} that were unmatched at the last call of
   * {@link #uniquePairs}, the colour they started with there (paired class, kind and contents), by
   * object index; the entries of other objects mean nothing. For the address order's ties.
   */
  static long[][] plainColours(MatchSide a, MatchSide b) {
    return new long[][] {a.colourScratch(), b.colourScratch()};
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
      members = side.unmatched();
      at = side.colourPlaces();
      colour = new long[members.length];
      long[] plain = side.colourScratch();
      for (int m = 0; m < members.length; m++) {
        int i = members[m];
        at[i] = m;
        int c = side.classIndexOf(i);
        long key = isA ? (classMap[c] >= 0 ? classMap[c] : unpaired + c) : (classMap[c] >= 0 ? c : unpaired + c);
        colour[m] = MatchSide.mix(MatchSide.mix(key + side.kinds[i]) ^ side.content[i]);
        plain[i] = colour[m];
      }
      heldByLastingRoots();
    }

    /**
     * Mixes into each member's colour the kinds of the lasting GC roots that hold it (a JNI global, a
     * system class, a thread): a root is a holder that needs no pair, as a matched referrer is. Roots
     * of a thread's stack or of a lock are left out: what they hold changes with what the threads
     * were doing when the dump was taken.
     */
    private void heldByLastingRoots() {
      int[] kinds = null;
      for (GcRoot r : side.graph.roots()) {
        int i = side.local(r.object());
        if (i < 0 || i >= at.length || at[i] < 0 || !lasting(r.kind())) {
          continue;
        }
        if (kinds == null) {
          kinds = new int[members.length];
        }
        kinds[at[i]] |= 1 << r.kind().ordinal();
      }
      if (kinds != null) {
        for (int m = 0; m < members.length; m++) {
          if (kinds[m] != 0) {
            colour[m] = MatchSide.mix(colour[m] ^ MatchSide.mix(0x510E527FADE682D1L + kinds[m]));
          }
        }
      }
    }

    /** Gives back the side's places for the next colouring: every entry -1 again. */
    void release() {
      for (int i : members) {
        at[i] = -1;
      }
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

  /**
   * The colours that exactly one member of each side has, found as a partitioned hash join: each
   * side's members are grouped by the top bits of their colour (a pass and a scatter), and the
   * groups are joined one by one in a small table that stays in the cache, half of them on another
   * thread. Linear in the members, with no reads at random over large arrays and no sorting.
   */
  static final class ColourJoin {
    /** The average number of members of both sides a group aims at. */
    private static final int GROUP = 2048;
    private static final int MAX_BITS = 14;

    private ColourJoin() {}

    /**
     * Returns pairs {@code (membersA[i], membersB[j])}, flattened, in the order of {@code membersA},
     * for which {@code colourA[i] == colourB[j]} and no other member of either side has that colour.
     */
    static int[] uniqueInBoth(long[] colourA, int[] membersA, long[] colourB, int[] membersB) {
      int total = colourA.length + colourB.length;
      int bits = 0;
      while (bits < MAX_BITS && (long) GROUP << bits < total) {
        bits++;
      }
      int groupBits = bits;
      FutureTask<Groups> groupsOfB = Matching.inBackground("heapdiff-colours", () -> new Groups(colourB, groupBits));
      Groups ga = Matching.alongside(groupsOfB, () -> new Groups(colourA, groupBits));
      Groups gb = Matching.join(groupsOfB);
      int[] partnerOfA = new int[colourA.length];
      Arrays.fill(partnerOfA, -1);
      int count = 1 << bits;
      int middle = count / 2;
      FutureTask<Void> half = Matching.inBackground("heapdiff-colours", () -> {
        join(ga, gb, membersB, middle, count, partnerOfA);
        return null;
      });
      Matching.runAlongside(half, () -> join(ga, gb, membersB, 0, middle, partnerOfA));
      Matching.join(half);
      int pairs = 0;
      for (int p : partnerOfA) {
        pairs += p >= 0 ? 1 : 0;
      }
      int[] out = new int[2 * pairs];
      for (int m = 0, k = 0; m < partnerOfA.length; m++) {
        if (partnerOfA[m] >= 0) {
          out[k++] = membersA[m];
          out[k++] = partnerOfA[m];
        }
      }
      return out;
    }

    /**
     * One side's colours grouped by their top bits: group {@code g} is {@code colour[start[g] ..
     * start[g + 1])}, with the place of each among the members beside it in {@code member}; copied
     * out in group order, so that a group's join reads both arrays in sequence.
     */
    private static final class Groups {
      final int[] start;
      final long[] colour;
      final int[] member;

      Groups(long[] colours, int bits) {
        start = new int[(1 << bits) + 1];
        for (long c : colours) {
          start[group(c, bits) + 1]++;
        }
        for (int g = 1; g < start.length; g++) {
          start[g] += start[g - 1];
        }
        int[] fill = Arrays.copyOf(start, start.length - 1);
        colour = new long[colours.length];
        member = new int[colours.length];
        for (int m = 0; m < colours.length; m++) {
          int at = fill[group(colours[m], bits)]++;
          colour[at] = colours[m];
          member[at] = m;
        }
      }
    }

    private static int group(long colour, int bits) {
      return bits == 0 ? 0 : (int) (colour >>> (64 - bits));
    }

    /** Joins groups {@code [from, to)}, writing the partner of each uniquely paired member of a. */
    private static void join(Groups ga, Groups gb, int[] membersB, int from, int to, int[] partnerOfA) {
      long[] keys = new long[16];
      // Per slot, the place of the one member of a (of b) with the key: -1 none, -2 several.
      int[] inA = new int[16];
      int[] inB = new int[16];
      for (int g = from; g < to; g++) {
        int na = ga.start[g + 1] - ga.start[g];
        int nb = gb.start[g + 1] - gb.start[g];
        if (na == 0 || nb == 0) {
          continue;
        }
        int size = Integer.highestOneBit(Math.max(8, 2 * (na + nb) - 1)) << 1;
        if (keys.length < size) {
          keys = new long[size];
          inA = new int[size];
          inB = new int[size];
        }
        Arrays.fill(inA, 0, size, -1);
        Arrays.fill(inB, 0, size, -1);
        int mask = size - 1;
        for (int k = ga.start[g]; k < ga.start[g + 1]; k++) {
          int at = place(keys, inA, inB, mask, ga.colour[k]);
          inA[at] = inA[at] == -1 ? ga.member[k] : -2;
        }
        for (int k = gb.start[g]; k < gb.start[g + 1]; k++) {
          int at = place(keys, inA, inB, mask, gb.colour[k]);
          inB[at] = inB[at] == -1 ? gb.member[k] : -2;
        }
        for (int at = 0; at < size; at++) {
          if (inA[at] >= 0 && inB[at] >= 0) {
            partnerOfA[inA[at]] = membersB[inB[at]];
          }
        }
      }
    }

    /** The slot of {@code key}: where it is, or the empty slot where it goes (its key set). */
    private static int place(long[] keys, int[] inA, int[] inB, int mask, long key) {
      int at = (int) key & mask;
      while ((inA[at] != -1 || inB[at] != -1) && keys[at] != key) {
        at = (at + 1) & mask;
      }
      keys[at] = key;
      return at;
    }
  }
}
