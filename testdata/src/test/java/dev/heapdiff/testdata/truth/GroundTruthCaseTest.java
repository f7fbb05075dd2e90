package dev.heapdiff.testdata.truth;

import static dev.heapdiff.testdata.BasicType.INT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.HprofWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthCaseTest {
  @TempDir
  Path dir;

  /** Before: points 0x1000 and 0x1010. After: both kept (one mutated), 0x1020 new; 0x1040 dead in both. */
  private DumpPair handMade() {
    Path before = dir.resolve("before.hprof");
    Path after = dir.resolve("after.hprof");
    try (HprofWriter w = HprofWriter.toFile(before, 8)) {
      classes(w);
      w.instance(0x1000, 0x200, 1, 2).instance(0x1010, 0x200, 3, 4).instance(0x1040, 0x200, 9, 9);
      w.rootJniGlobal(0x1000, 1).rootJniGlobal(0x1010, 2);
    }
    try (HprofWriter w = HprofWriter.toFile(after, 8)) {
      classes(w);
      w.instance(0x1000, 0x200, 1, 2).instance(0x1010, 0x200, 3, 5).instance(0x1020, 0x200, 5, 6)
          .instance(0x1040, 0x200, 9, 9);
      w.rootJniGlobal(0x1000, 1).rootJniGlobal(0x1010, 2).rootJniGlobal(0x1020, 3);
    }
    return new DumpPair("hand-made", Collector.EPSILON, before, after);
  }

  private static void classes(HprofWriter w) {
    w.loadClass(0x100, "java/lang/Object").classDump(0x100).end();
    w.loadClass(0x200, "com/example/Point").classDump(0x200).superclass(0x100).field("x", INT).field("y", INT).end();
    w.rootStickyClass(0x100).rootStickyClass(0x200);
  }

  @Test
  void truePartnersLeadFromRewrittenAfterIdsToRewrittenBeforeIds() throws Exception {
    GroundTruthCase c = GroundTruthCase.of(handMade(), dir, 3);
    for (IdForm form : IdForm.values()) {
      GroundTruthCase.RewrittenPair pair = c.rewritten(form);
      long[] original = {0x100, 0x200, 0x1000, 0x1010, 0x1020};
      long[] partners = c.truePartnersInBefore(form, pair.after().ids().toNew(original));
      assertThat(pair.before().ids().toOld(Arrays.copyOf(partners, 4))).as("%s", form)
          .containsExactly(0x100, 0x200, 0x1000, 0x1010);
      assertThat(partners[4]).as("the new point, %s", form).isEqualTo(-1);
      // The dead point is in neither rewritten dump; an unknown id has no partner.
      assertThat(c.truePartnersInBefore(form, new long[] {pair.after().ids().newId(0x1040), 0x7})).containsExactly(-1, -1);
    }
  }
}
