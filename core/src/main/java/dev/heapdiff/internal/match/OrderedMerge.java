package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.internal.Bits;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * A first pass for dumps that keep address order (sliding compaction, bump allocation): both dumps'
 * live objects are walked in address order side by side, and an object of one is proposed to be the
 * object of the other at the same place in the walk when both have the same key (paired class, kind,
 * contents, and the contents of each referent). Where the walk meets a difference it looks nearby
 * for the fewest objects to skip on the two sides (changed, gone or new) after which two keys in a
 * row agree again, or else goes on from the next anchor: a key (one in 64, by its top bits) that
 * exactly one object of each dump has, going back from it over what it skipped. An anchor behind the
 * walk in the other dump (a block G1 moved down) stands only if {@link #MIN_BACK_RUN} pairs follow.
 * The walk is made forwards and backwards, and only what both walks propose is kept: a run of equal
 * objects that lost one and gained one can be read both ways, and a short run of new objects equal
 * to gone ones elsewhere is an anchor to at most one walk. A proposal becomes a
 * pair ({@link #aToB}) only when the records confirm it: each reference of one object holds the
 * object proposed for the other's. Class objects pair by their classes ({@link ClassPairing}).
 * Addresses only order the walk: every pair has equal contents (through the 64-bit key) and
 * references the records confirm. What is left, with its neighbours ({@link #rest}), goes to the
 * {@link Matcher}.
 */
final class OrderedMerge {
  /** How far a walk looks for the two dumps to agree again before it goes on from an anchor. */
  private static final int WINDOW = 16;
  /**
   * How many pairs a walk must make after a jump to an anchor behind it in the other dump before
   * they stand (counted until the next jump).
   */
  private static final int MIN_BACK_RUN = 1024;
  /** One key in this many is an anchor candidate (by the key's top bits). */
  private static final int ANCHOR_SHIFT = 58;

  /** Per object of {@code a} (graph index), its confirmed partner in {@code b}, or -1. */
  final int[] aToB;
  /** Per object of {@code b}, its confirmed partner in {@code a}, or -1. */
  final int[] bToA;
  /** How many pairs the records confirmed. */
  final int confirmed;
  /** The two walks' dumps: their live objects in address order and how many references hold each. */
  private final Walk a;
  private final Walk b;

  private OrderedMerge(int[] aToB, int[] bToA, int confirmed, Walk a, Walk b) {
    this.aToB = aToB;
    this.bToA = bToA;
    this.confirmed = confirmed;
    this.a = a;
    this.b = b;
  }

  /** One dump: its live objects in address order and their keys in that order. */
  static final class Walk {
    final HeapGraph graph;
    final long[] live;
    /** The live objects in address order: the first {@link #size} entries (the array may be longer). */
    int[] seq;
    int size;
    long[] key;
    /**
     * Per object, how many references of live objects hold it, counted up to {@link
     * MatchSide#POPULAR} + 1.
     */
    byte[] degree;
    /** The places of the keys that may be anchors ({@link Anchors#sampled}), in order. */
    int[] sampled;
    /**
     * Per object (graph index), its partner in the other dump, for the merge to fill; until then
     * room for a walk's proposals ({@link #walk(long[], long[], Anchors, boolean, int[])}).
     */
    int[] partner;

    Walk(HeapGraph graph, long[] live) {
      this.graph = graph;
      this.live = live;
    }

    /**
     * Orders the live objects by address and computes their keys. Each pass is its own method: the
     * JIT compiles a long loop alone, not again for every loop after it in one method (where code
     * not run yet is compiled as traps that throw the compiled code away when reached).
     */
    void build(long[] classKeys) {
      long t = System.nanoTime();
      seq = inAddressOrder();
      t = lap("order", t);
      keys(classKeys);
      // Made here, on this dump's thread, rather than after the walks on one.
      partner = new int[graph.objectCount()];
      lap("keys", t);
    }

    /**
     * The live objects in address order, at the start of the array returned; sets {@link #size} to
     * their number (the array is not copied to fit: fresh memory is slow).
     */
    private int[] inAddressOrder() {
      int[] all = graph.objectsInIdOrder();
      int n = 0;
      for (int r = 0; r < all.length; r++) {
        if (Bits.get(live, all[r])) {
          all[n++] = all[r];
        }
      }
      size = n;
      return all;
    }

    /**
     * The keys in address order, the in-degrees and the places that may be anchors. An object's key
     * is its contents ({@link HeapGraph#contentHash}, made as the dump was opened) mixed with its
     * class's key, its number of references and the contents and class key of each object it holds,
     * in order.
     */
    private void keys(long[] classKeys) {
      List<HeapClass> classes = graph.classes();
      long[] classMix = new long[classes.size()];
      for (HeapClass c : classes) {
        classMix[c.index()] = MatchSide.mix(classKeys[c.index()] * 31 + 7);
      }
      int n = size;
      key = new long[n];
      degree = new byte[graph.objectCount()];
      MatchSide.IntList anchorPlaces = new MatchSide.IntList(n >>> 6);
      for (int r = 0; r < n; r++) {
        int i = seq[r];
        int refs = graph.referenceCount(i);
        long h = classMix[graph.classIndexOf(i)] + graph.contentHash(i) + refs;
        for (int k = 0; k < refs; k++) {
          int target = graph.reference(i, k);
          if (degree[target] <= MatchSide.POPULAR) {
            degree[target]++;
          }
          // The referent's class key too: its contents hash holds its class's name only, which
          // classes of several loaders share.
          h = MatchSide.mix(h * 31 + (Bits.get(live, target)
              ? classMix[graph.classIndexOf(target)] ^ graph.contentHash(target) : 0x6A09E667F3BCC909L));
        }
        key[r] = h;
        if (Anchors.sampled(h)) {
          anchorPlaces.add(r);
        }
      }
      sampled = anchorPlaces.toArray();
    }
  }

  /**
   * Proposes and confirms pairs between the live objects of {@code a} and {@code b}; {@code classes}
   * pairs their classes, whose class objects are paired by it, not by the walk.
   */
  static OrderedMerge run(HeapGraph ga, long[] liveA, HeapGraph gb, long[] liveB, ClassPairing classes) {
    long[] keysA = classes.keysA();
    long[] keysB = classes.keysB();
    long t = System.nanoTime();
    Walk a = new Walk(ga, liveA);
    Walk b = new Walk(gb, liveB);
    FutureTask<Void> other = Matching.inBackground("heapdiff-merge-side", () -> {
      b.build(keysB);
      return null;
    });
    Matching.runAlongside(other, () -> a.build(keysA));
    Matching.join(other);

    t = lap("build", t);
    Anchors anchors = new Anchors(a.key, a.sampled, b.key, b.sampled);
    a.sampled = null;
    b.sampled = null;
    t = lap("anchors", t);
    // Fresh memory is slow: the walks write into the arrays of partners, which they become.
    int[] aToB = a.partner;
    int[] bToA = b.partner;
    a.partner = null;
    b.partner = null;
    int na = a.size;
    FutureTask<int[]> backwards = Matching.inBackground("heapdiff-merge-walk", () -> walk(a.key, b.key, anchors,
        false, bToA.length >= na ? bToA : new int[na]));
    int[] forward = Matching.alongside(backwards, () -> walk(a.key, b.key, anchors, true, aToB));
    int[] backward = Matching.join(backwards);
    // What is no longer needed is let go at once, for the collector to reuse.
    a.key = null;
    b.key = null;
    t = lap("walks", t);
    agreed(na, forward, backward, a.seq, b.seq, bToA);
    // Class objects (keys of their own kind: only ever proposed for class objects) pair by the classes.
    List<HeapClass> classesA = ga.classes();
    List<HeapClass> classesB = gb.classes();
    for (HeapClass c : classesA) {
      int x = c.objectIndex();
      if (x >= 0 && aToB[x] >= 0) {
        bToA[aToB[x]] = -1;
        aToB[x] = -1;
      }
    }
    for (HeapClass c : classesB) {
      int y = c.objectIndex();
      if (y >= 0 && bToA[y] >= 0) {
        aToB[bToA[y]] = -1;
        bToA[y] = -1;
      }
    }
    for (int c = 0; c < classes.aToB.length; c++) {
      if (classes.aToB[c] >= 0) {
        int x = classesA.get(c).objectIndex();
        int y = classesB.get(classes.aToB[c]).objectIndex();
        if (x >= 0 && y >= 0 && Bits.get(liveA, x) && Bits.get(liveB, y)) {
          aToB[x] = y;
          bToA[y] = x;
        }
      }
    }
    t = lap("combine", t);
    // Confirm: every reference of one holds the proposed partner of the other's. Two halves on two threads.
    long[] refused = new long[(ga.objectCount() + 63) >>> 6];
    int half = (ga.objectCount() / 2) & ~63;
    FutureTask<Integer> upper = Matching.inBackground("heapdiff-merge-confirm", () -> refuse(ga, liveA, gb, liveB,
        aToB, half, ga.objectCount(), refused));
    int proposed = Matching.alongside(upper, () -> refuse(ga, liveA, gb, liveB, aToB, 0, half, refused))
        + Matching.join(upper);
    // Class objects are paired by their classes: a changed static field does not unpair them.
    for (HeapClass c : classesA) {
      int x = c.objectIndex();
      if (x >= 0) {
        refused[x >>> 6] &= ~(1L << x);
      }
    }
    int confirmed = proposed;
    for (int x = Bits.next(refused, 0); x >= 0; x = Bits.next(refused, x + 1)) {
      bToA[aToB[x]] = -1;
      aToB[x] = -1;
      confirmed--;
    }
    lap("confirm", t);
    return new OrderedMerge(aToB, bToA, confirmed, a, b);
  }

  /**
   * Pairs what both walks propose for the first {@code na} positions of a's address order ({@code
   * seqA}, positions of b's in {@code seqB}), in place: the forward walk's proposals are in the
   * array of a's partners, which becomes them by object, and the backward walk's in b's (unless it
   * was too short for them), which gets b's. A walk proposes each object of b once, so these are one
   * to one.
   */
  private static void agreed(int na, int[] forward, int[] backward, int[] seqA, int[] seqB, int[] bToA) {
    for (int r = 0; r < na; r++) {
      if (forward[r] != backward[r]) {
        forward[r] = -1;
      }
    }
    Arrays.fill(bToA, -1);
    for (int r = 0; r < na; r++) {
      int p = forward[r];
      if (p >= 0) {
        bToA[seqB[p]] = seqA[r];
      }
    }
    int[] aToB = forward;
    Arrays.fill(aToB, -1);
    for (int y = 0; y < bToA.length; y++) {
      if (bToA[y] >= 0) {
        aToB[bToA[y]] = y;
      }
    }
  }

  /**
   * Marks in {@code refused} the objects {@code x} in {@code [from, to)} proposed for an object of
   * {@code b} that does not hold, reference by reference, the partners proposed for {@code x}'s;
   * returns how many were proposed.
   */
  private static int refuse(HeapGraph ga, long[] liveA, HeapGraph gb, long[] liveB, int[] aToB, int from, int to,
      long[] refused) {
    int proposed = 0;
    for (int x = from; x < to; x++) {
      int y = aToB[x];
      if (y < 0) {
        continue;
      }
      proposed++;
      int refs = ga.referenceCount(x);
      boolean ok = refs == gb.referenceCount(y);
      for (int k = 0; ok && k < refs; k++) {
        int t = ga.reference(x, k);
        int u = gb.reference(y, k);
        ok = Bits.get(liveA, t) ? Bits.get(liveB, u) && aToB[t] == u : !Bits.get(liveB, u);
      }
      if (!ok) {
        Bits.set(refused, x);
      }
    }
    return proposed;
  }

  /** Whether the keys at {@code i} of {@code a} and {@code j} of {@code b}, and the next ones, agree. */
  private static boolean agree(long[] a, long[] b, int i, int j, int step) {
    int i1 = i + step;
    int j1 = j + step;
    return i1 >= 0 && i1 < a.length && j1 >= 0 && j1 < b.length && a[i] == b[j] && a[i1] == b[j1];
  }

  private static final boolean TIMINGS = Boolean.getBoolean("heapdiff.timings");

  /** With {@code -Dheapdiff.timings=true}, prints how long the step just ended took on this thread. */
  private static long lap(String name, long t) {
    long now = System.nanoTime();
    if (TIMINGS) {
      System.err.printf("heapdiff: merge %-10s %6d ms (%s)%n", name, (now - t) / 1_000_000,
          Thread.currentThread().getName());
    }
    return now;
  }

  /**
   * The anchors: keys (sampled by their top bits) that exactly one object of each walk has, with
   * the two positions, in an open-addressing table.
   */
  static final class Anchors {
    private final long[] keys;
    private final boolean[] taken;
    private final int[] at;
    private final int[] bt;
    private final int mask;

    /** The anchors of two walks' keys. */
    Anchors(long[] a, long[] b) {
      this(a, places(a), b, places(b));
    }

    /** The places of the keys that may be anchors. */
    private static int[] places(long[] keys) {
      MatchSide.IntList out = new MatchSide.IntList(keys.length >>> 6);
      for (int r = 0; r < keys.length; r++) {
        if (sampled(keys[r])) {
          out.add(r);
        }
      }
      return out.toArray();
    }

    /**
     * @param aSampled the places in {@code a} of its keys that may be anchors ({@link #sampled}); the
     *     same for {@code bSampled}
     */
    Anchors(long[] a, int[] aSampled, long[] b, int[] bSampled) {
      int capacity = Integer.highestOneBit(Math.max(16, aSampled.length * 4));
      keys = new long[capacity];
      taken = new boolean[capacity];
      at = new int[capacity];
      bt = new int[capacity];
      Arrays.fill(at, -1);
      mask = capacity - 1;
      for (int r : aSampled) {
        int s = slot(a[r], true);
        if (s >= 0) {
          at[s] = at[s] == -1 ? r : -2;
        }
      }
      for (int r : bSampled) {
        int s = slot(b[r], false);
        if (s >= 0) {
          bt[s] = bt[s] == 0 ? r + 1 : -1; // r + 1: 0 is "none yet"
        }
      }
    }

    static boolean sampled(long key) {
      return key >>> ANCHOR_SHIFT == 0;
    }

    /** The table slot of {@code key}, added if {@code add}; -1 if absent. */
    private int slot(long key, boolean add) {
      for (int s = (int) MatchSide.mix(key) & mask; ; s = (s + 1) & mask) {
        if (!taken[s]) {
          if (!add) {
            return -1;
          }
          taken[s] = true;
          keys[s] = key;
          return s;
        }
        if (keys[s] == key) {
          return s;
        }
      }
    }

    /** The position in {@code b} of the anchor with {@code a}'s key, or -1 if it is none. */
    int inB(long key) {
      int s = slot(key, false);
      return s >= 0 && at[s] >= 0 && bt[s] > 0 ? bt[s] - 1 : -1;
    }
  }

  /**
   * One walk: per position of {@code a}, the position of {@code b} proposed, or -1. Forwards from
   * the start of both or backwards from their ends.
   */
  static int[] walk(long[] a, long[] b, Anchors anchors, boolean forwards) {
    return walk(a, b, anchors, forwards, new int[a.length]);
  }

  /**
   * {@link #walk(long[], long[], Anchors, boolean)} into the first {@code a.length} entries of {@code
   * out}, which it returns.
   */
  static int[] walk(long[] a, long[] b, Anchors anchors, boolean forwards, int[] out) {
    int na = a.length;
    int nb = b.length;
    int step = forwards ? 1 : -1;
    Arrays.fill(out, 0, na, -1);
    long[] used = new long[(nb + 63) >>> 6];
    // Dumps whose order is not kept differ everywhere: the walk then gives up early.
    long budget = 64L * na;
    int i = forwards ? 0 : na - 1;
    int j = forwards ? 0 : nb - 1;
    // After a jump back (to an anchor behind j in b): the first place in a it proposed for, where j
    // was, and how many proposals since; -1 once the run is long enough to stand.
    int backFrom = -1;
    int backJ = -1;
    int sinceBack = 0;
    while (i >= 0 && i < na) {
      boolean inB = j >= 0 && j < nb;
      if (inB && a[i] == b[j] && !Bits.get(used, j)) {
        out[i] = j;
        Bits.set(used, j);
        i += step;
        j += step;
        if (backFrom >= 0 && ++sinceBack >= MIN_BACK_RUN) {
          backFrom = -1;
        }
        continue;
      }
      // Nearby: the fewest objects skipped on the two sides (changed, gone or new) after which the
      // next two keys agree again; a bounded search, and a bounded total of them.
      boolean found = false;
      for (int skipped = 1; inB && skipped <= 2 * WINDOW && !found && budget > 0; skipped++) {
        for (int da = Math.max(0, skipped - WINDOW); da <= Math.min(skipped, WINDOW); da++) {
          budget--;
          if (agree(a, b, i + da * step, j + (skipped - da) * step, step)) {
            i += da * step;
            j += (skipped - da) * step;
            found = true;
            break;
          }
        }
      }
      if (found) {
        continue;
      }
      if (backFrom >= 0) {
        // A jump back whose run stopped short: what it proposed is taken back, and the walk goes on
        // from where it was in b. A block a collector moved down (G1's regions) is a long run; a new
        // object at the top of a equal to a gone one far below (a map's resized copy of a node) is
        // not, nor a short run of them.
        for (int k = backFrom; k != i; k += step) {
          if (out[k] >= 0) {
            used[out[k] >>> 6] &= ~(1L << out[k]);
            out[k] = -1;
          }
        }
        j = backJ;
        backFrom = -1;
        // Whether the jump below is back is asked of where the walk is now, not of where the run was.
        inB = j >= 0 && j < nb;
      }
      // Otherwise from the next anchor of a whose place in b is not taken.
      int next = -1;
      int p = -1;
      for (int k = i + step; k >= 0 && k < na && budget > 0; k += step) {
        budget--;
        if (Anchors.sampled(a[k])) {
          p = anchors.inB(a[k]);
          if (p >= 0 && !Bits.get(used, p)) {
            next = k;
            break;
          }
        }
      }
      if (next < 0) {
        break;
      }
      // What the jump skipped in a may end just where the anchor's run begins in b: back from the
      // anchor while the keys agree.
      int first = next;
      for (int k = next - step, q = p - step; k != i - step && k >= 0 && k < na && q >= 0 && q < nb
          && out[k] < 0 && !Bits.get(used, q) && a[k] == b[q]; k -= step, q -= step) {
        out[k] = q;
        Bits.set(used, q);
        first = k;
      }
      if (inB && (p - j) * step < 0 || !inB && (forwards ? j >= nb : j < 0)) {
        backFrom = first;
        backJ = j;
        sinceBack = Math.abs(next - first);
      }
      i = next;
      j = p;
    }
    if (backFrom >= 0) {
      // The walk ended on a jump back's run before it was long enough.
      for (int k = backFrom; k >= 0 && k < na && k != i; k += step) {
        if (out[k] >= 0) {
          out[k] = -1;
        }
      }
    }
    return out;
  }

  /**
   * What the matcher still has to weigh after this pass, per side: the objects left without a
   * partner, the objects that hold them or that they hold, and the partners of those of the other
   * side (so that every neighbour's partner is there too); which of them more than 64 objects of the
   * whole dump hold (the matcher's "popular", which it cannot count on a part of the dump); and the
   * pairs among them this pass made, flattened (object of {@code a}, object of {@code b}).
   */
  static final class Rest {
    final int[] membersA;
    final int[] membersB;
    final long[] popularA;
    final long[] popularB;
    final int[] pairs;

    private Rest(int[] membersA, int[] membersB, long[] popularA, long[] popularB, int[] pairs) {
      this.membersA = membersA;
      this.membersB = membersB;
      this.popularA = popularA;
      this.popularB = popularB;
      this.pairs = pairs;
    }
  }

  /**
   * Finds {@link Rest}: one pass over b's references, in two halves on two threads. A paired object
   * of a that holds an unpaired one is found from b: the merge kept a pair (x, y) other than of class
   * objects only if every reference of x holds the object proposed for y's, so an unpaired object
   * that x holds was proposed for the one y holds in that place, and refused, which left that one
   * unpaired too: y is a paired object of b that holds an unpaired one, and x joins as its partner.
   * Class objects, paired by their classes whatever they hold, are looked at themselves. Once: it
   * lets go of the walks' address orders and counts.
   */
  Rest rest(HeapGraph ga, long[] liveA, HeapGraph gb, long[] liveB) {
    FutureTask<long[]> other = Matching.inBackground("heapdiff-merge-rest", () -> unpaired(liveA, aToB));
    long[] unpairedB = Matching.alongside(other, () -> unpaired(liveB, bToA));
    long[] unpairedA = Matching.join(other);
    long[] inB = unpairedB.clone();
    int half = (gb.objectCount() / 2) & ~63;
    FutureTask<Void> upper = Matching.inBackground("heapdiff-merge-rest", () -> {
      holdersOfUnpaired(gb, liveB, unpairedB, inB, half, gb.objectCount());
      return null;
    });
    Matching.runAlongside(upper, () -> holdersOfUnpaired(gb, liveB, unpairedB, inB, 0, half));
    Matching.join(upper);
    long[] inA = unpairedA.clone();
    for (HeapClass c : ga.classes()) {
      int x = c.objectIndex();
      if (x >= 0 && Bits.get(liveA, x) && aToB[x] >= 0) {
        holdersOfUnpaired(ga, liveA, unpairedA, inA, x, x + 1);
      }
    }
    heldByUnpaired(ga, liveA, unpairedA, inA);
    heldByUnpaired(gb, liveB, unpairedB, inB);
    addPartners(inA, inB);
    int[] membersA = members(inA, a.seq, a.size);
    int[] membersB = members(inB, b.seq, b.size);
    MatchSide.IntList pairs = new MatchSide.IntList(1024);
    for (int x : membersA) {
      if (aToB[x] >= 0) {
        pairs.add(x);
        pairs.add(aToB[x]);
      }
    }
    Rest rest = new Rest(membersA, membersB, popular(membersA, a.degree), popular(membersB, b.degree),
        pairs.toArray());
    a.seq = null;
    a.degree = null;
    b.seq = null;
    b.degree = null;
    return rest;
  }

  /** Partners of neighbours: a neighbour is paired, so its partner joins the other side. */
  private void addPartners(long[] inA, long[] inB) {
    long[] addA = new long[inA.length];
    for (int y = Bits.next(inB, 0); y >= 0; y = Bits.next(inB, y + 1)) {
      if (bToA[y] >= 0) {
        Bits.set(addA, bToA[y]);
      }
    }
    for (int x = Bits.next(inA, 0); x >= 0; x = Bits.next(inA, x + 1)) {
      if (aToB[x] >= 0) {
        Bits.set(inB, aToB[x]);
      }
    }
    for (int w = 0; w < inA.length; w++) {
      inA[w] |= addA[w];
    }
  }

  /**
   * Sets in {@code in} the live objects in {@code [from, to)} (from a multiple of 64, or one object)
   * that are not in {@code unpaired} and hold one that is.
   */
  private static void holdersOfUnpaired(HeapGraph graph, long[] live, long[] unpaired, long[] in, int from,
      int to) {
    for (int x = Bits.next(live, from); x >= 0 && x < to; x = Bits.next(live, x + 1)) {
      if (!Bits.get(unpaired, x)) {
        for (int k = 0, refs = graph.referenceCount(x); k < refs; k++) {
          if (Bits.get(unpaired, graph.reference(x, k))) {
            Bits.set(in, x);
            break;
          }
        }
      }
    }
  }

  /**
   * Sets in {@code in} the live objects that objects of {@code unpaired} hold. Of an array whose
   * elements the matcher weighs a sample of ({@link Evidence#sampleStep}), only the elements sampled:
   * a map's new table of millions of slots would otherwise bring in every entry.
   */
  private static void heldByUnpaired(HeapGraph graph, long[] live, long[] unpaired, long[] in) {
    for (int x = Bits.next(unpaired, 0); x >= 0; x = Bits.next(unpaired, x + 1)) {
      int refs = graph.referenceCount(x);
      if (refs > 1 && graph.kind(x) == ObjectKind.OBJECT_ARRAY && Evidence.sampleStep(graph.arrayLength(x)) > 1) {
        sampledElements(graph, live, x, in);
      } else {
        for (int k = 0; k < refs; k++) {
          int t = graph.reference(x, k);
          if (Bits.get(live, t)) {
            Bits.set(in, t);
          }
        }
      }
    }
  }

  /**
   * Of a large object array, only the sampled elements are read: a map's table may have millions. A
   * method of its own, which the JIT leaves out of {@link #heldByUnpaired}'s compiled loop.
   */
  private static void sampledElements(HeapGraph graph, long[] live, int array, long[] in) {
    for (int k = 0, n = graph.arrayLength(array), step = Evidence.sampleStep(n); k < n; k += step) {
      long id = (Long) graph.arrayElement(array, k);
      int t = id == 0 ? -1 : graph.indexOf(id);
      if (t >= 0 && Bits.get(live, t)) {
        Bits.set(in, t);
      }
    }
  }

  /** The live objects without a partner (bits). */
  private static long[] unpaired(long[] live, int[] partner) {
    long[] unpaired = new long[live.length];
    for (int w = 0; w < live.length; w++) {
      long bits = 0;
      for (long word = live[w]; word != 0; word &= word - 1) {
        int x = (w << 6) + Long.numberOfTrailingZeros(word);
        bits |= partner[x] < 0 ? 1L << x : 0;
      }
      unpaired[w] = bits;
    }
    return unpaired;
  }

  /**
   * The objects of {@code bits}, in address order ({@code seq}: its first {@code size} entries are the
   * live objects in that order).
   */
  private static int[] members(long[] bits, int[] seq, int size) {
    int[] out = new int[Bits.count(bits)];
    int n = 0;
    for (int r = 0; r < size; r++) {
      int i = seq[r];
      if (Bits.get(bits, i)) {
        out[n++] = i;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * Bits over the local indexes of {@code members}: those held more than {@link MatchSide#POPULAR}
   * times.
   */
  private static long[] popular(int[] members, byte[] degree) {
    long[] out = new long[(members.length + 63) >>> 6];
    for (int k = 0; k < members.length; k++) {
      if (degree[members[k]] > MatchSide.POPULAR) {
        Bits.set(out, k);
      }
    }
    return out;
  }
}
