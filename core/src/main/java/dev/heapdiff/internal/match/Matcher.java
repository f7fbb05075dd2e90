package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapField;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapThread;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;

/**
 * The fixpoint that pairs the objects of two dumps: anchors first (class objects, class loaders,
 * threads by {@code tid}), then a worklist in which every newly matched pair wakes its unmatched
 * neighbours, each of which is paired with its best candidate only when the evidence is strong and
 * unambiguous from both sides; when the worklist runs dry, colour refinement pairs objects whose
 * contents and surroundings are unique and equal, and the worklist runs again, until nothing changes.
 */
final class Matcher {
  /** The least score a pair needs. */
  private static final double MIN_SCORE = 0.75;
  /** How far the best candidate must be ahead of the runner-up, from either side. */
  private static final double MARGIN = 1.0;
  /** How many times an object is weighed before it waits for twice as many matched neighbours. */
  private static final int FREE_EVALUATIONS = 4;
  private static final int MAX_ROUNDS = 12;
  /** A sweep level with at least this many pairs is split between two threads. */
  private static final int PARALLEL_LEVEL = 16_384;

  private final MatchSide a;
  private final MatchSide b;
  private final ClassPairing classes;
  private final Evidence evidence;
  private final int[] queue;
  private int head;
  private int tail;
  private int queued;
  private final boolean[] inQueue;
  private final byte[] evaluations;
  private final int[] matchedNeighbours;
  private final int[] matchedNeighboursAtEvaluation;
  /** Objects of {@code a} matched and not yet swept, in the order matched. */
  private final int[] swept;
  private int sweptHead;
  private int sweptTail;
  private final MatchSide.IntList candidates = new MatchSide.IntList(16);
  private final MatchSide.IntList reverse = new MatchSide.IntList(16);
  private final Sweeper[] sweepers = {new Sweeper(), new Sweeper()};
  int anchors;
  int bySignature;
  int byEvidence;
  int bySweep;
  int rounds;

  Matcher(MatchSide a, MatchSide b, ClassPairing classes) {
    this.a = a;
    this.b = b;
    this.classes = classes;
    this.evidence = new Evidence(a, b, classes);
    this.queue = new int[a.count + 1];
    this.inQueue = new boolean[a.count];
    this.evaluations = new byte[a.count];
    this.matchedNeighbours = new int[a.count];
    this.matchedNeighboursAtEvaluation = new int[a.count];
    this.swept = new int[a.count];
  }


  void run() {
    anchor();
    propagate();
    phase("first pairs");
    for (rounds = 1; rounds <= MAX_ROUNDS; rounds++) {
      if (rounds == 1) {
        // What the first pairs teach about each field changes the weighing: weigh the rest again.
        Stability.learn(a, b, classes);
        requeue();
        propagate();
        phase("learned, again");
      }
      int[] pairs = Signatures.uniquePairs(a, b, classes, 2);
      phase("colours");
      int made = 0;
      for (int k = 0; k < pairs.length; k += 2) {
        if (a.partner[pairs[k]] < 0 && evidence.compatible(a, pairs[k], pairs[k + 1])) {
          match(pairs[k], pairs[k + 1]);
          made++;
        }
      }
      bySignature += made;
      if (made == 0) {
        break;
      }
      propagate();
      phase("round " + rounds);
    }
  }

  private static final boolean TIMINGS = Boolean.getBoolean("heapdiff.timings");
  private long phaseStart = System.nanoTime();
  private long phaseCpu = Matching.threadCpu();

  /**
   * With {@code -Dheapdiff.timings=true}, prints how long the phase just ended took (wall and this
   * thread's CPU time) and how many objects are paired.
   */
  private void phase(String name) {
    if (TIMINGS) {
      long now = System.nanoTime();
      long cpu = Matching.threadCpu();
      System.err.printf("heapdiff: match %-16s %6d ms (cpu %6d ms), %,d paired (%,d swept, %,d by evidence)%n", name,
          (now - phaseStart) / 1_000_000, (cpu - phaseCpu) / 1_000_000, a.matched, bySweep, byEvidence);
      phaseStart = now;
      phaseCpu = cpu;
    }
  }

