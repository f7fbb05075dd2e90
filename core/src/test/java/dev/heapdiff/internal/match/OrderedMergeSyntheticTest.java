package dev.heapdiff.internal.match;

import static dev.heapdiff.testdata.BasicType.OBJECT;
import static dev.heapdiff.testdata.SyntheticClasses.ARRAY_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.NODE_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.OBJECT_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.STRING_CLASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.Analysis;
import dev.heapdiff.testdata.HprofWriter;
import dev.heapdiff.testdata.SyntheticClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The address-order merge on dumps written by {@link HprofWriter}, where it is known which object is
 * which: a large block a collector moved below the rest is paired (a walk may jump back to it), a
 * short run of new objects equal to gone ones at the top is not (a map's resized copies of its nodes
 * look like that), two strings of the same bytes and different coders are not, and where the order
 * is not kept at all the merge pairs too little to be used.
 */
class OrderedMergeSyntheticTest {
  private static final long HOLDER_CLASS = 0x150;
  private static final int N = 20_000;
  private static final long BEFORE = 0x100000;
  private static final long AFTER = 0x900000;

  @TempDir Path dir;

  /** A dump of the classes, the objects {@code objects} writes, and a root at {@code root}. */
  private HeapGraph dump(String name, long root, Consumer<HprofWriter> objects) throws Exception {
    return dump(name, root, 0L, objects);
  }

