package dev.heapdiff.internal.match;

import dev.heapdiff.internal.Bits;
import java.util.Arrays;
import java.util.concurrent.FutureTask;
import java.util.function.IntPredicate;

/**
 * Relative address order as a hint, only where the two dumps are seen to keep it. Sliding
 * compaction and bump allocation keep the order of survivors, and put what was allocated since
 * the first dump after them; random ids, copying collectors and reused holes do not. So the hint
 * learns from the pairs made so far: it is on only when nearly all pairs that follow one another
 * in the address order of one dump follow one another in the other too. When on, it refuses a pair
 * that lies against the order of the nearest matched neighbours in address order of both its
 * objects; it finds, among the pairs made, one longest chain in order on both sides, against which
 * the pairs made before their neighbours were matched are checked again; and it breaks ties between
 * unmatched objects of equal contents by their place between matched neighbours, then between
 * neighbours in that chain only. It learns only from pairs the sweep did not make. The evidence
 * (compatibility, the matcher's scores and margins) still decides every pair it does not refuse.
 * Memory is linear and spent only once the hint is on: ranks and a {@link RankSet} of counted ranks
 * per side (a nearest counted neighbour in a few word operations).
 */
final class AddressOrder {
  /** The least share of pairs, adjacent in address order on one side, in the same order on the other. */
  private static final double KEPT = 0.99;
  /** Fewer pairs than this teach nothing about order. */
  private static final int MIN_PAIRS = 64;
  /**
   * The least share of the pairs the longest chain in order must hold for {@link #outsideChain}.
   * Pairs the sweep made outside the chain are left out of the share: the sweep pairs an object of
   * equal contents in the same slot without asking the order (H2's rows replaced by equal rows: 2%
   * of that dump's pairs), so they say nothing of how well the dumps keep the order. Measured on the
   * harness (2026-11-25): ConcurrentHashMap's chain holds 98.6% (the rest, resize copies paired with
   * the old nodes, must be checked), TreeMap's 96.9% on JDK 17 and 97.7% on JDK 25 (checking it
   * refuses survivors: a deleted entry with two children takes its successor's key and value, and
   * is paired with the successor, outside the chain). A narrow window; see README.
   */
  private static final double NEARLY_ALL = 0.98;
  /** How many matched neighbours on each side of an object vote. */
  private static final int WINDOW = 1;
  /** The fewest pairs in order among themselves that make a block moved as a whole ({@link #findBlocks}). */
  private static final int BLOCK = 64;

  private final Ranks a;
  private final Ranks b;
  private boolean on;
  /** Whether the longest chain in order holds nearly all pairs, when only it counts. */
  private boolean nearlyAll;
  /** The pairs outside the chain that lie in a block moved as a whole (bits over {@code a}), while only it counts. */
  private long[] inBlocks = new long[0];
  /**
   * The unmatched objects of {@code a} by colour that the last {@link #tiesInOrder} built, for {@link
   * #tiesInLongestOrder}.
   */
  private UnmatchedByColour tiesA;
  /** The same of {@code b}. */
  private UnmatchedByColour tiesB;
  /** The colours of {@code a}'s objects that {@link #tiesA} was built with (the caller's, read only). */
  private long[] coloursA;
  /** The same of {@code b}'s. */
  private long[] coloursB;

  AddressOrder(MatchSide a, MatchSide b) {
    this.a = new Ranks(a);
    this.b = new Ranks(b);
  }

  /** Whether the hint is on. */
  boolean on() {
    return on;
  }

