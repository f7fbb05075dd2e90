package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapField;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapThread;
import dev.heapdiff.internal.Bits;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;

/**
 * The fixpoint that pairs the objects of two dumps: anchors first (class objects, class loaders,
 * threads by {@code tid}), then a sweep from every newly matched pair that pairs its sole-held
 * referents of equal keys at once, and a worklist of the unmatched neighbours it wakes, each of
 * which is paired with its best candidate only when the evidence is strong and
 * unambiguous from both sides; when the worklist runs dry, colour refinement pairs objects whose
 * contents and surroundings are unique and equal, and the worklist runs again, until nothing changes.
 * Where the two dumps keep address order ({@link AddressOrder}), pairs against it are refused, the
 * pairs made early are checked again after each round, and ties of equal contents are broken.
 */
final class Matcher {
  /** The least score a pair needs. */
  private static final double MIN_SCORE = 0.75;
  /** How far the best candidate must be ahead of the runner-up, from either side. */
  private static final double MARGIN = 0.8;
  /** How many times an object is weighed before it waits for twice as many matched neighbours. */
  private static final int FREE_EVALUATIONS = 4;
  private static final int MAX_ROUNDS = 12;
  /**
   * A round that keeps fewer than one pair in this many of the pairs still possible, and whose
   * pairs lead to no others, is the last.
   */
  private static final int SETTLED = 1000;
  /** A sweep level with at least this many pairs is split between two threads. */
  private static final int PARALLEL_LEVEL = 16_384;
  /** {@link #how} of a pair made by the sweep. */
  private static final byte SWEPT = 4;

  final MatchSide a;
  final MatchSide b;
  private final ClassPairing classes;
  private final Evidence evidence;
  private final AddressOrder order;
  /** Pairs the address order undid ({@link #pairKey}): they are not made again. */
  private final Set<Long> undone = new HashSet<>();
  /** The worklist: a ring of {@code queued} objects from {@code head}, grown when full. */
  private int[] queue = new int[1024];
  private int head;
  private int tail;
  private int queued;
  private final boolean[] inQueue;
  private final byte[] evaluations;
  private final int[] matchedNeighbours;
  private final int[] matchedNeighboursAtEvaluation;
  private final MatchSide.IntList candidates = new MatchSide.IntList(16);
  private final MatchSide.IntList reverse = new MatchSide.IntList(16);
  private double[] scores = new double[16];
  /** For each candidate, {@link Evidence#agreeingReferences}. */
  private int[] agreeing = new int[16];
  /** Objects of {@code a} matched and not yet swept, in the order matched ({@code ~x} if swept). */
  private int[] swept = new int[1024];
  /** Room for sorting a sweep level ({@link IntSort}). */
  private int[] sortScratch = new int[0];
  private int sweptHead;
  private int sweptTail;
  private final Sweeper[] sweepers = {new Sweeper(), new Sweeper()};
  /**
   * Pairs the sweep made (their objects of {@code a}) that the address order does not count yet;
   * when there are too many, the order counts all pairs afresh instead ({@link #orderStale}).
   */
  private final MatchSide.IntList orderPending = new MatchSide.IntList(1024);
  private boolean orderStale;
  /** {@link #how} of a pair given before the matcher ran ({@link #preset}). */
  private static final byte PRESET = 5;
  /**
   * How each object of {@code a} was matched: 0 not, 1 anchor, 2 signature, 3 evidence, 4 sweep, 5
   * preset.
   */
  final byte[] how;
  /** The live objects of each side. */
  private final int liveA;
  private final int liveB;
  int anchors;
  int bySweep;
  int bySignature;
  int byEvidence;
  int rounds;

