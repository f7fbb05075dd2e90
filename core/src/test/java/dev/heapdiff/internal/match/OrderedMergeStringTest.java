package dev.heapdiff.internal.match;

import static dev.heapdiff.testdata.BasicType.BYTE;
import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.Analysis;
import dev.heapdiff.testdata.HprofWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings in the address-order merge: two strings at one place whose values hold the same bytes but
 * whose coders differ ("AB" in Latin-1, U+4241 in UTF-16) are different strings, and a string
 * never changes: the merge must not pair them.
 */
class OrderedMergeStringTest {
  private static final long OBJECT_CLASS = 0x100;
  private static final long BYTES_CLASS = 0x110;
  private static final long STRING_CLASS = 0x120;
  private static final long NODE_CLASS = 0x130;
  private static final int N = 1_000;

  @TempDir Path dir;

  private HeapGraph dump(String name, long base, int coder) throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(BYTES_CLASS, "[B").classDump(BYTES_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(STRING_CLASS, "java/lang/String").classDump(STRING_CLASS).superclass(OBJECT_CLASS)
        .field("value", OBJECT).field("coder", BYTE).field("hash", INT).end();
    w.loadClass(NODE_CLASS, "com/example/Node").classDump(NODE_CLASS).superclass(OBJECT_CLASS)
        .field("next", OBJECT).field("value", INT).end();
    w.rootStickyClass(OBJECT_CLASS).rootStickyClass(STRING_CLASS).rootStickyClass(NODE_CLASS);
    // A chain of nodes, the last holding the string: most of the dump is paired by the merge.
    for (int i = 0; i < N; i++) {
      long next = i + 1 < N ? base + 32L * (i + 1) : base + 32L * N;
      w.instance(base + 32L * i, NODE_CLASS, next, i);
    }
    w.rootUnknown(base);
    w.instance(base + 32L * N, STRING_CLASS, base + 32L * N + 32, coder, 0);
    w.byteArray(base + 32L * N + 32, (byte) 'A', (byte) 'B');
    Path file = dir.resolve(name + ".hprof");
    Files.write(file, w.finish().bytes());
    return HeapGraph.open(file);
  }

  @Test
  void stringsOfEqualBytesAndDifferentCodersAreNotPaired() throws Exception {
    try (HeapGraph before = dump("before", 0x100000, 0);
        HeapGraph after = dump("after", 0x900000, 1)) {
      long[] liveAfter = Analysis.of(after).live();
      long[] liveBefore = Analysis.of(before).live();
      OrderedMerge m = OrderedMerge.run(after, liveAfter, before, liveBefore, new ClassPairing(after, before));
      int node = after.indexOf(0x900000);
      assertThat(m.aToB[node]).as("the first node").isEqualTo(before.indexOf(0x100000));
      int string = after.indexOf(0x900000 + 32L * N);
      assertThat(m.aToB[string]).as("a UTF-16 string and a Latin-1 one").isEqualTo(-1);
      Matching matching = Matching.of(after, liveAfter, before, liveBefore);
      assertThat(matching.partner(after, string)).as("matched").isEqualTo(-1);
    }
  }
}
