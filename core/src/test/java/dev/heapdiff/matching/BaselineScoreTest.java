package dev.heapdiff.matching;

import static dev.heapdiff.testdata.BasicType.INT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.testdata.HprofWriter;
import dev.heapdiff.testdata.truth.DumpPair;
import dev.heapdiff.testdata.truth.GroundTruth;
import dev.heapdiff.testdata.truth.GroundTruthCase;
import dev.heapdiff.testdata.truth.IdForm;
import dev.heapdiff.testdata.truth.Score;
import dev.heapdiff.testdata.workload.diff.LruCacheEviction;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground-truth harness end to end, with the {@link BaselineMatchers} (not the product's
 * matcher): rewritten dumps, a prediction on them, the score mapped back to the original ids.
 */
class BaselineScoreTest {
  @TempDir
  Path dir;

  /**
   * Before: points (1,2) and (3,4). After: (1,2) kept, (3,4) mutated into (3,5), and two new
   * points, (5,6) and another (1,2). Ids are identities, as under Epsilon. Four classes (Object,
   * Class, Point, and an unreachable class that is dropped), four points, the new ones are 0x1020
   * and 0x1030.
   */
  private DumpPair handMade() {
    Path before = dir.resolve("before.hprof");
    Path after = dir.resolve("after.hprof");
    try (HprofWriter w = HprofWriter.toFile(before, 8)) {
      classes(w);
      w.instance(0x1000, 0x200, 1, 2).instance(0x1010, 0x200, 3, 4).rootJniGlobal(0x1000, 1).rootJniGlobal(0x1010, 2);
    }
    try (HprofWriter w = HprofWriter.toFile(after, 8)) {
      classes(w);
      w.instance(0x1000, 0x200, 1, 2).instance(0x1010, 0x200, 3, 5).instance(0x1020, 0x200, 5, 6)
          .instance(0x1030, 0x200, 1, 2);
      for (long id = 0x1000; id <= 0x1030; id += 0x10) {
        w.rootJniGlobal(id, id);
      }
    }
    return new DumpPair("hand-made", dev.heapdiff.testdata.truth.Collector.EPSILON, before, after);
  }

  private static void classes(HprofWriter w) {
    w.loadClass(0x100, "java/lang/Object").classDump(0x100).end();
    w.loadClass(0x110, "java/lang/Class").classDump(0x110).superclass(0x100).end();
    w.loadClass(0x200, "com/example/Point").classDump(0x200).superclass(0x100).field("x", INT).field("y", INT).end();
    w.loadClass(0x300, "com/example/Unloaded").classDump(0x300).superclass(0x100).end();
    w.rootStickyClass(0x100).rootStickyClass(0x110).rootStickyClass(0x200);
  }

  private Score score(GroundTruthCase c, IdForm form, BiFunction<HeapGraph, HeapGraph, long[]> matcher) throws Exception {
    GroundTruthCase.RewrittenPair input = c.rewritten(form);
    try (HeapGraph before = HeapGraph.open(input.before().file()); HeapGraph after = HeapGraph.open(input.after().file())) {
      return c.scoreNew(form, matcher.apply(before, after));
    }
  }

  @Test
  void baselinesScoreAsExpectedOnAHandMadeCase() throws Exception {
    GroundTruthCase c = GroundTruthCase.of(handMade(), dir, 5);
    assertThat(c.truth().newIds()).containsExactly(0x1020, 0x1030);
    for (IdForm form : IdForm.values()) {
      Score all = score(c, form, BaselineMatchers::everythingIsNew);
      assertThat(all.predictedCount()).isEqualTo(3 + 4);
      assertThat(all.truePositives()).isEqualTo(2);
      assertThat(all.precision()).isEqualTo(2.0 / 7);
      assertThat(all.recall()).isEqualTo(1.0);

      Score content = score(c, form, BaselineMatchers::classAndContent);
      // (3,5) is a mutated survivor called new; the two (1,2) cannot be told apart.
      assertThat(content.predictedCount()).isEqualTo(3);
      if (form == IdForm.ORDER_PRESERVING) {
        assertThat(content.falsePositives()).containsExactly(0x1010);
        assertThat(content.falseNegatives()).isEmpty();
        assertThat(content).hasToString("precision 66.67% (1 false positive), recall 100.00% (0 false negatives):"
            + " 2 new, 3 predicted\n  false positives by class: com.example.Point 1");
      } else {
        assertThat(content.falsePositiveCount()).isIn(1, 2);
        assertThat(content.falseNegativeCount()).isEqualTo(content.falsePositiveCount() - 1);
      }
    }
  }

  @Test
  void everythingIsNewOnARealWorkloadHasTheTruthsShare() throws Exception {
    GroundTruthCase c = GroundTruthCase.run(LruCacheEviction.class, dir);
    GroundTruth truth = c.truth();
    Score score = score(c, IdForm.RANDOM, BaselineMatchers::everythingIsNew);
    assertThat(score.recall()).isEqualTo(1.0);
    assertThat(score.predictedCount()).isEqualTo(truth.liveAfterCount());
    assertThat(score.precision()).isEqualTo((double) truth.newIds().length / truth.liveAfterCount());
    Score content = score(c, IdForm.ORDER_PRESERVING, BaselineMatchers::classAndContent);
    System.out.println("LRU cache, baseline class+content, order-preserving ids: " + content);
    assertThat(content.truePositives()).isPositive();
  }
}