  /**
   * Learns from the current pairs whether the two dumps keep address order, and starts over. The
   * address ranks of both sides are made on the first call (8 bytes per object and side), the sets
   * of counted ranks the first time the hint is on: with random ids they never are.
   *
   * @param judged which pairs (by their object of {@code a}) are looked at: the sweep's pairs are
   *     not, as they are made without asking the order and include objects replaced by equal copies,
   *     new objects in an old one's place (two thousand customers of the in-process leak check, with
   *     their parts, turned the order off in about a third of its rounds); every pair counts once
   *     the hint is on
   */
  void learn(IntPredicate judged) {
    if (a.rank == null) {
      FutureTask<Void> other = Matching.inBackground("heapdiff-ranks", () -> {
        b.ranks();
        return null;
      });
      Matching.runAlongside(other, a::ranks);
      Matching.join(other);
    }
    int[] partner = a.side.partner;
    int seen = 0;
    int same = 0;
    int previous = -1;
    for (int r = 0, n = a.byRank.length; r < n; r++) {
      int x = a.byRank[r];
      int y = partner[x];
      if (y >= 0 && judged.test(x)) {
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
    countAll();
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
   * Counts, until {@link #countAll}, only the pairs in one longest chain in the same address order
   * on both sides ({@link #outsideLongestOrder}) as neighbours: pairs outside it, made when their
   * neighbours were not matched yet, may hold one another up. Returns the pairs outside the chain
   * (bits over the objects of {@code a}): the hint refuses none of the pairs in it while it counts
   * only them, since their neighbours are in order with them.
   */
  long[] countLongestOrderOnly(IntPredicate swept) {
    long[] outside = outsideLongestOrder();
    findBlocks(outside);
    int sweptOutside = 0;
    int blockPairs = 0;
    for (int x = Bits.next(outside, 0); x >= 0; x = Bits.next(outside, x + 1)) {
      if (Bits.get(inBlocks, x)) {
        blockPairs++;
      } else if (swept.test(x)) {
        sweptOutside++;
      }
    }
    a.countChain();
    b.countChain();
    // A block that moved as a whole keeps the order within itself: its pairs count as in order.
    nearlyAll = a.chainTotal + blockPairs >= NEARLY_ALL * (a.side.matched - sweptOutside);
    return outside;
  }

  /**
   * Whether {@code x} of {@code a}, outside the longest chain, lies in a block moved as a whole
   * ({@link #findBlocks}), after {@link #countLongestOrderOnly}: neither the chain nor its neighbours, which
   * are the chain's, say anything against its pair.
   */
  boolean movedAsABlock(int x) {
    return Bits.get(inBlocks, x);
  }

  /**
   * Finds, among the pairs outside the chain (bits over the objects of {@code a}), runs of at least
   * {@link #BLOCK} that follow one another in the address order of both dumps with no other pair
   * between them on either side: {@link #inBlocks}, blocks of objects that a collection moved as a
   * whole, in order within themselves (G1's full collection compacts on several threads, each into
   * regions of its own, so whole runs of survivors change places). The chain's order says nothing
   * against such a block. Wrong pairs are not like that: a new object paired with a removed one of
   * equal contents lies after the survivors on one side and among them on the other, where the next
   * pair's partner is a survivor's, not the next of the run.
   */
  private void findBlocks(long[] outside) {
    inBlocks = new long[outside.length];
    int count = Bits.count(outside);
    if (count < BLOCK) {
      return;
    }
    int[] ranks = new int[count];
    int k = 0;
    for (int x = Bits.next(outside, 0); x >= 0; x = Bits.next(outside, x + 1)) {
      ranks[k++] = a.rank[x];
    }
    Arrays.sort(ranks);
    int block = 0;
    for (int i = 1; i <= count; i++) {
      if (i == count || a.all.above(ranks[i - 1]) != ranks[i] || !partnersFollow(ranks[i - 1], ranks[i])) {
        markBlock(ranks, block, i);
        block = i;
      }
    }
  }

  /**
   * Puts the objects of {@code a} of {@code ranks[from .. to)} in {@link #inBlocks} if there are
   * {@link #BLOCK} or more.
   */
  private void markBlock(int[] ranks, int from, int to) {
    if (to - from >= BLOCK) {
      for (int j = from; j < to; j++) {
        Bits.set(inBlocks, a.byRank[ranks[j]]);
      }
    }
  }

  /**
   * Whether the partner of the pair of rank {@code r2} of {@code a} is the next matched object after
   * the partner of the pair of rank {@code r1} in the address order of {@code b}.
   */
  private boolean partnersFollow(int r1, int r2) {
    int[] partner = a.side.partner;
    return b.all.above(b.rank[partner[a.byRank[r1]]]) == b.rank[partner[a.byRank[r2]]];
  }

  /**
   * Whether, while only the longest chain counts and it holds nearly all pairs, {@code y} of
   * {@code b} does not lie between the partners of the nearest counted neighbours of {@code x} of
   * {@code a}: the chain is in order by construction, so one neighbour suffices.
   */
  boolean outsideChain(int x, int y) {
    if (!on || !nearlyAll) {
      return false;
    }
    int[] partner = a.side.partner;
    int rank = a.rank[x];
    int target = b.rank[y];
    int below = a.countedBelow(rank);
    if (below >= 0 && b.rank[partner[a.byRank[below]]] > target) {
      return true;
    }
    int above = a.countedAbove(rank);
    return above >= 0 && b.rank[partner[a.byRank[above]]] < target;
  }

  /** Counts all pairs as neighbours again, counting them afresh (after pairs it was not told of). */
  void countAll() {
    nearlyAll = false;
    if (on) {
      a.rebuild();
      b.rebuild();
    }
  }

  /** After {@link #countLongestOrderOnly}: counts all pairs as neighbours again, as they were. */
  void countAllAgain() {
    nearlyAll = false;
    if (on) {
      a.countAll();
      b.countAll();
    }
  }

  /**
   * The pairs (bits over the objects of {@code a}) outside one longest chain of pairs whose
   * partners are in increasing address order when the pairs are taken in address order: what
   * would have to go for the order to be kept entirely. O(p log p) for p pairs.
   */
  private long[] outsideLongestOrder() {
    int[] partner = a.side.partner;
    long[] outside = new long[(a.rank.length + 63) >>> 6];
    // Where the order is kept entirely, as after a sliding compaction, the chain is all pairs.
    int last = -1;
    boolean kept = true;
    for (int r = 0, n = a.rank.length; r < n && kept; r++) {
      int y = partner[a.byRank[r]];
      if (y >= 0) {
        kept = b.rank[y] > last;
        last = b.rank[y];
      }
    }
    if (kept) {
      a.allInChain();
      b.allInChain();
      return outside;
    }
    if (tails == null) {
      tails = new int[a.rank.length];
      tailKeys = new int[a.rank.length];
    }
    // Pair p (in address order of a) links back to pair p - 1 but where the list says otherwise:
    // (p, the pair it links to), by increasing p; nearly empty where the order is nearly kept.
    MatchSide.IntList jumps = new MatchSide.IntList(64);
    int length = 0;
    int p = 0;
    for (int r = 0, n = a.rank.length; r < n; r++) {
      int y = partner[a.byRank[r]];
      if (y < 0) {
        continue;
      }
      int key = b.rank[y];
      int lo;
      // The key of each tail is kept beside it: the search reads one array, and a key above the last
      // tail's, as nearly every key is where the order is kept, extends the chain without a search.
      if (length == 0 || tailKeys[length - 1] < key) {
        lo = length;
      } else {
        lo = 0;
        int hi = length;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (tailKeys[mid] < key) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
      }
      int previous = lo > 0 ? tails[lo - 1] : -1;
      if (previous != p - 1) {
        jumps.add(p);
        jumps.add(previous);
      }
      tails[lo] = p;
      tailKeys[lo] = key;
      length = Math.max(length, lo + 1);
      p++;
    }
    // The chain, from its end back, in a second pass over the pairs in address order.
    a.startChain();
    b.startChain();
    int link = length == 0 ? -1 : tails[length - 1];
    int jump = jumps.size - 2;
    int inChain = 0;
    for (int r = a.rank.length - 1; r >= 0; r--) {
      int x = a.byRank[r];
      int y = partner[x];
      if (y < 0) {
        continue;
      }
      p--;
      if (p == link) {
        a.chain.addUnsummarized(r);
        b.chain.addUnsummarized(b.rank[y]);
        inChain++;
        while (jump >= 0 && jumps.data[jump] > link) {
          jump -= 2;
        }
        link = jump >= 0 && jumps.data[jump] == link ? jumps.data[jump + 1] : link - 1;
      } else {
        Bits.set(outside, x);
      }
    }
    if (inChain != length || link != -1) {
      throw new IllegalStateException("chain of " + length + " pairs read back as " + inChain);
    }
    a.chainTotal = length;
    b.chainTotal = length;
    a.chainIsAll = false;
    b.chainIsAll = false;
    return outside;
  }

  /** Scratch of {@link #outsideLongestOrder}: per chain length, the last pair of the best chain and its key. */
  private int[] tails;
  private int[] tailKeys;

  /**
   * Of the matched neighbours of {@code x} nearest in address order (up to {@link #WINDOW} below
   * and above), those whose partner lies on the wrong side of {@code y}, less those on the right side.
   */
  private static int votesAgainst(Ranks here, Ranks there, int x, int y) {
    int[] partner = here.side.partner;
    int rank = here.rank[x];
    int target = there.rank[y];
    int votes = 0;
    int r = rank;
    for (int k = 0; k < WINDOW && (r = here.countedBelow(r)) >= 0; k++) {
      votes += there.rank[partner[here.byRank[r]]] > target ? 1 : -1;
    }
    r = rank;
    for (int k = 0; k < WINDOW && (r = here.countedAbove(r)) >= 0; k++) {
      votes += there.rank[partner[here.byRank[r]]] < target ? 1 : -1;
    }
    return votes;
  }

  /**
   * Where the hint is on, pairs {@code (a index, b index)}, flattened, of unmatched objects of equal
   * colour ({@code ca}, {@code cb}) each of which is the only unmatched object of that colour on its
   * side that lies between the partners of the other's nearest matched neighbours in address order.
   */
  int[] tiesInOrder(long[] ca, long[] cb) {
    tiesA = null;
    tiesB = null;
    if (!on) {
      return new int[0];
    }
    FutureTask<UnmatchedByColour> other = Matching.inBackground("heapdiff-ties",
        () -> new UnmatchedByColour(b.side, b.byRank, b.rank, cb));
    tiesA = Matching.alongside(other, () -> new UnmatchedByColour(a.side, a.byRank, a.rank, ca));
    tiesB = Matching.join(other);
    coloursA = ca;
    coloursB = cb;
    return ties(tiesA, tiesB);
  }

  /**
   * After {@link #tiesInOrder} and the pairs made from what it returned: the same among the objects
   * still unmatched, with only the pairs of one longest chain in order counted as neighbours ({@link
   * #countLongestOrderOnly}), as they stay counted until {@link #countAllAgain}, so that the pairs
   * returned are made, and asked of the order, with the neighbours they were found with. A pair out
   * of order is a poor neighbour: the sweep pairs a new object with the old one of equal contents in
   * its place (an equal copy, wherever it was allocated), and the objects beside the copy, or beside
   * the old object, are placed by that pair where they are not (the in-process leak check, whose
   * rounds each replace 2,000 customers by equal copies and append to order lists a {@code Long} of
   * the value the round before appended: 600 such ties a round were left unbroken in some runs).
   */
  int[] tiesInLongestOrder() {
    UnmatchedByColour ua = tiesA;
    UnmatchedByColour ub = tiesB;
    tiesA = null;
    tiesB = null;
    try {
      if (!on || ua == null) {
        return new int[0];
      }
      ua = ua.withoutMatched(a.side);
      ub = ub.withoutMatched(b.side);
      if (ua.objects.length == 0 || ub.objects.length == 0) {
        return new int[0];
      }
      // Which pairs the sweep made matters only to the chain's share (nearlyAll), not asked here.
      countLongestOrderOnly(x -> false);
      return ties(ua, ub);
    } finally {
      coloursA = null;
      coloursB = null;
    }
  }

  /** The pairs of objects each of which is the other's {@link #onlyBetween}, flattened. */
  private int[] ties(UnmatchedByColour ua, UnmatchedByColour ub) {
    MatchSide.IntList out = new MatchSide.IntList(16);
    for (int k = 0; k < ua.objects.length; k++) {
      int x = ua.objects[k];
      int y = onlyBetween(a, b, x, coloursA[x], ub);
      if (y >= 0 && onlyBetween(b, a, y, coloursB[y], ua) == x) {
        out.add(x);
        out.add(y);
      }
    }
    return out.toArray();
  }

  /**
   * The one unmatched object of {@code there} of colour {@code colour} whose rank lies between the
   * partners' ranks of the nearest matched neighbours of unmatched {@code x}, or -1.
   */
  private static int onlyBetween(Ranks here, Ranks there, int x, long colour, UnmatchedByColour candidates) {
    int[] partner = here.side.partner;
    int g = candidates.group(colour);
    if (g < 0) {
      return -1;
    }
    int below = here.countedBelow(here.rank[x]);
    int above = here.countedAbove(here.rank[x]);
    if (below < 0 || above < 0) {
      return -1;
    }
    int from = there.rank[partner[here.byRank[below]]] + 1;
    int to = there.rank[partner[here.byRank[above]]];
    return from < to ? candidates.only(g, from, to) : -1;
  }

  /**
   * One side's address ranks, and which objects are counted as neighbours ({@link RankSet}): all
   * matched ones, kept up to date pair by pair, or those of the longest chain in order.
   */
  private static final class Ranks {
    final MatchSide side;
    /** Object index to the rank of its id, and back. */
    int[] rank;
    int[] byRank;
    /** The ranks of the matched objects. */
    private RankSet all;
    /** The ranks of the objects in the longest chain in order, while only they count. */
    private RankSet chain;
    int chainTotal;
    /** Whether the chain is all matched objects ({@link #chain} then means nothing). */
    private boolean chainIsAll;
    /** {@link #all} or {@link #chain}. */
    private RankSet counted;

    Ranks(MatchSide side) {
      this.side = side;
    }

    /** Makes the address ranks, once. */
    void ranks() {
      if (rank == null) {
        byRank = side.inIdOrder();
        rank = new int[byRank.length];
        for (int r = 0; r < byRank.length; r++) {
          rank[byRank[r]] = r;
        }
      }
    }

    /** Counts the matched objects afresh. */
    void rebuild() {
      int n = side.count;
      ranks();
      if (all == null) {
        all = new RankSet(n);
      } else {
        all.clear();
      }
      for (int r = 0; r < n; r++) {
        if (side.partner[byRank[r]] >= 0) {
          all.addUnsummarized(r);
        }
      }
      all.summarize();
      counted = all;
    }

    /** Empties the chain's set, to be filled with {@link RankSet#addUnsummarized}. */
    void startChain() {
      if (chain == null) {
        chain = new RankSet(side.count);
      } else {
        chain.clear();
      }
    }

    /** The chain is all matched objects. */
    void allInChain() {
      chainIsAll = true;
      chainTotal = side.matched;
    }

    /** Counts only the chain's objects. */
    void countChain() {
      if (chainIsAll) {
        counted = all;
      } else {
        chain.summarize();
        counted = chain;
      }
    }

    /** Counts all matched objects again. */
    void countAll() {
      counted = all;
    }

    void add(int object) {
      all.add(rank[object]);
    }

    void remove(int object) {
      all.remove(rank[object]);
    }

    /** The rank of the nearest counted object below rank {@code r}, or -1. */
    int countedBelow(int r) {
      return counted.below(r);
    }

    /** The rank of the nearest counted object above rank {@code r}, or -1. */
    int countedAbove(int r) {
      return counted.above(r);
    }
  }
}