  Matcher(MatchSide a, MatchSide b, ClassPairing classes) {
    this.a = a;
    this.b = b;
    this.classes = classes;
    this.evidence = new Evidence(a, b, classes);
    this.order = new AddressOrder(a, b);
    this.inQueue = new boolean[a.count];
    this.evaluations = new byte[a.count];
    this.matchedNeighbours = new int[a.count];
    this.matchedNeighboursAtEvaluation = new int[a.count];
    this.how = new byte[a.count];
    this.liveA = Bits.count(a.live);
    this.liveB = Bits.count(b.live);
  }

  void run() {
    phase("construct");
    anchor();
    phase("anchor");
    learnOrder();
    phase("learnOrder");
    propagate();
    phase("first pairs");
    for (rounds = 1; rounds <= MAX_ROUNDS; rounds++) {
      if (rounds == 1) {
        // What the first pairs teach about each field changes the weighing: weigh the rest again.
        Stability.learn(a, b, classes, this::sweptOrPreset);
        phase("stability");
        learnOrder();
        phase("learnOrder");
        requeue();
        phase("requeue");
        propagate();
        phase("learned, again");
      }
      int atStart = a.matched;
      int made = matchAll(Signatures.uniquePairs(a, b, classes, 2), true);
      phase("unique");
      // Colours that several unmatched objects share: where the order is kept, the one of that
      // colour between the partners of an object's matched neighbours in address order.
      if (order.on()) {
        long[][] plain = Signatures.plainColours(a, b);
        syncOrder();
        made += matchAll(order.tiesInOrder(plain[0], plain[1]), false);
        syncOrder();
        // Made, and asked of the order, while only the longest chain counts as neighbours.
        made += matchAll(order.tiesInLongestOrder(), false);
        order.countAllAgain();
      }
      bySignature += made;
      phase("ties");
      made += reconsider();
      phase("colours, order");
      if (made == 0) {
        break;
      }
      int beforePropagation = a.matched;
      propagate();
      phase("round " + rounds);
      // A round whose last propagation made no pairs and whose colours and ties kept fewer than one
      // pair in SETTLED of the pairs still possible (live objects unmatched, on the side with fewer)
      // has nothing left to settle (another round finds about as little again: on the bench, 11
      // pairs, all undone by the order, for 0.17 s); nor has one that ends with as many pairs as the
      // round before (pairs the order undid, made again otherwise, undone again).
      long stillPossible = Math.min(liveA, liveB) - a.matched;
      if (a.matched == beforePropagation && (a.matched - atStart) * (long) SETTLED < stillPossible
          || a.matched == pairsAfterRound) {
        break;
      }
      pairsAfterRound = a.matched;
    }
  }

  /** How many pairs there were after the last round. */
  private int pairsAfterRound = -1;

  private static final boolean TIMINGS = Boolean.getBoolean("heapdiff.timings");
  private long phaseStart = System.nanoTime();
  private long phaseCpu = Matching.threadCpu();
  private long phaseAllocated = Matching.threadAllocated();

  /**
   * With {@code -Dheapdiff.timings=true}, prints how long the phase just ended took (wall and this
   * thread's CPU time), how much this thread allocated, and how many objects are paired.
   */
  private void phase(String name) {
    if (TIMINGS) {
      long now = System.nanoTime();
      long cpu = Matching.threadCpu();
      long allocated = Matching.threadAllocated();
      System.err.printf("heapdiff: match %-16s %6d ms (cpu %6d ms) alloc %5d MB, %,d paired (%,d swept,"
              + " %,d by evidence), address order %s%n", name, (now - phaseStart) / 1_000_000,
          (cpu - phaseCpu) / 1_000_000, (allocated - phaseAllocated) / 1_000_000, a.matched, bySweep, byEvidence,
          order.on() ? "on" : "off");
      phaseStart = now;
      phaseCpu = cpu;
      phaseAllocated = allocated;
    }
  }

