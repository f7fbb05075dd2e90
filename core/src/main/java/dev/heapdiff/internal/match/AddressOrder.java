package dev.heapdiff.internal.match;

import java.util.Arrays;

/**
 * Relative address order as a hint, only where the two dumps are seen to keep it. Sliding
 * compaction and bump allocation keep the order of survivors, and put what was allocated since
 * the first dump after them; random ids, copying collectors and reused holes do not. So the hint
 * learns from the pairs made so far: it is on only when nearly all pairs that follow one another
 * in the address order of one dump follow one another in the other too. When on, it vetoes a pair
 * that lies against the order of the nearest matched neighbours in address order of both its
 * objects, and never proves a pair: the evidence must still carry it. Linear memory, a Fenwick tree
 * per side over the address ranks of matched objects: a query or an update is logarithmic.
 */
final class AddressOrder {
  /** The least share of pairs, adjacent in address order on one side, in the same order on the other. */
  private static final double KEPT = 0.95;
  /** Fewer pairs than this teach nothing about order. */
  private static final int MIN_PAIRS = 64;
  /** How many matched neighbours on each side of an object vote. */
  private static final int WINDOW = 2;

  private final Ranks a;
  private final Ranks b;
  private boolean on;

  AddressOrder(MatchSide a, MatchSide b) {
    this.a = new Ranks(a);
    this.b = new Ranks(b);
  }

  /** Whether the hint is on. */
  boolean on() {
    return on;
  }

  /** Learns from the current pairs whether the two dumps keep address order, and starts over. */
  void learn() {
    int[] partner = a.side.partner;
    int seen = 0;
    int same = 0;
    int previous = -1;
    for (int r = 0; r < a.rank.length; r++) {
      int y = partner[a.at(r)];
      if (y >= 0) {
        int rank = b.rank[y];
        if (previous >= 0) {
          seen++;
          if (rank > previous) {
            same++;
          }
        }
        previous = rank;
      }
    }
    on = seen >= MIN_PAIRS && same >= KEPT * seen;
    if (on) {
      a.rebuild();
      b.rebuild();
    }
  }

  /** Tells the hint that {@code x} of {@code a} and {@code y} of {@code b} are now a pair. */
  void matched(int x, int y) {
    if (on) {
      a.add(x);
      b.add(y);
    }
  }

  /** Tells the hint that {@code x} of {@code a} and {@code y} of {@code b} are a pair no more. */
  void unmatched(int x, int y) {
    if (on) {
      a.remove(x);
      b.remove(y);
    }
  }

  /**
   * Whether the hint is on and the pair of {@code x} of {@code from} and {@code y} of the other side
   * lies against the order: of the nearest matched neighbours of {@code x} in address order and
   * those of {@code y}, more have their partner on the wrong side than on the right one.
   */
  boolean refuses(MatchSide from, int x, int y) {
    if (!on) {
      return false;
    }
    Ranks here = from == a.side ? a : b;
    Ranks there = here == a ? b : a;
    return votesAgainst(here, there, x, y) + votesAgainst(there, here, y, x) > 0;
  }

  /**
   * Of the matched neighbours of {@code x} nearest in address order (up to {@link #WINDOW} below
   * and above), those whose partner lies on the wrong side of {@code y}, less those on the right side.
   */
  private static int votesAgainst(Ranks here, Ranks there, int x, int y) {
    int[] partner = here.side.partner;
    int rank = here.rank[x];
    int target = there.rank[y];
    int lower = here.matchedBelow(rank);
    int votes = 0;
    for (int k = lower; k >= 1 && k > lower - WINDOW; k--) {
      votes += there.rank[partner[here.at(here.kth(k))]] > target ? 1 : -1;
    }
    int upper = lower + 1 + (partner[x] >= 0 ? 1 : 0);
    for (int k = upper; k <= here.total && k < upper + WINDOW; k++) {
      votes += there.rank[partner[here.at(here.kth(k))]] < target ? 1 : -1;
    }
    return votes;
  }

  /** One side's address ranks, and which ranks are matched, as a Fenwick tree of counts. */
  private static final class Ranks {
    final MatchSide side;
    /** Object index to the rank of its id. */
    final int[] rank;
    /** Fenwick tree over ranks, 1 for a matched object; made when the hint is first on. */
    private int[] tree;
    int total;

    Ranks(MatchSide side) {
      this.side = side;
      this.rank = new int[side.count];
      for (int r = 0; r < rank.length; r++) {
        rank[side.graph.objectAtIdRank(r)] = r;
      }
    }

    /** The object of rank {@code r}. */
    int at(int r) {
      return side.graph.objectAtIdRank(r);
    }

    void rebuild() {
      int n = rank.length;
      if (tree == null) {
        tree = new int[n + 1];
      } else {
        Arrays.fill(tree, 0);
      }
      total = 0;
      for (int i = 0; i < n; i++) {
        if (side.partner[i] >= 0) {
          tree[rank[i] + 1]++;
          total++;
        }
      }
      for (int i = 1; i <= n; i++) {
        int j = i + (i & -i);
        if (j <= n) {
          tree[j] += tree[i];
        }
      }
    }

    void add(int object) {
      change(object, 1);
    }

    void remove(int object) {
      change(object, -1);
    }

    private void change(int object, int by) {
      for (int i = rank[object] + 1; i < tree.length; i += i & -i) {
        tree[i] += by;
      }
      total += by;
    }

    /** The number of matched objects of rank below {@code r}. */
    int matchedBelow(int r) {
      int count = 0;
      for (int i = r; i > 0; i -= i & -i) {
        count += tree[i];
      }
      return count;
    }

    /** The rank of the {@code k}-th matched object in address order, from 1. */
    int kth(int k) {
      int pos = 0;
      for (int step = Integer.highestOneBit(tree.length - 1); step > 0; step >>= 1) {
        if (pos + step < tree.length && tree[pos + step] < k) {
          pos += step;
          k -= tree[pos];
        }
      }
      return pos;
    }
  }
}
