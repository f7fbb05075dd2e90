package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapField;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapThread;
import dev.heapdiff.internal.Bits;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixpoint that pairs the objects of two dumps: anchors first (class objects, class loaders,
 * threads by {@code tid}), then a worklist in which every newly matched pair wakes its unmatched
 * neighbours, each of which is paired with its best candidate only when the evidence is strong and
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

  private final MatchSide a;
  private final MatchSide b;
  private final ClassPairing classes;
  private final Evidence evidence;
  private final AddressOrder order;
  /** Pairs the address order undid ({@link #pairKey}): they are not made again. */
  private final Set<Long> undone = new HashSet<>();
  private final int[] queue;
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
  /** How each object of {@code a} was matched: 0 not, 1 anchor, 2 signature, 3 evidence (for diagnosis). */
  final byte[] how;
  int anchors;
  int bySignature;
  int byEvidence;
  int rounds;

  Matcher(MatchSide a, MatchSide b, ClassPairing classes) {
    this.a = a;
    this.b = b;
    this.classes = classes;
    this.evidence = new Evidence(a, b, classes);
    this.order = new AddressOrder(a, b);
    this.queue = new int[a.count + 1];
    this.inQueue = new boolean[a.count];
    this.evaluations = new byte[a.count];
    this.matchedNeighbours = new int[a.count];
    this.matchedNeighboursAtEvaluation = new int[a.count];
    this.how = new byte[a.count];
  }

  void run() {
    anchor();
    order.learn();
    propagate();
    for (rounds = 1; rounds <= MAX_ROUNDS; rounds++) {
      if (rounds == 1) {
        // What the first pairs teach about each field changes the weighing: weigh the rest again.
        Stability.learn(a, b, classes);
        order.learn();
        requeue();
        propagate();
      }
      long[][] colours = Signatures.colours(a, b, classes, 2);
      int made = matchAll(Signatures.uniquePairs(a, b, colours[0], colours[1]));
      // Colours that several unmatched objects share: where the order is kept, the one of that
      // colour between the partners of an object's matched neighbours in address order.
      if (order.on()) {
        long[][] plain = Signatures.colours(a, b, classes, 0);
        made += matchAll(order.tiesInOrder(plain[0], plain[1]));
      }
      bySignature += made;
      made += reconsider();
      if (made == 0) {
        break;
      }
      propagate();
    }
  }

  /** Makes the pairs {@code (a index, b index)}, flattened, that are still possible; returns how many. */
  private int matchAll(int[] pairs) {
    int made = 0;
    for (int k = 0; k < pairs.length; k += 2) {
      if (a.partner[pairs[k]] < 0 && evidence.compatible(a, pairs[k], pairs[k + 1])
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
   * weighed again. Returns how many pairs it undid.
   */
  private int reconsider() {
    if (!order.on()) {
      return 0;
    }
    MatchSide.IntList refused = new MatchSide.IntList(16);
    long[] outside = order.countLongestOrderOnly();
    for (int x = Bits.next(outside, 0); x >= 0; x = Bits.next(outside, x + 1)) {
      if (how[x] >= 2 && (order.refuses(a, x, a.partner[x]) || order.outsideChain(x, a.partner[x]))) {
        refused.add(x);
      }
    }
    order.countAll();
    for (int k = 0; k < refused.size; k++) {
      int x = refused.data[k];
      int y = a.partner[x];
      a.partner[x] = -1;
      b.partner[y] = -1;
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

  private static long pairKey(int x, int y) {
    return (long) x << 32 | y;
  }

  /** Whether the address order refuses {@code x} of {@code a} and {@code y} of {@code b}, or did. */
  private boolean outOfOrder(int x, int y) {
    return order.refuses(a, x, y) || !undone.isEmpty() && undone.contains(pairKey(x, y));
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
    if (!inQueue[x]) {
      inQueue[x] = true;
      queue[tail] = x;
      tail = tail + 1 == queue.length ? 0 : tail + 1;
      queued++;
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
    for (int s = a.slotStart[x]; s < a.slotStart[x + 1]; s++) {
      wake(a.slots[s]);
    }
    for (int e = a.inStart[x]; e < a.inStart[x + 1]; e++) {
      wake(a.inFrom[e]);
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
    }
  }

  /** Pairs {@code x} with its best candidate if the evidence is strong and unambiguous both ways. */
  private void decide(int x) {
    evidence.candidates(a, x, candidates);
    if (scores.length < candidates.size) {
      scores = new double[candidates.data.length];
    }
    for (int k = 0; k < candidates.size; k++) {
      scores[k] = evidence.score(a, x, candidates.data[k]);
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
        return;
      }
      if (!outOfOrder(x, candidates.data[top])) {
        break;
      }
      scores[top] = Double.NEGATIVE_INFINITY;
    }
    int best = candidates.data[top];
    double bestScore = scores[top];
    // A runner-up must trail by the margin; a lone candidate needs only the least score.
    for (int k = 0; k < candidates.size; k++) {
      if (k != top && scores[k] > bestScore - MARGIN && !outOfOrder(x, candidates.data[k])) {
        return;
      }
    }
    evidence.candidates(b, best, reverse);
    for (int k = 0; k < reverse.size; k++) {
      int other = reverse.data[k];
      if (other != x && evidence.score(b, best, other) > bestScore - MARGIN && !outOfOrder(other, best)) {
        return;
      }
    }
    match(x, best);
    how[x] = 3;
    byEvidence++;
  }
}