  /**
   * Lets the address order learn from the pairs made so far (then it counts them all afresh): with
   * pairs given ({@link #preset}: the address-order merge's), from them and the anchors only, as the
   * merge found the order kept; otherwise from all but the sweep's. Pairs the matcher makes on weak
   * votes of the order can be wrong in runs in order among themselves (new values in the place of old
   * ones, a map's resize copies beside them, in real Parallel dumps), and turned it off, after which
   * nothing refused them.
   */
  private void learnOrder() {
    orderPending.size = 0;
    orderStale = false;
    order.learn(presets > 0 ? x -> how[x] == PRESET || how[x] == 1 : x -> how[x] != SWEPT);
  }

  /** How many pairs were given ({@link #preset}). */
  private int presets;

  /** Brings the address order up to date with the pairs the sweep made, before it is asked. */
  private void syncOrder() {
    if (orderStale) {
      order.countAll();
    } else {
      for (int k = 0; k < orderPending.size; k++) {
        int x = orderPending.data[k];
        order.matched(x, a.partner[x]);
      }
    }
    orderPending.size = 0;
    orderStale = false;
  }

  /**
   * Makes the pairs {@code (a index, b index)}, flattened, that are still possible; returns how many.
   * Pairs of equal colours ({@code byColour}) that replace an array whose elements never change are
   * not: colours look two references deep, and a row's replaced value may be three deep.
   */
  private int matchAll(int[] pairs, boolean byColour) {
    int made = 0;
    for (int k = 0; k < pairs.length; k += 2) {
      if (a.partner[pairs[k]] < 0 && evidence.compatible(a, pairs[k], pairs[k + 1])
          && !(byColour && evidence.replacesInvariantArray(a, pairs[k], pairs[k + 1]))
          && !outOfOrder(pairs[k], pairs[k + 1])) {
        match(pairs[k], pairs[k + 1]);
        how[pairs[k]] = 2;
        made++;
      }
    }
    return made;
  }

  /**
   * Undoes the pairs made by evidence or signature that the address order refuses now that more
   * neighbours are matched (a pair is made when few of them are), and queues their objects to be
   * weighed again. Returns how many pairs it undid. The sweep's pairs, and pairs a trusted referrer
   * holds in the same slot ({@link #heldByTrustedPair}), are not undone on the order's word: copying
   * collections (G1's young and mixed ones) leave runs of survivors in other orders.
   */
  private int reconsider() {
    if (!order.on()) {
      return 0;
    }
    syncOrder();
    MatchSide.IntList refused = new MatchSide.IntList(16);
    long[] outside = order.countLongestOrderOnly(this::sweptOrPreset);
    long[] trusted = trustedByHolders(outside);
    for (int x = Bits.next(outside, 0); x >= 0; x = Bits.next(outside, x + 1)) {
      boolean bySignatureOrEvidence = how[x] == 2 || how[x] == 3;
      if (bySignatureOrEvidence && !order.movedAsABlock(x) && !Bits.get(trusted, x)
          && (order.refuses(a, x, a.partner[x]) || order.outsideChain(x, a.partner[x]))) {
        refused.add(x);
      }
    }
    order.countAllAgain();
    for (int k = 0; k < refused.size; k++) {
      int x = refused.data[k];
      int y = a.partner[x];
      a.partner[x] = -1;
      b.partner[y] = -1;
      a.unmatchedSince.add(x);
      b.unmatchedSince.add(y);
      a.matched--;
      b.matched--;
      order.unmatched(x, y);
      undone.add(pairKey(x, y));
      if (how[x] == 2) {
        bySignature--;
      } else {
        byEvidence--;
      }
      how[x] = 0;
      weighAfresh(x);
    }
    return refused.size;
  }

