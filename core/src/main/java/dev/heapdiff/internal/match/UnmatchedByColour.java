package dev.heapdiff.internal.match;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * One side's unmatched live objects ordered by colour, and within a colour by address rank, to find
 * the one object of a colour in a range of ranks.
 */
final class UnmatchedByColour {
  /** The objects, by colour and then by rank. */
  final int[] objects;
  private final long[] colours;
  private final int[] ranks;

  /** {@code rank}: each object's address rank; {@code at}: the object of each rank. */
  UnmatchedByColour(MatchSide side, int[] rank, long[] colour, IntUnaryOperator at) {
    MatchSide.IntList list = new MatchSide.IntList(16);
    for (int r = 0; r < rank.length; r++) {
      int i = at.applyAsInt(r);
      if (side.partner[i] < 0 && side.isLive(i)) {
        list.add(i);
      }
    }
    Integer[] boxed = new Integer[list.size];
    for (int k = 0; k < boxed.length; k++) {
      boxed[k] = list.data[k];
    }
    // Stable: within a colour the objects stay in address order.
    Arrays.sort(boxed, (p, q) -> Long.compare(colour[p], colour[q]));
    objects = new int[boxed.length];
    colours = new long[boxed.length];
    ranks = new int[boxed.length];
    for (int k = 0; k < boxed.length; k++) {
      objects[k] = boxed[k];
      colours[k] = colour[boxed[k]];
      ranks[k] = rank[boxed[k]];
    }
  }

  /** The one object of colour {@code colour} with rank in {@code [from, to)}, or -1. */
  int only(long colour, int from, int to) {
    int start = first(colour, Integer.MIN_VALUE);
    int end = first(colour, Integer.MAX_VALUE);
    if (end - start < 1) {
      return -1;
    }
    int lo = firstAtLeast(start, end, from);
    int hi = firstAtLeast(start, end, to);
    return hi - lo == 1 ? objects[lo] : -1;
  }

  /** The first position whose (colour, rank) is at least {@code (colour, rank)}; MAX_VALUE for past the colour. */
  private int first(long colour, int rank) {
    int lo = 0;
    int hi = objects.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      boolean below = colours[mid] < colour || colours[mid] == colour && (rank == Integer.MAX_VALUE || ranks[mid] < rank);
      if (below) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int firstAtLeast(int lo, int hi, int rank) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ranks[mid] < rank) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
