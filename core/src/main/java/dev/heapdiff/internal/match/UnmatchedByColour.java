package dev.heapdiff.internal.match;

import java.util.Arrays;

/**
 * One side's unmatched live objects grouped by colour, and within a colour in address order, to
 * find the one object of a colour in a range of address ranks.
 */
final class UnmatchedByColour {
  /** The objects, by colour and then by rank. */
  final int[] objects;
  /** The distinct colours, ascending; the objects of {@code colours[g]} are {@code objects[start[g] .. start[g+1])}. */
  private final long[] colours;
  private final int[] start;
  private final int[] ranks;

  /** {@code byRank}: the object of each address rank; {@code rank}: each object's rank. */
  UnmatchedByColour(MatchSide side, int[] byRank, int[] rank, long[] colour) {
    // The unmatched objects in address order: their ranks, sorted.
    int[] unmatched = side.unmatched();
    int n = unmatched.length;
    MatchSide.IntList inOrder = new MatchSide.IntList(n);
    for (int i : unmatched) {
      inOrder.add(rank[i]);
    }
    Arrays.sort(inOrder.data, 0, n);
    for (int k = 0; k < n; k++) {
      inOrder.data[k] = byRank[inOrder.data[k]];
    }
    long[] sorted = new long[n];
    for (int k = 0; k < n; k++) {
      sorted[k] = colour[inOrder.data[k]];
    }
    Arrays.sort(sorted);
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || sorted[k] != sorted[k - 1]) {
        sorted[distinct++] = sorted[k];
      }
    }
    colours = Arrays.copyOf(sorted, distinct);
    // A counting sort by colour keeps the address order within each colour.
    int[] group = new int[n];
    start = new int[distinct + 1];
    for (int k = 0; k < n; k++) {
      group[k] = Arrays.binarySearch(colours, colour[inOrder.data[k]]);
      start[group[k] + 1]++;
    }
    for (int g = 0; g < distinct; g++) {
      start[g + 1] += start[g];
    }
    int[] fill = Arrays.copyOf(start, distinct);
    objects = new int[n];
    ranks = new int[n];
    for (int k = 0; k < n; k++) {
      int at = fill[group[k]]++;
      objects[at] = inOrder.data[k];
      ranks[at] = rank[inOrder.data[k]];
    }
  }

  private UnmatchedByColour(int[] objects, long[] colours, int[] start, int[] ranks) {
    this.objects = objects;
    this.colours = colours;
    this.start = start;
    this.ranks = ranks;
  }

  /**
   * These objects but those {@code side} has paired since, in the same groups and order: in time
   * linear in the objects, without sorting them again.
   */
  UnmatchedByColour withoutMatched(MatchSide side) {
    int n = 0;
    for (int x : objects) {
      if (side.partner[x] < 0) {
        n++;
      }
    }
    int[] keptObjects = new int[n];
    int[] keptRanks = new int[n];
    int[] keptStart = new int[start.length];
    int at = 0;
    for (int g = 0; g < colours.length; g++) {
      keptStart[g] = at;
      for (int k = start[g]; k < start[g + 1]; k++) {
        if (side.partner[objects[k]] < 0) {
          keptObjects[at] = objects[k];
          keptRanks[at++] = ranks[k];
        }
      }
    }
    keptStart[colours.length] = at;
    return new UnmatchedByColour(keptObjects, colours, keptStart, keptRanks);
  }

  /**
   * The group of the objects of colour {@code colour}, or a negative number if none had it when this
   * was built (after {@link #withoutMatched}, a group may be empty).
   */
  int group(long colour) {
    return Arrays.binarySearch(colours, colour);
  }

  /** The one object of group {@code g} with rank in {@code [from, to)}, or -1. */
  int only(int g, int from, int to) {
    int lo = firstAtLeast(start[g], start[g + 1], from);
    int hi = firstAtLeast(lo, start[g + 1], to);
    return hi - lo == 1 ? objects[lo] : -1;
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