  /**
   * The pairs outside the chain (bits over {@code a}) that are {@link #heldByTrustedPair}, and, in
   * turn, those that such a pair holds in the slot where its partner holds theirs: a structure a
   * copying collection moved keeps its places from a trusted holder down. Pairs a new structure's
   * untrusted root holds (a map's new table and its copied nodes) are not reached.
   */
  private long[] trustedByHolders(long[] outside) {
    long[] trusted = new long[outside.length];
    MatchSide.IntList work = new MatchSide.IntList(64);
    for (int x = Bits.next(outside, 0); x >= 0; x = Bits.next(outside, x + 1)) {
      if (heldByTrustedPair(x, outside)) {
        Bits.set(trusted, x);
        work.add(x);
      }
    }
    while (work.size > 0) {
      int x = work.data[--work.size];
      int y = a.partner[x];
      for (int k = 0, n = a.slotCount(x); k < n; k++) {
        int xs = a.slots[a.slotStart[x] + k];
        if (xs >= 0 && Bits.get(outside, xs) && !Bits.get(trusted, xs) && b.slot(y, k) == a.partner[xs]) {
          Bits.set(trusted, xs);
          work.add(xs);
        }
      }
    }
    return trusted;
  }

  /**
   * Whether a referrer of {@code x} of {@code a} holds it in the slot where the referrer's partner
   * holds {@code x}'s partner, and that referrer's pair is one the order does not question (in the
   * longest chain, an anchor, or made by the sweep): the pair then has its place from a trusted
   * neighbour in the graph, whatever the addresses say (a survivor a copying collection moved).
   */
  private boolean heldByTrustedPair(int x, long[] outside) {
    int y = a.partner[x];
    for (int e = a.inStart[x]; e < a.inStart[x + 1]; e++) {
      int p = a.inFrom[e];
      int q = a.partner[p];
      if (q >= 0 && b.slot(q, a.inSlot[e]) == y && (!Bits.get(outside, p) || sweptOrPreset(p) || how[p] == 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code x} of {@code a} was paired by the sweep or given ({@link #preset}): pairs of equal
   * contents in their places, made without asking the address order.
   */
  private boolean sweptOrPreset(int x) {
    return how[x] == SWEPT || how[x] == PRESET;
  }

  private static long pairKey(int x, int y) {
    return (long) x << 32 | y;
  }

  /**
   * Whether the address order refuses {@code x} of {@code a} and {@code y} of {@code b}, or did;
   * every question to the order comes through here (or {@link #reconsider}, or the ties), after
   * {@link #syncOrder}.
   */
  private boolean outOfOrder(int x, int y) {
    syncOrder();
    return order.refuses(a, x, y) && !heldInPlaceByTrustedPair(x, y)
        || !undone.isEmpty() && undone.contains(pairKey(x, y));
  }

  /**
   * Whether a pair that the address order does not question (an anchor, the sweep's, a preset one)
   * holds {@code x} in the slot where its partner holds {@code y}: a structure moved by a copying
   * collection keeps its places from its holder, and {@link #reconsider} does not undo such a pair
   * either. Matters where the order is on before the first pairs are weighed (the matcher started
   * from preset pairs).
   */
  private boolean heldInPlaceByTrustedPair(int x, int y) {
    for (int e = a.inStart[x]; e < a.inStart[x + 1]; e++) {
      int p = a.inFrom[e];
      int q = a.partner[p];
      if (q >= 0 && (sweptOrPreset(p) || how[p] == 1) && b.slot(q, a.inSlot[e]) == y) {
        return true;
      }
    }
    return false;
  }

  /** Queues every unmatched object that has a matched neighbour, to be weighed afresh. */
  private void requeue() {
    for (int x = MatchSide.next(a, 0); x >= 0; x = MatchSide.next(a, x + 1)) {
      if (a.partner[x] < 0 && matchedNeighbours[x] > 0) {
        weighAfresh(x);
      }
    }
  }

  /** Queues unmatched {@code x} as if it had never been weighed. */
  private void weighAfresh(int x) {
    matchedNeighboursAtEvaluation[x] = 0;
    evaluations[x] = 0;
    enqueue(x);
  }

  /** Puts {@code x} at the end of the worklist unless it is on it. */
  private void enqueue(int x) {
    if (inQueue[x]) {
      return;
    }
    inQueue[x] = true;
    if (queued == queue.length) {
      // Full: the ring unrolled into one twice as long, head first.
      int[] grown = new int[2 * queue.length];
      System.arraycopy(queue, head, grown, 0, queue.length - head);
      System.arraycopy(queue, 0, grown, queue.length - head, head);
      head = 0;
      tail = queued;
      queue = grown;
    }
    queue[tail] = x;
    tail = tail + 1 == queue.length ? 0 : tail + 1;
    queued++;
  }

  /**
   * Makes the pairs {@code (a index, b index)}, flattened, known before the matcher runs (local
   * indexes of both sides): counted as matched, never undone, and queued to be swept from, as every
   * new pair is. The matcher then trusts them as it trusts the sweep's pairs: the address order
   * does not question them, and they do not count as evidence of changed fields. Call before {@link
   * #run}.
   *
   * @throws IllegalArgumentException if an object of a pair is not live, or is in another pair
   */
  void preset(int[] pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("pairs flattened: an even number of indexes expected");
    }
    for (int k = 0; k < pairs.length; k += 2) {
      int x = pairs[k];
      int y = pairs[k + 1];
      if (x < 0 || y < 0 || !a.isLive(x) || !b.isLive(y) || a.partner[x] >= 0 || b.partner[y] >= 0) {
        throw new IllegalArgumentException("preset pair (" + x + ", " + y + ") of objects not live, or paired");
      }
      match(x, y);
      how[x] = PRESET;
      presets++;
    }
  }

  private void anchor() {
    List<HeapClass> classesA = a.graph.classes();
    List<HeapClass> classesB = b.graph.classes();
    for (int c = 0; c < classes.aToB.length; c++) {
      if (classes.aToB[c] >= 0) {
        anchorPair(a.local(classesA.get(c).objectIndex()), b.local(classesB.get(classes.aToB[c]).objectIndex()));
      }
    }
    for (Map.Entry<Long, Long> loader : classes.loaders.entrySet()) {
      if (loader.getKey() != 0) {
        int x = a.local(a.graph.indexOf(loader.getKey()));
        int y = b.local(b.graph.indexOf(loader.getValue()));
        if (x >= 0 && y >= 0 && evidence.compatible(a, x, y)) {
          anchorPair(x, y);
        }
      }
    }
    // Threads by tid, in graph indexes (a tid that two threads of b share anchors none of them).
    Map<Long, Integer> threadsB = new HashMap<>();
    for (HeapThread t : b.graph.threads()) {
      Long tid = tid(b.graph, t.object());
      if (tid != null) {
        threadsB.merge(tid, t.object(), (p, q) -> -1);
      }
    }
    for (HeapThread t : a.graph.threads()) {
      Long tid = tid(a.graph, t.object());
      Integer yInGraph = tid == null ? null : threadsB.get(tid);
      int x = a.local(t.object());
      int y = yInGraph == null || yInGraph < 0 ? -1 : b.local(yInGraph);
      if (x >= 0 && y >= 0 && evidence.compatible(a, x, y)) {
        anchorPair(x, y);
      }
    }
  }

  private static Long tid(HeapGraph graph, int thread) {
    if (thread < 0) {
      return null;
    }
    return graph.field(thread, "tid").map(HeapField::value).filter(v -> v instanceof Long).map(v -> (Long) v)
        .orElse(null);
  }

  private void anchorPair(int x, int y) {
    if (x >= 0 && y >= 0 && a.isLive(x) && b.isLive(y) && a.partner[x] < 0 && b.partner[y] < 0) {
      match(x, y);
      how[x] = 1;
      anchors++;
    }
  }

  private void match(int x, int y) {
    a.partner[x] = y;
    b.partner[y] = x;
    a.matched++;
    b.matched++;
    order.matched(x, y);
    addSwept(1);
    swept[sweptTail++] = x;
  }

  /**
   * Sweeps the pairs matched since the last sweep, level by level: a referent of a pair that is
   * held by nothing else on either side, in the same slot, with the same {@link MatchSide#sweepKey}
   * (class, contents, and its referents' classes and contents) as its counterpart is paired at once
   * (most of a heap that did not change); every other unmatched neighbour is woken to be weighed.
   * A sole-held object is looked at only from its one holder, so the pairs of one level touch
   * disjoint objects, and a large level is split between two threads.
   */
  private void sweep() {
    sweepers[0].orderOn = order.on();
    sweepers[1].orderOn = order.on();
    while (sweptHead < sweptTail) {
      int from = sweptHead;
      int to = sweptTail;
      sweptHead = to;
      if (to - from < PARALLEL_LEVEL) {
        for (int k = from; k < to; k++) {
          sweepers[0].sweep(swept[k]);
          collect(sweepers[0]);
        }
      } else {
        // In index order, a level's reads of both dumps' arrays are near one another, not at random.
        if (sortScratch.length < to - from) {
          sortScratch = new int[Math.max(to - from, 2 * sortScratch.length)];
        }
        IntSort.sort(swept, from, to, sortScratch);
        int middle = from + (to - from) / 2;
        FutureTask<Void> half = Matching.inBackground("heapdiff-sweep", () -> {
          sweepers[1].sweepAll(swept, middle, to);
          return null;
        });
        Matching.runAlongside(half, () -> sweepers[0].sweepAll(swept, from, middle));
        Matching.join(half);
        collect(sweepers[0]);
        collect(sweepers[1]);
      }
    }
    sweptHead = 0;
    sweptTail = 0;
  }

  /** Makes room for {@code n} more entries on the sweep queue. */
  private void addSwept(int n) {
    if (swept.length - sweptTail < n) {
      swept = Arrays.copyOf(swept, Math.max(2 * swept.length, sweptTail + n));
    }
  }

  /** Takes what a sweeper found: its pairs go on the sweep queue, the objects it woke on the worklist. */
  private void collect(Sweeper s) {
    a.matched += s.paired;
    b.matched += s.paired;
    bySweep += s.paired;
    s.paired = 0;
    if (order.on() && !orderStale) {
      // Told to the order only when it is next asked; past a point, it counts all pairs afresh then.
      if (orderPending.size + s.pairs.size > a.count / 32) {
        orderStale = true;
        orderPending.size = 0;
      } else {
        for (int k = 0; k < s.pairs.size; k++) {
          orderPending.add(s.pairs.data[k]);
        }
      }
    }
    s.pairs.size = 0;
    addSwept(s.children.size);
    System.arraycopy(s.children.data, 0, swept, sweptTail, s.children.size);
    sweptTail += s.children.size;
    s.children.size = 0;
    for (int k = 0; k < s.woken.size; k++) {
      wake(s.woken.data[k]);
    }
    s.woken.size = 0;
  }

  /** The work of one thread in a sweep: writes only the partners of the objects it pairs. */
  private final class Sweeper {
    /** Sweep-queue entries: {@code ~x} for an object paired by the sweep. */
    final MatchSide.IntList children = new MatchSide.IntList(1024);
    final MatchSide.IntList woken = new MatchSide.IntList(1024);
    /** The objects of {@code a} it paired, while the address order is on. */
    final MatchSide.IntList pairs = new MatchSide.IntList(1024);
    int paired;

    /** Whether the address order was on when the level began (it changes only between sweeps). */
    boolean orderOn;

    void sweepAll(int[] entries, int from, int to) {
      for (int k = from; k < to; k++) {
        sweep(entries[k]);
      }
    }

    /** Sweeps one entry of the sweep queue: {@code x}, or {@code ~x} for an object the sweep paired. */
    void sweep(int entry) {
      boolean sweptHere = entry < 0;
      int x = sweptHere ? ~entry : entry;
      int y = a.partner[x];
      if (y < 0) {
        return; // undone by the address order before it was swept
      }
      int xBase = a.slotStart[x];
      int xEnd = a.slotStart[x + 1];
      int yBase = b.slotStart[y];
      int n = Math.min(xEnd - xBase, b.slotStart[y + 1] - yBase);
      for (int k = 0; k < n; k++) {
        int xs = a.slots[xBase + k];
        if (xs < 0 || a.partner[xs] >= 0) {
          continue;
        }
        int ys = b.slots[yBase + k];
        long key = a.sweepKey[xs];
        if (ys >= 0 && key == b.sweepKey[ys] && b.partner[ys] < 0) {
          a.partner[xs] = ys;
          b.partner[ys] = xs;
          how[xs] = SWEPT;
          paired++;
          if (orderOn) {
            pairs.add(xs);
          }
          if ((key & MatchSide.LEAF) == 0) {
            // A leaf has nothing to sweep: its one referrer is x, and it holds nothing.
            children.add(~xs);
          }
        } else {
          woken.add(xs);
        }
      }
      for (int k = xBase + n; k < xEnd; k++) {
        if (a.slots[k] >= 0) {
          woken.add(a.slots[k]);
        }
      }
      if (!sweptHere) {
        // A swept object's one referrer is the pair it was swept from: nothing to wake there.
        for (int e = a.inStart[x]; e < a.inStart[x + 1]; e++) {
          woken.add(a.inFrom[e]);
        }
      }
    }
  }

  private void wake(int x) {
    if (x < 0 || a.partner[x] >= 0) {
      return;
    }
    matchedNeighbours[x]++;
    enqueue(x);
  }

  private void propagate() {
    sweep();
    while (queued > 0) {
      int x = queue[head];
      head = head + 1 == queue.length ? 0 : head + 1;
      queued--;
      inQueue[x] = false;
      if (a.partner[x] >= 0) {
        continue;
      }
      if (evaluations[x] >= FREE_EVALUATIONS && matchedNeighbours[x] < 2 * matchedNeighboursAtEvaluation[x]) {
        continue;
      }
      if (evaluations[x] < Byte.MAX_VALUE) {
        evaluations[x]++;
      }
      matchedNeighboursAtEvaluation[x] = matchedNeighbours[x];
      decide(x);
      sweep();
    }
  }

  /**
   * Weighs unmatched {@code x} ({@link #pairWithBest}); an array whose elements never change that
   * stays unmatched may be a copy of an old one with an element replaced ({@link #pairCopiedElements}).
   */
  private void decide(int x) {
    if (!pairWithBest(x) && rounds > 0 && a.kinds[x] == MatchSide.OBJECT_ARRAY
        && a.invariantElements[a.classIndexOf(x)]) {
      pairCopiedElements(x);
    }
  }

  /**
   * For unmatched {@code x}, an array of a class whose elements never change: a new array made from an
   * old one with one element replaced (a row's values after an update) holds the old one's other
   * elements. When one unmatched array of the other side has more elements in common with it than any
   * other, and it with none other as many ({@link Evidence#sharedElements}), the unmatched objects
   * without references of equal contents in the same places of the two are paired: the copied
   * values. The arrays themselves stay apart.
   */
  private void pairCopiedElements(int x) {
    evidence.candidates(a, x, candidates);
    int best = -1;
    int bestShared = 0;
    int second = 0;
    for (int k = 0; k < candidates.size; k++) {
      int shared = evidence.sharedElements(a, x, candidates.data[k]);
      if (shared > bestShared) {
        second = bestShared;
        bestShared = shared;
        best = candidates.data[k];
      } else if (shared > second) {
        second = shared;
      }
    }
    if (best < 0 || bestShared == second) {
      return;
    }
    evidence.candidates(b, best, reverse);
    for (int k = 0; k < reverse.size; k++) {
      int other = reverse.data[k];
      if (other != x && evidence.sharedElements(b, best, other) >= bestShared) {
        return;
      }
    }
    int n = a.slotCount(x);
    for (int k = 0; k < n; k++) {
      int ex = a.slots[a.slotStart[x] + k];
      int ey = b.slots[b.slotStart[best] + k];
      if (ex >= 0 && ey >= 0 && evidence.copiedValue(a, ex, ey) && !outOfOrder(ex, ey)) {
        match(ex, ey);
        how[ex] = 3;
        byEvidence++;
      }
    }
  }

  /**
   * Pairs {@code x} with its best candidate if the evidence is strong and unambiguous both ways;
   * returns whether it did.
   */
  private boolean pairWithBest(int x) {
    evidence.candidates(a, x, candidates);
    if (scores.length < candidates.size) {
      scores = new double[candidates.data.length];
      agreeing = new int[candidates.data.length];
    }
    for (int k = 0; k < candidates.size; k++) {
      scores[k] = evidence.score(a, x, candidates.data[k]);
      agreeing[k] = evidence.agreeingReferences;
    }
    // The best candidate the address order does not refuse (asked only of the few that matter).
    int top;
    while (true) {
      top = -1;
      for (int k = 0; k < candidates.size; k++) {
        if (top < 0 ? scores[k] > Double.NEGATIVE_INFINITY : scores[k] > scores[top]) {
          top = k;
        }
      }
      if (top < 0 || scores[top] < MIN_SCORE) {
        return false;
      }
      if (!outOfOrder(x, candidates.data[top])) {
        break;
      }
      scores[top] = Double.NEGATIVE_INFINITY;
    }
    int best = candidates.data[top];
    double bestScore = scores[top];
    int bestAgreeing = agreeing[top];
    if (rounds == 0 && evidence.replacesArray(a, x, best, true)) {
      // An array that differs in an element, or the holder of one: weighed again once it is learned
      // whether arrays of that class ever change an element.
      return false;
    }
    if (rounds == 0 && a.kinds[x] == MatchSide.INSTANCE && a.slotCount(x) == 0 && a.content[x] != b.content[best]) {
      // An object with no references whose contents differ: only its place speaks for the pair (a
      // cache's slot, where a new value took an old one's place). Weighed again once the fields'
      // stability is learned from the other pairs: a field that none of them shows changed, such as
      // a value object's value, then weighs heavily against it.
      return false;
    }
    // A runner-up must trail by the margin; a lone candidate needs only the least score. A runner-up
    // within the margin does not stand in the way when the best makes far more references agree
    // (Evidence.outnumbers): weights learned from the pairs made so far can rate two own fields that
    // agree above six links that do. Deleting a tree entry with two children moves its successor's
    // key and value into it and unlinks the successor: the entry keeps its place (its three links and
    // the three references to it), and the gone successor, which it now resembles by contents, agrees
    // with it in those two fields only.
    for (int k = 0; k < candidates.size; k++) {
      if (k != top && scores[k] > bestScore - MARGIN && !Evidence.outnumbers(bestAgreeing, agreeing[k])
          && !outOfOrder(x, candidates.data[k])) {
        return false;
      }
    }
    evidence.candidates(b, best, reverse);
    for (int k = 0; k < reverse.size; k++) {
      int other = reverse.data[k];
      if (other != x && evidence.score(b, best, other) > bestScore - MARGIN
          && !Evidence.outnumbers(bestAgreeing, evidence.agreeingReferences) && !outOfOrder(other, best)) {
        return false;
      }
    }
    if (evidence.sweepsPartsOfARival(a, x, best)) {
      // The pair would make the sweep pair parts that a rival's matched neighbours claim: weighed again
      // once the rival, woken when those neighbours were paired, has had its turn.
      return false;
    }
    match(x, best);
    how[x] = 3;
    byEvidence++;
    return true;
  }
}
