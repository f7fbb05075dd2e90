package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.NotEnoughMemoryException;
import dev.heapdiff.hprof.internal.Await;
import dev.heapdiff.internal.Bits;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Which live object of one dump is which live object of another: a one-to-one partial map between
 * the two, inferred from the dumps alone (see {@link #of}). Objects without a partner are new (in the
 * later dump) or gone (in the earlier one).
 */
public final class Matching {
  private final HeapGraph first;
  private final HeapGraph second;
  private final int[] firstToSecond;
  private final int[] secondToFirst;
  private final String summary;

  private Matching(HeapGraph first, HeapGraph second, int[] firstToSecond, int[] secondToFirst, String summary) {
    this.first = first;
    this.second = second;
    this.firstToSecond = firstToSecond;
    this.secondToFirst = secondToFirst;
    this.summary = summary;
  }

  /**
   * Matches the live objects of two dumps: first by the address-order merge ({@link OrderedMerge}),
   * then by the matcher on what the merge left and its neighbours; by the matcher on every object
   * where the merge pairs less than half of them (dumps whose address order is not kept), or with
   * {@code -Dheapdiff.match.merge=false}. Symmetric in meaning; {@code first} is the side whose
   * objects are weighed one by one, so passing the later dump first is the better-tested way.
   *
   * @param liveFirst one bit per object of {@code first}, set for the objects to match
   * @param liveSecond the same for {@code second}
   * @throws NotEnoughMemoryException if this JVM's heap cannot hold the matching (about 110 bytes per
   *     object of both dumps, beyond the two graphs), instead of an {@link OutOfMemoryError}
   */
  public static Matching of(HeapGraph first, long[] liveFirst, HeapGraph second, long[] liveSecond) {
    try {
      return match(first, liveFirst, second, liveSecond);
    } catch (OutOfMemoryError | RuntimeException e) {
      if (!NotEnoughMemoryException.isHeapExhaustion(e)) {
        throw e;
      }
      long objects = (long) first.objectCount() + second.objectCount();
      throw new NotEnoughMemoryException("match", List.of(first.file(), second.file()), objects,
          PEAK_BYTES_PER_OBJECT * objects, e);
    }
  }

  /**
   * About how many bytes of heap the matching takes per object of both dumps at its peak, beyond the
   * two graphs: 90 to 105 measured by the bench on two 16M-object dumps (garbage included), rounded up.
   */
  private static final long PEAK_BYTES_PER_OBJECT = 110;

  private static Matching match(HeapGraph first, long[] liveFirst, HeapGraph second, long[] liveSecond) {
    long start = System.nanoTime();
    ClassPairing classes = new ClassPairing(first, second);
    if (!"false".equals(System.getProperty("heapdiff.match.merge"))) {
      OrderedMerge merge = OrderedMerge.run(first, liveFirst, second, liveSecond, classes);
      if (merge.confirmed >= Math.min(Bits.count(liveFirst), Bits.count(liveSecond)) / 2) {
        return withMerge(first, liveFirst, second, liveSecond, classes, merge, start);
      }
      if (TIMINGS) {
        System.err.printf("heapdiff: match merge refused: %,d pairs confirmed, too few%n", merge.confirmed);
      }
    }
    return whole(first, liveFirst, second, liveSecond, classes, start);
  }

  /**
   * Matches the live objects of two dumps by the matcher alone, every object a member of its sides:
   * what {@link #of} does where the address-order merge pairs too few (dumps whose order is not kept).
   */
  static Matching whole(HeapGraph first, long[] liveFirst, HeapGraph second, long[] liveSecond) {
    return whole(first, liveFirst, second, liveSecond, new ClassPairing(first, second), System.nanoTime());
  }

  private static Matching whole(HeapGraph first, long[] liveFirst, HeapGraph second, long[] liveSecond,
      ClassPairing classes, long start) {
    Matcher matcher = run(first, liveFirst, null, null, second, liveSecond, null, null, null, classes);
    MatchSide a = matcher.a;
    MatchSide b = matcher.b;
    String summary = String.format("%,d of %,d objects matched to %,d objects (%,d anchors, %,d swept, %,d by"
            + " signature, %,d by evidence, %d rounds) in %d ms", a.matched, Bits.count(liveFirst),
        Bits.count(liveSecond), matcher.anchors, matcher.bySweep, matcher.bySignature, matcher.byEvidence,
        matcher.rounds, (System.nanoTime() - start) / 1_000_000);
    return new Matching(first, second, a.partner, b.partner, summary);
  }

  private static final boolean TIMINGS = Boolean.getBoolean("heapdiff.timings");

  /**
   * Where the address-order merge paired most objects: the matcher weighs only what it left
   * ({@link OrderedMerge#rest}), starting from the merge's pairs among them.
   */
  private static Matching withMerge(HeapGraph first, long[] liveFirst, HeapGraph second, long[] liveSecond,
      ClassPairing classes, OrderedMerge merge, long start) {
    long restStart = System.nanoTime();
    OrderedMerge.Rest rest = merge.rest(first, liveFirst, second, liveSecond);
    if (TIMINGS) {
      System.err.printf("heapdiff: match merge %,d pairs, rest %,d and %,d objects (%d ms)%n", merge.confirmed,
          rest.membersA.length, rest.membersB.length, (System.nanoTime() - restStart) / 1_000_000);
    }
    Matcher matcher = run(first, liveFirst, rest.membersA, rest.popularA, second, liveSecond, rest.membersB,
        rest.popularB, rest.pairs, classes);
    int[] firstToSecond = merge.aToB;
    int[] secondToFirst = merge.bToA;
    overlay(matcher.a, matcher.b, firstToSecond);
    overlay(matcher.b, matcher.a, secondToFirst);
    // The matcher keeps every preset pair and counts it among its own.
    int matched = merge.confirmed + matcher.a.matched - rest.pairs.length / 2;
    String summary = String.format("%,d of %,d objects matched to %,d objects (%,d by the address-order merge;"
            + " of the %,d objects left and their neighbours, %,d anchors, %,d swept, %,d by signature, %,d by"
            + " evidence, %d rounds) in %d ms", matched, Bits.count(liveFirst), Bits.count(liveSecond),
        merge.confirmed, rest.membersA.length, matcher.anchors, matcher.bySweep, matcher.bySignature,
        matcher.byEvidence, matcher.rounds, (System.nanoTime() - start) / 1_000_000);
    return new Matching(first, second, firstToSecond, secondToFirst, summary);
  }

  /** Writes the partners {@code side}'s objects have in {@code other} into {@code partners} (graph indexes). */
  private static void overlay(MatchSide side, MatchSide other, int[] partners) {
    for (int i = 0; i < side.count; i++) {
      int p = side.partner[i];
      partners[side.global(i)] = p >= 0 ? other.global(p) : -1;
    }
  }

  /**
   * Matches some of the live objects of two dumps: {@code membersFirst} of {@code first} with {@code
   * membersSecond} of {@code second} (graph indexes), as {@link #of} matches all, starting from the
   * pairs {@code presetPairs} known already. References to objects that are not members read as null.
   * Returns {@code {firstToSecond, secondToFirst}}: per object of each graph (graph indexes), its
   * partner in the other, or -1 (always for an object that is not a member).
   *
   * @param liveFirst one bit per object of {@code first} (graph indexes); a member not live is not matched
   * @param popularFirst one bit per member of {@code first} (by its place in {@code membersFirst}), set
   *     for those that more than 64 objects of the whole graph hold; or null, to count the members'
   *     references only
   * @param presetPairs pairs {@code (first index, second index)} of members, flattened: made before the
   *     matcher runs, kept, and swept from as every new pair is
   * @throws IllegalArgumentException if a preset object is not a live member, or in two pairs
   */
  static int[][] matchSubsets(HeapGraph first, long[] liveFirst, int[] membersFirst, long[] popularFirst,
      HeapGraph second, long[] liveSecond, int[] membersSecond, long[] popularSecond, int[] presetPairs) {
    Matcher matcher = run(first, liveFirst, membersFirst, popularFirst, second, liveSecond, membersSecond,
        popularSecond, presetPairs, new ClassPairing(first, second));
    return new int[][] {inGraph(matcher.a, matcher.b), inGraph(matcher.b, matcher.a)};
  }

  /** The partners of {@code side}'s objects in {@code other}, both in graph indexes, per object of the graph. */
  private static int[] inGraph(MatchSide side, MatchSide other) {
    int[] out = new int[side.graph.objectCount()];
    Arrays.fill(out, -1);
    overlay(side, other, out);
    return out;
  }

  /**
   * Builds the two sides (of the members given, or of all objects where null), makes the preset pairs
   * (graph indexes, flattened; or null), and runs the matcher with the classes {@code classes} pairs.
   */
  private static Matcher run(HeapGraph first, long[] liveFirst, int[] membersFirst, long[] popularFirst,
      HeapGraph second, long[] liveSecond, int[] membersSecond, long[] popularSecond, int[] presetPairs,
      ClassPairing classes) {
    long start = System.nanoTime();
    long[] keysFirst = classes.keysA();
    long[] keysSecond = classes.keysB();
    String[] pseudoStatics = MatchSide.pseudoStatics(first, second);
    // The two sides are independent: build the second on another core meanwhile.
    long[] otherCpu = new long[1];
    FutureTask<MatchSide> other = inBackground("heapdiff-match-side", () -> {
      long cpu = threadCpu();
      MatchSide side = new MatchSide(second, liveSecond, membersSecond, popularSecond, keysSecond, false,
          pseudoStatics);
      otherCpu[0] = threadCpu() - cpu;
      return side;
    });
    long cpu = threadCpu();
    MatchSide a = alongside(other,
        () -> new MatchSide(first, liveFirst, membersFirst, popularFirst, keysFirst, true, pseudoStatics));
    cpu = threadCpu() - cpu;
    MatchSide b = join(other);
    if (TIMINGS) {
      System.err.printf("heapdiff: match sides            %6d ms (cpu %6d ms and %d ms)%n",
          (System.nanoTime() - start) / 1_000_000, cpu / 1_000_000, otherCpu[0] / 1_000_000);
    }
    Matcher matcher = new Matcher(a, b, classes);
    if (presetPairs != null) {
      int[] local = new int[presetPairs.length];
      for (int k = 0; k < presetPairs.length; k++) {
        local[k] = k % 2 == 0 ? a.local(presetPairs[k]) : b.local(presetPairs[k]);
      }
      matcher.preset(local);
    }
    matcher.run();
    return matcher;
  }

  /** This thread's CPU time in nanoseconds, for {@code -Dheapdiff.timings=true}. */
  static long threadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /**
   * The bytes this thread has allocated so far, or 0 where the JVM does not tell, for {@code
   * -Dheapdiff.timings=true}: fresh memory is much of the matching's time (its pages are touched
   * for the first time).
   */
  static long threadAllocated() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        ? bean.getCurrentThreadAllocatedBytes() : 0;
  }

  /** Starts {@code work} on a daemon thread of its own; {@link #join} waits for its result. */
  static <T> FutureTask<T> inBackground(String threadName, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, threadName);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /**
   * Returns what {@code foreground} makes on this thread while {@code background} runs on its own. If
   * the foreground fails, the background is waited for (its outcome dropped) before the failure goes
   * on: it would otherwise run on unseen, holding its arrays while the failure is reported (a heap
   * that ran out is then reported in a line, which needs some heap).
   */
  static <T> T alongside(FutureTask<?> background, Supplier<T> foreground) {
    try {
      return foreground.get();
    } catch (RuntimeException | Error e) {
      Await.quietly(background);
      throw e;
    }
  }

  /** {@link #alongside(FutureTask, Supplier)} for a foreground that makes nothing. */
  static void runAlongside(FutureTask<?> background, Runnable foreground) {
    alongside(background, () -> {
      foreground.run();
      return null;
    });
  }

  /** Waits for {@code task} and returns its result, rethrowing what it threw. */
  static <T> T join(FutureTask<T> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Returns the partner in the other dump of object {@code index} of {@code graph} (one of the two), or -1. */
  public int partner(HeapGraph graph, int index) {
    return side(graph)[index];
  }

  /** Returns, of the objects in {@code members} (bits over {@code graph}'s indexes), those with no partner. */
  public long[] withoutPartner(HeapGraph graph, long[] members) {
    return partnerNotIn(graph, members, null);
  }

  /**
   * Returns, of {@code members} of {@code graph}, those whose partner is not among {@code others}
   * (bits over the other dump's indexes): no partner at all, or one outside {@code others} (or null:
   * none outside).
   */
  public long[] partnerNotIn(HeapGraph graph, long[] members, long[] others) {
    int[] partners = side(graph);
    long[] out = new long[members.length];
    // Over every object of a dump, once the matching is made: a plain loop, no call per object.
    for (int w = 0; w < members.length; w++) {
      long kept = 0;
      for (long word = members[w]; word != 0; word &= word - 1) {
        int p = partners[(w << 6) + Long.numberOfTrailingZeros(word)];
        if (p < 0 || others != null && (others[p >>> 6] & 1L << p) == 0) {
          kept |= word & -word;
        }
      }
      out[w] = kept;
    }
    return out;
  }

  private int[] side(HeapGraph graph) {
    if (graph == first) {
      return firstToSecond;
    }
    if (graph == second) {
      return secondToFirst;
    }
    throw new IllegalArgumentException("graph " + graph.file() + " is not one of the matched dumps");
  }

  @Override
  public String toString() {
    return summary;
  }
}