  /** The same, with {@code current} (an id, or 0 for null) in the static field of class Holder. */
  private HeapGraph dump(String name, long root, long current, Consumer<HprofWriter> objects) throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    SyntheticClasses.write(w);
    w.loadClass(HOLDER_CLASS, "com/example/Holder").classDump(HOLDER_CLASS).superclass(OBJECT_CLASS)
        .staticField("current", OBJECT, current).end();
    w.rootStickyClass(OBJECT_CLASS).rootStickyClass(STRING_CLASS).rootStickyClass(NODE_CLASS)
        .rootStickyClass(HOLDER_CLASS).rootUnknown(root);
    objects.accept(w);
    Path file = dir.resolve(name + ".hprof");
    Files.write(file, w.finish().bytes());
    return HeapGraph.open(file);
  }

  /**
   * An array at {@code array} of {@link #N} nodes, node {@code i} (value {@code i}) holding a leaf
   * node (value {@code 7i + 3}); node {@code i} at {@code at[i]}, its leaf 16 bytes above.
   */
  private static void nodes(HprofWriter w, long array, long[] at) {
    for (int i = 0; i < N; i++) {
      w.instance(at[i], NODE_CLASS, at[i] + 16, i).instance(at[i] + 16, NODE_CLASS, 0L, 7 * i + 3);
    }
    w.objectArray(array, ARRAY_CLASS, at);
  }

  /** Node addresses from {@code base} in order, but nodes {@code [from, to)} above all others. */
  private static long[] blockAbove(long base, int from, int to) {
    long[] at = new long[N];
    for (int i = 0; i < N; i++) {
      at[i] = base + 32L * (i >= from && i < to ? N + i : i);
    }
    return at;
  }

  private static OrderedMerge merge(HeapGraph after, HeapGraph before) {
    return OrderedMerge.run(after, Analysis.of(after).live(), before, Analysis.of(before).live(),
        new ClassPairing(after, before));
  }

  @Test
  void aLargeBlockMovedBelowTheRestIsPairedByTheMerge() throws Exception {
    // 4,000 nodes with their leaves (8,000 objects) lie above the rest before and in place after:
    // every walk meets them out of order, and jumps back to them.
    try (HeapGraph before = dump("before", 0x10, w -> nodes(w, 0x10, blockAbove(BEFORE, 5_000, 9_000)));
        HeapGraph after = dump("after", 0x20, w -> nodes(w, 0x20, blockAbove(AFTER, 0, 0)))) {
      OrderedMerge m = merge(after, before);
      long[] was = blockAbove(BEFORE, 5_000, 9_000);
      for (int i = 0; i < N; i++) {
        int x = after.indexOf(AFTER + 32L * i);
        assertThat(m.aToB[x]).as("node %d", i).isEqualTo(before.indexOf(was[i]));
        int leaf = after.indexOf(AFTER + 32L * i + 16);
        assertThat(m.aToB[leaf]).as("leaf %d", i).isEqualTo(before.indexOf(was[i] + 16));
      }
    }
  }

  @Test
  void aShortRunOfNewObjectsEqualToGoneOnesAtTheTopIsNotPaired() throws Exception {
    // After: nodes 5,000 to 5,099 replaced by new nodes of the same values and leaves, made last (at
    // the top), as a map's resize copies its nodes; the old ones are gone.
    try (HeapGraph before = dump("before", 0x10, w -> nodes(w, 0x10, blockAbove(BEFORE, 0, 0)));
        HeapGraph after = dump("after", 0x20, w -> nodes(w, 0x20, blockAbove(AFTER, 5_000, 5_100)))) {
      OrderedMerge m = merge(after, before);
      for (int i = 0; i < N; i++) {
        long id = AFTER + 32L * (i >= 5_000 && i < 5_100 ? N + i : i);
        int x = after.indexOf(id);
        int leaf = after.indexOf(id + 16);
        if (i >= 5_000 && i < 5_100) {
          assertThat(m.aToB[x]).as("new node %d", i).isEqualTo(-1);
          assertThat(m.aToB[leaf]).as("new leaf %d", i).isEqualTo(-1);
        } else {
          assertThat(m.aToB[x]).as("node %d", i).isEqualTo(before.indexOf(BEFORE + 32L * i));
        }
      }
    }
  }

  /**
   * What the matcher weighs after the merge: a class object whose static field holds a new object
   * where it held null is a neighbour of that object, though its partner holds nothing unpaired (a
   * class object is paired by its class, whatever it holds; other pairs' neighbours are found from
   * the other dump's).
   */
  @Test
  void aClassObjectThatHoldsANewObjectIsLeftToTheMatcherWithIt() throws Exception {
    long fresh = AFTER + 32L * (2 * N + 10);
    try (HeapGraph before = dump("before", 0x10, 0L, w -> nodes(w, 0x10, blockAbove(BEFORE, 0, 0)));
        HeapGraph after = dump("after", 0x20, fresh, w -> {
          nodes(w, 0x20, blockAbove(AFTER, 0, 0));
          w.instance(fresh, NODE_CLASS, 0L, -5);
        })) {
      OrderedMerge m = merge(after, before);
      OrderedMerge.Rest rest = m.rest(after, Analysis.of(after).live(), before, Analysis.of(before).live());
      int holder = after.findClass("com.example.Holder").orElseThrow().objectIndex();
      int node = after.indexOf(fresh);
      assertThat(m.aToB[node]).isEqualTo(-1);
      assertThat(m.aToB[holder]).isEqualTo(before.findClass("com.example.Holder").orElseThrow().objectIndex());
      assertThat(rest.membersA).contains(node, holder);
      assertThat(rest.membersB).contains(m.aToB[holder]);
    }
  }

  @Test
  void dumpsWhoseOrderIsNotKeptArePairedTooLittleToUse() throws Exception {
    // Every node at a scrambled place after: the walks find no run, and the matcher does the work.
    long[] scrambled = new long[N];
    for (int i = 0; i < N; i++) {
      scrambled[i] = AFTER + 32L * ((i * 7_919L) % N);
    }
    try (HeapGraph before = dump("before", 0x10, w -> nodes(w, 0x10, blockAbove(BEFORE, 0, 0)));
        HeapGraph after = dump("after", 0x20, w -> nodes(w, 0x20, scrambled))) {
      OrderedMerge m = merge(after, before);
      assertThat(m.confirmed).as("pairs of %,d nodes and %,d leaves", N, N).isLessThan(N);
    }
  }

  /**
   * A chain of 1,000 nodes from {@code base}, the last holding a string ("AB" in Latin-1 when {@code
   * coder} is 0, U+4241 in UTF-16 when 1: the same two bytes).
   */
  private static void chainToAString(HprofWriter w, long base, int coder) {
    int n = 1_000;
    for (int i = 0; i < n; i++) {
      w.instance(base + 32L * i, NODE_CLASS, base + 32L * (i + 1), i);
    }
    w.instance(base + 32L * n, STRING_CLASS, base + 32L * n + 32, coder, 0);
    w.byteArray(base + 32L * n + 32, (byte) 'A', (byte) 'B');
  }

  @Test
  void stringsOfEqualBytesAndDifferentCodersAreNotPaired() throws Exception {
    // A string never changes: two at one place whose values hold the same bytes but whose coders
    // differ are different strings.
    try (HeapGraph before = dump("before", BEFORE, w -> chainToAString(w, BEFORE, 0));
        HeapGraph after = dump("after", AFTER, w -> chainToAString(w, AFTER, 1))) {
      long[] liveAfter = Analysis.of(after).live();
      long[] liveBefore = Analysis.of(before).live();
      OrderedMerge m = merge(after, before);
      assertThat(m.aToB[after.indexOf(AFTER)]).as("the first node").isEqualTo(before.indexOf(BEFORE));
      int string = after.indexOf(AFTER + 32L * 1_000);
      assertThat(m.aToB[string]).as("a UTF-16 string and a Latin-1 one").isEqualTo(-1);
      assertThat(Matching.of(after, liveAfter, before, liveBefore).partner(after, string)).as("matched")
          .isEqualTo(-1);
    }
  }
}