  /** Queues every unmatched object that has a matched neighbour, to be weighed afresh. */
  private void requeue() {
    for (int x = MatchSide.next(a, 0); x >= 0; x = MatchSide.next(a, x + 1)) {
      if (a.partner[x] < 0 && matchedNeighbours[x] > 0 && !inQueue[x]) {
        matchedNeighboursAtEvaluation[x] = 0;
        evaluations[x] = 0;
        inQueue[x] = true;
        queue[tail] = x;
        tail = tail + 1 == queue.length ? 0 : tail + 1;
        queued++;
      }
    }
  }

  private void anchor() {
    List<HeapClass> classesA = a.graph.classes();
    List<HeapClass> classesB = b.graph.classes();
    for (int c = 0; c < classes.aToB.length; c++) {
      if (classes.aToB[c] >= 0) {
        anchorPair(classesA.get(c).objectIndex(), classesB.get(classes.aToB[c]).objectIndex());
      }
    }
    for (Map.Entry<Long, Long> loader : classes.loaders.entrySet()) {
      if (loader.getKey() != 0) {
        int x = a.graph.indexOf(loader.getKey());
        int y = b.graph.indexOf(loader.getValue());
        if (x >= 0 && y >= 0 && evidence.compatible(a, x, y)) {
          anchorPair(x, y);
        }
      }
    }
    Map<Long, Integer> threadsB = new HashMap<>();
    for (HeapThread t : b.graph.threads()) {
      Long tid = tid(b.graph, t.object());
      if (tid != null) {
        threadsB.merge(tid, t.object(), (p, q) -> -1);
      }
    }
    for (HeapThread t : a.graph.threads()) {
      Long tid = tid(a.graph, t.object());
      Integer y = tid == null ? null : threadsB.get(tid);
      if (y != null && y >= 0 && evidence.compatible(a, t.object(), y)) {
        anchorPair(t.object(), y);
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
      anchors++;
    }
  }

  private void match(int x, int y) {
    a.partner[x] = y;
    b.partner[y] = x;
    a.matched++;
    b.matched++;
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
        int middle = from + (to - from) / 2;
        FutureTask<Void> half = Matching.inBackground("heapdiff-sweep", () -> {
          sweepers[1].sweepAll(swept, middle, to);
          return null;
        });
        sweepers[0].sweepAll(swept, from, middle);
        Matching.join(half);
        collect(sweepers[0]);
        collect(sweepers[1]);
      }
    }
  }

  /** Takes what a sweeper found: its pairs go on the sweep queue, the objects it woke on the worklist. */
  private void collect(Sweeper s) {
    a.matched += s.paired;
    b.matched += s.paired;
    bySweep += s.paired;
    s.paired = 0;
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
    int paired;

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
          paired++;
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
    if (!inQueue[x]) {
      inQueue[x] = true;
      queue[tail] = x;
      tail = tail + 1 == queue.length ? 0 : tail + 1;
      queued++;
    }
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

  /** Pairs {@code x} with its best candidate if the evidence is strong and unambiguous both ways. */
  private void decide(int x) {
    evidence.candidates(a, x, candidates);
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < candidates.size; k++) {
      int y = candidates.data[k];
      double s = evidence.score(a, x, y);
      if (s > bestScore) {
        second = bestScore;
        bestScore = s;
        best = y;
      } else {
        second = Math.max(second, s);
      }
    }
    // A runner-up must trail by the margin; a lone candidate needs only the least score.
    if (best < 0 || bestScore < MIN_SCORE || bestScore - second < MARGIN) {
      return;
    }
    evidence.candidates(b, best, reverse);
    for (int k = 0; k < reverse.size; k++) {
      int other = reverse.data[k];
      if (other != x && evidence.score(b, best, other) > bestScore - MARGIN) {
        return;
      }
    }
    match(x, best);
    byEvidence++;
  }
}
