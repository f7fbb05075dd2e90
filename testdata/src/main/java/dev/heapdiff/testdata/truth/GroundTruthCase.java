package dev.heapdiff.testdata.truth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything a matcher test needs for one workload: the Epsilon dumps, the truth, and both dumps
 * rewritten in each {@link IdForm} (made on first use), with scoring of a prediction made on them.
 *
 * <pre>{@code
 * GroundTruthCase c = GroundTruthCase.run(HashMapGrowth.class, dir);
 * RewrittenPair input = c.rewritten(IdForm.RANDOM);
 * long[] predicted = matcher.newIds(input.before().file(), input.after().file()); // ids of input.after()
 * Score score = c.scoreNew(IdForm.RANDOM, predicted);
 * assertThat(score.meets(0.995)).as("%s", score).isTrue();
 * }</pre>
 */
public final class GroundTruthCase {
  /** Both dumps of a run, rewritten in one form, each with its id map. */
  public record RewrittenPair(RewrittenDump before, RewrittenDump after) {}

  private final DumpPair original;
  private final GroundTruth truth;
  private final Path dir;
  private final long seed;
  private final Map<IdForm, RewrittenPair> rewritten = new EnumMap<>(IdForm.class);

  private GroundTruthCase(DumpPair original, Path dir, long seed) throws IOException {
    this.original = original;
    this.truth = GroundTruth.of(original);
    this.dir = dir;
    this.seed = seed;
  }

  /** Runs {@code workload} under Epsilon in a child JVM, writing into {@code dir}, and computes its truth. */
  public static GroundTruthCase run(Class<? extends Workload> workload, Path dir) throws IOException, InterruptedException {
    return of(TwoDumps.run(Collector.EPSILON, workload, dir), dir, workload.getName().hashCode());
  }

  /** A case for dumps already written under Epsilon; rewritten files go into {@code dir}. */
  public static GroundTruthCase of(DumpPair epsilonDumps, Path dir, long seed) throws IOException {
    return new GroundTruthCase(epsilonDumps, dir, seed);
  }

  /** Returns the original Epsilon dumps, whose ids are identities. */
  public DumpPair original() {
    return original;
  }

  /** Returns the truth, in the original ids. */
  public GroundTruth truth() {
    return truth;
  }

  /** Returns both dumps rewritten in {@code form} (written on first call; the two get different random seeds). */
  public synchronized RewrittenPair rewritten(IdForm form) throws IOException {
    RewrittenPair pair = rewritten.get(form);
    if (pair == null) {
      String stem = original.before().getFileName().toString().replace(".before.hprof", "") + "."
          + form.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      pair = new RewrittenPair(
          IdRewriter.rewrite(original.before(), dir.resolve(stem + ".before.hprof"), form, seed),
          IdRewriter.rewrite(original.after(), dir.resolve(stem + ".after.hprof"), form, seed * 31 + 17));
      rewritten.put(form, pair);
    }
    return pair;
  }

  /** Scores a prediction of the new objects, given as ids of the rewritten {@code after} dump of {@code form}. */
  public Score scoreNew(IdForm form, long[] predictedRewrittenAfterIds) throws IOException {
    return Score.of(truth.newIds(), predictedRewrittenAfterIds, rewritten(form).after().ids())
        .withClassNames(truth::classNameInAfter);
  }

  /**
   * Returns the true partners of objects of the rewritten {@code after} dump of {@code form}: for
   * each id, the id in the rewritten {@code before} of the same object (under Epsilon an original id
   * is an identity), or -1 for an object that is new or an id the rewritten {@code after} does not
   * have. Same order as {@code rewrittenAfterIds}.
   */
  public long[] truePartnersInBefore(IdForm form, long[] rewrittenAfterIds) throws IOException {
    RewrittenPair pair = rewritten(form);
    long[] out = pair.after().ids().toOld(rewrittenAfterIds);
    for (int i = 0; i < out.length; i++) {
      // The rewritten before holds exactly the objects live in the original before.
      out[i] = out[i] == -1 ? -1 : pair.before().ids().newId(out[i]);
    }
    return out;
  }

  /** Scores a prediction of the gone objects, given as ids of the rewritten {@code before} dump of {@code form}. */
  public Score scoreGone(IdForm form, long[] predictedRewrittenBeforeIds) throws IOException {
    return Score.of(truth.goneIds(), predictedRewrittenBeforeIds, rewritten(form).before().ids())
        .withClassNames(truth::classNameInBefore);
  }

  /**
   * By hand: runs a workload under Epsilon, prints its truth and writes both rewritten forms.
   * Arguments: the workload's class name, an output directory.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: GroundTruthCase <workload class> <output directory>");
      System.exit(2);
    }
    Class<? extends Workload> workload = Class.forName(args[0]).asSubclass(Workload.class);
    GroundTruthCase c = run(workload, Path.of(args[1]));
    System.out.print(c.truth());
    for (IdForm form : IdForm.values()) {
      RewrittenPair pair = c.rewritten(form);
      System.out.println(pair.before());
      System.out.println(pair.after());
    }
  }

  @Override
  public String toString() {
    return truth.toString();
  }
}
