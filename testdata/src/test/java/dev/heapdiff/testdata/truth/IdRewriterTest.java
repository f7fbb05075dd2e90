package dev.heapdiff.testdata.truth;

import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.HprofWriter;
import dev.heapdiff.testdata.workload.diff.HashMapGrowth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdRewriterTest {
  @TempDir
  Path dir;

  /**
   * A small dump with every kind of record: classes with statics and constants, a subclass whose
   * instances hold the superclass's fields after their own, arrays, roots of several kinds, an
   * unreachable cycle, a dangling reference, a LOAD CLASS and a START THREAD.
   */
  private Path synthetic() throws Exception {
    Path file = dir.resolve("synthetic.hprof");
    try (HprofWriter w = HprofWriter.toFile(file, 8)) {
      w.loadClass(0x100, "java/lang/Object").classDump(0x100).end();
      w.loadClass(0x110, "java/lang/Class").classDump(0x110).superclass(0x100).end();
      w.loadClass(0x120, "[I").classDump(0x120).superclass(0x100).end();
      w.loadClass(0x130, "[Ljava/lang/Object;").classDump(0x130).superclass(0x100).end();
      w.loadClass(0x200, "com/example/Node").classDump(0x200).superclass(0x100)
          .staticField("HEAD", OBJECT, 0x1000L).constant(3, OBJECT, 0x1010L)
          .field("next", OBJECT).field("value", INT).end();
      w.loadClass(0x210, "com/example/Named").classDump(0x210).superclass(0x200).field("name", OBJECT).end();
      w.instance(0x1000, 0x200, 0x1010L, 1);
      w.instance(0x1010, 0x210, 0x1020L, 0x1000L, 2); // name, next, value
      w.intArray(0x1020, 1, 2, 3);
      w.objectArray(0x1030, 0x130, 0x1000L, 0, 0x1020L, 0xDEAD0L); // the last element dangles
      w.instance(0x1040, 0x200, 0x1050L, 5); // unreachable: a cycle of two
      w.instance(0x1050, 0x200, 0x1040L, 6);
      w.rootStickyClass(0x100).rootStickyClass(0x110).rootStickyClass(0x120).rootStickyClass(0x130);
      w.rootStickyClass(0x200).rootJniGlobal(0x1030, 0x7777).rootJavaFrame(0x1010, 1, 0).rootThreadObject(0x1000, 1, 0);
      w.newSegment().instance(0x1060, 0x200, 0L, 7).rootMonitorUsed(0x1060);
      byte[] startThread = new byte[4 + 8 + 4 + 8 + 8 + 8];
      java.nio.ByteBuffer.wrap(startThread).putInt(1).putLong(0x1000);
      w.rawRecord(0x0A, startThread);
    }
    return file;
  }

  @Test
  void syntheticDumpKeepsItsStructureInBothForms() throws Exception {
    Path original = synthetic();
    for (IdForm form : IdForm.values()) {
      RewrittenDump rewritten = IdRewriter.rewrite(original, dir.resolve(form + ".hprof"), form, 7);
      RewriteCheck.assertSameStructure(original, rewritten);
      assertThat(rewritten.droppedObjects()).as("the unreachable cycle").isEqualTo(2);
      assertThat(rewritten.danglingIds()).isEqualTo(1);
      assertThat(IdMap.read(rewritten.idMapFile()).toOld(rewritten.ids().toNew(rewritten.ids().oldIds())))
          .containsExactly(rewritten.ids().oldIds());
      HeapIndex index = HeapIndex.read(rewritten.file());
      long threadRecord = Arrays.stream(index.recordPositions).filter(p -> index.in.u1(p) == 0x0A).findFirst().orElseThrow();
      assertThat(index.in.id(threadRecord + 9 + 4)).isEqualTo(rewritten.ids().newId(0x1000));
    }
  }

  @Test
  void epsilonDumpKeepsItsStructureInBothForms() throws Exception {
    DumpPair pair = SharedRuns.epsilon(HashMapGrowth.class);
    for (IdForm form : IdForm.values()) {
      RewrittenDump rewritten = IdRewriter.rewrite(pair.after(), dir.resolve(form + ".hprof"), form, 11);
      RewriteCheck.assertSameStructure(pair.after(), rewritten);
      assertThat(rewritten.droppedObjects()).isPositive();
      HeapIndex index = HeapIndex.read(rewritten.file());
      long[] newIdsInFileOrder = index.ids;
      long[] oldIdsInFileOrder = rewritten.ids().toOld(newIdsInFileOrder);
      if (form == IdForm.ORDER_PRESERVING) {
        HeapIndex original = HeapIndex.read(pair.after());
        long[] liveInFileOrder = java.util.stream.IntStream.range(0, original.objectCount())
            .filter(original.live()::get).mapToLong(i -> original.ids[i]).toArray();
        assertThat(oldIdsInFileOrder).as("records keep their order").containsExactly(liveInFileOrder);
        long[] old = rewritten.ids().oldIds();
        assertThat(rewritten.ids().toNew(old)).as("ids keep their order").isSorted().doesNotHaveDuplicates();
      } else {
        assertThat(ascendingNeighbours(oldIdsInFileOrder)).as("records in shuffled order")
            .isLessThan(oldIdsInFileOrder.length * 6 / 10);
        long[] old = rewritten.ids().oldIds();
        assertThat(ascendingNeighbours(rewritten.ids().toNew(old))).as("ids in random order")
            .isLessThan(old.length * 6 / 10);
      }
      assertThat(Files.size(rewritten.file())).isLessThan(Files.size(pair.after()));
    }
  }

  /** How many neighbours are in ascending order: n - 1 for a sorted array, about n / 2 for a shuffled one. */
  private static int ascendingNeighbours(long[] values) {
    int count = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[i - 1]) {
        count++;
      }
    }
    return count;
  }
}
