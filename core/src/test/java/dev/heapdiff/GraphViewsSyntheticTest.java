package dev.heapdiff;

import static dev.heapdiff.testdata.BasicType.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heapdiff.testdata.HprofWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * byReferrers, byVia, paths and reference patterns, and how the views number and page their rows, on
 * a dump written by {@link HprofWriter}, whose every object, reference and root is known:
 *
 * <pre>
 * Cache.INSTANCE -&gt; top(0x1000) .left -&gt; 0x1010 .left  -&gt; bottom(0x1030)     a diamond
 *                               .right -&gt; 0x1020 .right -&gt; bottom
 * Cache.OTHER -&gt; 0x1050;  JNI global -&gt; Object[] 0x1040 {0x1050, 0x1060, null, 0x1060}
 * JNI global and busy monitor -&gt; 0x1070
 * Cache.WEAK -&gt; WeakReference 0x1080 .referent -&gt; 0x1090 (nothing else)
 * Cache.LADDER -&gt; 40 diamonds in a row (0x2000...), ending at 0x2fff: 2^40 paths
 * system class -&gt; Cache
 * JNI global -&gt; 0x1100 .left -&gt; 0x1110 .left -&gt; 0x1100          a cycle
 * </pre>
 */
class GraphViewsSyntheticTest {
  static final long OBJECT_CLASS = 0x100;
  static final long PAIR_CLASS = 0x130;
  static final long ARRAY_CLASS = 0x140;
  static final long CACHE_CLASS = 0x150;
  static final long REFERENCE_CLASS = 0x160;
  static final long WEAK_CLASS = 0x170;
  static final int RUNGS = 40;
  static final long LADDER_END = 0x2fff;

  @TempDir static Path dir;
  static Snapshot snap;

  @BeforeAll
  static void write() throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(PAIR_CLASS, "com/example/Pair").classDump(PAIR_CLASS).superclass(OBJECT_CLASS)
        .field("left", OBJECT).field("right", OBJECT).end();
    w.loadClass(ARRAY_CLASS, "[Ljava/lang/Object;").classDump(ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(REFERENCE_CLASS, "java/lang/ref/Reference").classDump(REFERENCE_CLASS).superclass(OBJECT_CLASS)
        .field("referent", OBJECT).field("queue", OBJECT).end();
    w.loadClass(WEAK_CLASS, "java/lang/ref/WeakReference").classDump(WEAK_CLASS).superclass(REFERENCE_CLASS).end();
    w.loadClass(CACHE_CLASS, "com/example/Cache").classDump(CACHE_CLASS).superclass(OBJECT_CLASS)
        .staticField("INSTANCE", OBJECT, 0x1000L).staticField("OTHER", OBJECT, 0x1050L)
        .staticField("WEAK", OBJECT, 0x1080L).staticField("LADDER", OBJECT, 0x2000L).end();
    w.instance(0x1000, PAIR_CLASS, 0x1010L, 0x1020L).instance(0x1010, PAIR_CLASS, 0x1030L, 0)
        .instance(0x1020, PAIR_CLASS, 0, 0x1030L).instance(0x1030, PAIR_CLASS, 0, 0);
    w.objectArray(0x1040, ARRAY_CLASS, 0x1050, 0x1060, 0, 0x1060);
    w.instance(0x1050, PAIR_CLASS, 0, 0).instance(0x1060, PAIR_CLASS, 0, 0).instance(0x1070, PAIR_CLASS, 0, 0);
    w.instance(0x1080, WEAK_CLASS, 0x1090L, 0).instance(0x1090, PAIR_CLASS, 0, 0);
    // Rung k: a diamond from 0x2000 + 16k through two sides to the next rung's top.
    for (int k = 0; k < RUNGS; k++) {
      long top = 0x2000L + 16L * k;
      long next = k + 1 < RUNGS ? top + 16 : LADDER_END;
      w.instance(top, PAIR_CLASS, top + 4, top + 8);
      w.instance(top + 4, PAIR_CLASS, next, 0).instance(top + 8, PAIR_CLASS, 0, next);
    }
    w.instance(LADDER_END, PAIR_CLASS, 0, 0);
    w.instance(0x1100, PAIR_CLASS, 0x1110L, 0).instance(0x1110, PAIR_CLASS, 0x1100L, 0);
    w.rootStickyClass(CACHE_CLASS).rootJniGlobal(0x1040, 0x7000).rootJniGlobal(0x1070, 0x7010)
        .rootMonitorUsed(0x1070).rootJniGlobal(0x1100, 0x7020);
    Path file = dir.resolve("views.hprof");
    Files.write(file, w.finish().bytes());
    snap = Heap.load(file);
  }

  @AfterAll
  static void close() throws Exception {
    snap.close();
  }

  /** A dump of {@code java.lang.Object}, {@code com.example.Pair}, {@code Object[]} and the objects given. */
  static Snapshot smallDump(String name, Consumer<HprofWriter> objects) throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(PAIR_CLASS, "com/example/Pair").classDump(PAIR_CLASS).superclass(OBJECT_CLASS)
        .field("left", OBJECT).field("right", OBJECT).end();
    w.loadClass(ARRAY_CLASS, "[Ljava/lang/Object;").classDump(ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    objects.accept(w);
    Path file = dir.resolve(name + ".hprof");
    Files.write(file, w.finish().bytes());
    return Heap.load(file);
  }

  static HeapObject object(long id) {
    return snap.filter(o -> o.id() == id).theOne();
  }

  static ObjectSet objects(long... ids) {
    ObjectSet out = snap.filter(o -> false);
    for (long id : ids) {
      out = out.or(object(id).asSet());
    }
    return out;
  }

  @Test
  void byViaNamesFieldsArraySlotsStaticsAndRoots() {
    assertThat(object(0x1030).asSet().byVia().kinds()).containsExactly(".left, .right");
    assertThat(object(0x1050).asSet().byVia().kinds()).containsExactly("[], static com.example.Cache.OTHER");
    assertThat(object(0x1060).asSet().byVia().kinds()).containsExactly("[]");
    assertThat(object(0x1070).asSet().byVia().kinds()).containsExactly("root: JNI global, root: busy monitor");
    assertThat(object(0x1090).asSet().byVia().kinds()).containsExactly(".referent");
    Partition via = objects(0x1010, 0x1020, 0x1030, 0x1050, 0x1060, 0x1070).byVia();
    assertThat(via.kinds()).containsExactlyInAnyOrder(".left", ".right", ".left, .right", "[]",
        "[], static com.example.Cache.OTHER", "root: JNI global, root: busy monitor");
    assertThat(via.get(".left").stream().map(HeapObject::id)).containsExactly(0x1010L);
    assertThat(via.count()).isEqualTo(6);
  }

  @Test
  void byReferrersGroupsBySetsOfReferrerClasses() {
    Partition referrers = objects(0x1000, 0x1030, 0x1050, 0x1060, 0x1070, 0x1090).byReferrers();
    assertThat(referrers.kinds()).containsExactlyInAnyOrder("class com.example.Cache", "com.example.Pair",
        "class com.example.Cache, java.lang.Object[]", "java.lang.Object[]", "<none: held by a GC root only>",
        "java.lang.ref.WeakReference");
    assertThat(referrers.get("com.example.Pair").stream().map(HeapObject::id)).containsExactly(0x1030L);
    assertThat(referrers.get("<none: held by a GC root only>").stream().map(HeapObject::id))
        .containsExactly(0x1070L);
    assertThat(snap.byReferrers().count()).isEqualTo(snap.count());
  }

  @Test
  void pathsThroughADiamondAreTwo() {
    ShortestPaths paths = object(0x1030).pathsFromRoots();
    assertThat(paths.count()).isEqualTo(2);
    assertThat(paths.toString() + "\n").isEqualTo("""
         0: Root(static) com.example.Cache.INSTANCE .left .left -> com.example.Pair@0x1030
         1: Root(static) com.example.Cache.INSTANCE .right .right -> com.example.Pair@0x1030
        """);
  }

  @Test
  void pathsGoToTheNearestMembersOnly() {
    ShortestPaths paths = objects(0x1030, 0x1060).pathsFromRoots();
    assertThat(paths.count()).isEqualTo(2);
    assertThat(paths.targets().stream().map(HeapObject::id)).containsExactly(0x1060L);
    assertThat(paths.toString() + "\n").isEqualTo("""
         0: Root(JNI global) [1] -> com.example.Pair@0x1060
         1: Root(JNI global) [3] -> com.example.Pair@0x1060
        """);
    assertThat(object(0x1070).pathsFromRoots().toString() + "\n").isEqualTo("""
         0: Root(JNI global) -> com.example.Pair@0x1070
         1: Root(busy monitor) -> com.example.Pair@0x1070
        """);
    assertThat(snap.filter(o -> o.className().equals("java.lang.Class") && o.toString().equals("class com.example.Cache"))
        .pathsFromRoots().toString()).startsWith(" 0: Root(system class) com.example.Cache -> ");
  }

  @Test
  void aWeakReferentHasNoPath() {
    assertThat(object(0x1090).pathsFromRoots().isEmpty()).isTrue();
    assertThat(object(0x1090).pathsFromRoots().toString()).isEqualTo("<no paths from GC roots>");
    assertThat(object(0x1080).pathsFromRoots().count()).isEqualTo(1);
  }

  @Test
  void pathsThroughFortyDiamondsInARowAreCountedNotListed() {
    ShortestPaths paths = object(LADDER_END).pathsFromRoots();
    assertThat(paths.count()).isEqualTo(1L << RUNGS);
    assertThat(paths.length()).isEqualTo(2 * RUNGS + 1);
    assertThat(paths.get(0).steps()).containsOnly(".left");
    assertThat(paths.get((1L << RUNGS) - 1).steps()).containsOnly(".right");
    // Path numbers are binary numbers: the first rung's choice is the lowest bit.
    assertThat(paths.get(1).steps().subList(0, 2)).containsExactly(".right", ".right");
    assertThat(paths.get(1).steps().subList(2, 2 * RUNGS)).containsOnly(".left");
    String text = paths.toString();
    assertThat(text.lines()).hasSize(11);
    assertThat(text).endsWith("<" + ((1L << RUNGS) - 10) + " more paths: .more() shows them.>");
    assertThat(paths.more().toString()).startsWith("10: Root(static) com.example.Cache.LADDER .left");
    assertThatThrownBy(() -> paths.get(1L << RUNGS)).isInstanceOf(IndexOutOfBoundsException.class);
    // all() of 2^40 paths ran until the heap was gone (a review): it shows the first MAX_ALL.
    assertThat(paths.all().more().toString()).startsWith(ShortestPaths.MAX_ALL + ": Root(static)");
  }

  @Test
  void pathsAreNumberedFromEitherEndAsRowsAre() {
    ShortestPaths paths = object(0x1030).pathsFromRoots();
    assertThat(paths.get(-1)).hasToString(paths.get(1).toString());
    assertThat(paths.get(-2)).hasToString(paths.get(0).toString());
    assertThatThrownBy(() -> paths.get(2)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("path 2 of 2 paths: they are 0 to 1, or -2 to -1 from the end");
    assertThatThrownBy(() -> paths.get(-3)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("path -3 of 2 paths: they are 0 to 1, or -2 to -1 from the end");
    assertThatThrownBy(() -> object(0x1090).pathsFromRoots().get(-1)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("path -1 of 0 paths: there are none");
    ShortestPaths ladder = object(LADDER_END).pathsFromRoots();
    assertThat(ladder.get(-1).steps()).containsOnly(".right");
  }

  @Test
  void pathsTooManyToCountAreNumberedFromTheStartOnly() throws Exception {
    // 64 diamonds in a row: 2^64 paths, more than a long counts.
    int rungs = 64;
    long end = 0x2000L + 16L * rungs;
    try (Snapshot ladder = smallDump("ladder64", w -> {
      for (int k = 0; k < rungs; k++) {
        long top = 0x2000L + 16L * k;
        long next = 0x2000L + 16L * (k + 1);
        w.instance(top, PAIR_CLASS, top + 4, top + 8);
        w.instance(top + 4, PAIR_CLASS, next, 0).instance(top + 8, PAIR_CLASS, 0, next);
      }
      w.instance(end, PAIR_CLASS, 0, 0).rootJniGlobal(0x2000, 0x7000);
    })) {
      ShortestPaths paths = ladder.filter(o -> o.id() == end).pathsFromRoots();
      assertThat(paths.count()).isEqualTo(Long.MAX_VALUE);
      assertThat(paths.get(0).steps()).containsOnly(".left");
      assertThatThrownBy(() -> paths.get(-1)).isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("path -1 from the end of at least " + Long.MAX_VALUE
              + " paths: too many to count, so only numbers from 0 name a path");
    }
  }

  @Test
  void rowsOfPartitionsAndListingsAreNumberedFromEitherEnd() {
    Partition byClass = objects(0x1000, 0x1040).byClass();
    assertThat(byClass.rowCount()).isEqualTo(2);
    assertThat(byClass.get(-1)).isEqualTo(byClass.get(1));
    assertThat(byClass.get(-2)).isEqualTo(byClass.get(0));
    assertThatThrownBy(() -> byClass.get(2)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("row 2 of 2 rows: they are 0 to 1, or -2 to -1 from the end");
    assertThatThrownBy(() -> byClass.get(-3)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("row -3 of 2 rows: they are 0 to 1, or -2 to -1 from the end");
    assertThatThrownBy(() -> snap.filter(o -> false).byClass().get(0)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("row 0 of 0 rows: there are none");

    ObjectListing one = object(0x1030).asSet().byId();
    assertThat(one.get(-1)).isEqualTo(one.get(0));
    assertThat(one.object(-1)).isEqualTo(one.object(0));
    assertThatThrownBy(() -> one.get(1)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("row 1 of 1 row: the only one is 0, or -1 from the end");
    assertThatThrownBy(() -> one.object(-2)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("row -2 of 1 row: the only one is 0, or -1 from the end");
  }

  @Test
  void morePastTheLastRowSaysThereAreNoMore() {
    Partition byClass = snap.byClass();
    assertThat(byClass.rowCount()).isLessThan(10);
    assertThat(byClass.more()).hasToString("<no more rows>");
    assertThat(byClass.more().more()).hasToString("<no more rows>");
    assertThat(byClass.all().more()).hasToString("<no more rows>");
    Partition none = snap.filter(o -> false).byClass();
    assertThat(none.rowCount()).isZero();
    assertThat(none.toString()).startsWith("Partition of a set of 0 objects.");
    assertThat(none.more()).hasToString("<no more rows>"); // not its label again (a review)
    assertThat(none.more().more()).hasToString("<no more rows>");
    assertThat(snap.filter(o -> false).byId().more()).hasToString("<no more rows>"); // nor a listing's
    ObjectListing twelve = snap.filter(o -> o.id() >= 0x2000 && o.id() <= 0x2038).byId();
    assertThat(twelve.count()).isEqualTo(12);
    assertThat(twelve.more().toString()).contains("\n    10 ", "\n    11 ").doesNotContain("more rows");
    assertThat(twelve.more().more()).hasToString("<no more rows>");
    assertThat(object(0x1030).pathsFromRoots().more()).hasToString("<no more paths>");
  }

  @Test
  void moreAfterAPageThatShowedTheLastRowSaysThereAreNoMoreInsteadOfRepeatingIt() throws Exception {
    ObjectListing eleven = snap.filter(o -> o.id() >= 0x2000 && o.id() <= 0x2034).byId();
    assertThat(eleven.count()).isEqualTo(11);
    assertThat(eleven.toString()).contains("\n    10 ").doesNotContain("more rows");
    assertThat(eleven.more()).hasToString("<no more rows>");

    ReferencePattern elevenLines = object(LADDER_END).asSet().referencePattern(10);
    assertThat(elevenLines.toString().lines()).hasSize(1 + 11);
    assertThat(elevenLines.more()).hasToString("<no more lines>");
    assertThat(object(LADDER_END).asSet().referencePattern(30).all().more()).hasToString("<no more lines>");

    // One Pair in eleven slots of an array that a JNI global holds: eleven paths.
    try (Snapshot slots = smallDump("slots", w -> w.instance(0x3000, PAIR_CLASS, 0, 0)
        .objectArray(0x3100, ARRAY_CLASS, 0x3000, 0x3000, 0x3000, 0x3000, 0x3000, 0x3000, 0x3000, 0x3000, 0x3000,
            0x3000, 0x3000)
        .rootJniGlobal(0x3100, 0x7000))) {
      ShortestPaths paths = slots.filter(o -> o.id() == 0x3000).pathsFromRoots();
      assertThat(paths.count()).isEqualTo(11);
      assertThat(paths.toString().lines()).hasSize(11);
      assertThat(paths.more()).hasToString("<no more paths>");
      assertThat(paths.all().more()).hasToString("<no more paths>");
    }
  }

  @Test
  void theReferencePatternOfADiamondsBottom() {
    ReferencePattern rp = object(0x1030).asSet().referencePattern();
    assertThat(rp.toString() + "\n").isEqualTo("""
        Reference Pattern by <class>.
         0: _ --- [-] 1 com.example.Pair, 24 bytes: 0x1030
         1: a      [-] 2 com.example.Pair, 48 bytes: 0x1010, 0x1020
         2: aa ---- [-] 1 com.example.Pair, 24 bytes: 0x1000
         3: a3       [S] 1 java.lang.Class, 64 bytes: 0x150
        """);
    assertThat(rp.get("a").stream().map(HeapObject::id)).containsExactlyInAnyOrder(0x1010L, 0x1020L);
    assertThat(rp.get("aaa")).isEqualTo(rp.get("a3"));
    assertThat(rp.get(2).stream().map(HeapObject::id)).containsExactly(0x1000L);
    assertThat(rp.get("_")).isEqualTo(object(0x1030).asSet());
    assertThat(rp.lineCount()).isEqualTo(4);
    assertThatThrownBy(() -> rp.get("b")).isInstanceOf(IllegalArgumentException.class);
    // Lines are numbered from either end, as rows and paths are.
    assertThat(rp.get(-1)).isEqualTo(rp.get("a3"));
    assertThat(rp.get(-4)).isEqualTo(rp.get(0));
    assertThatThrownBy(() -> rp.get(4)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("line 4 of 4 lines: they are 0 to 3, or -4 to -1 from the end");
    assertThatThrownBy(() -> rp.get(-5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void referencePatternsMarkRootsRepeatsAndTheDepthLimit() {
    assertThat(object(0x1060).asSet().referencePattern().toString() + "\n").isEqualTo("""
        Reference Pattern by <class>.
         0: _ --- [-] 1 com.example.Pair, 24 bytes: 0x1060
         1: a      [R] 1 java.lang.Object[], 32 bytes: 0x1040
        """);
    assertThat(object(0x1100).asSet().referencePattern().toString() + "\n").isEqualTo("""
        Reference Pattern by <class>.
         0: _ --- [-] 1 com.example.Pair, 24 bytes: 0x1100
         1: a      [-] 1 com.example.Pair, 24 bytes: 0x1110
         2: aa ---- [^ 0] 1 com.example.Pair, 24 bytes: 0x1100
        """);
    ReferencePattern ladder = object(LADDER_END).asSet().referencePattern(2);
    assertThat(ladder.depth()).isEqualTo(2);
    assertThat(ladder.toString() + "\n").isEqualTo("""
        Reference Pattern by <class>.
         0: _ --- [-] 1 com.example.Pair, 24 bytes: 0x2fff
         1: a      [-] 2 com.example.Pair, 48 bytes: 0x2274, 0x2278
         2: aa ---- [+] 1 com.example.Pair, 24 bytes: 0x2270
        """);
    assertThat(object(LADDER_END).asSet().referencePattern(0).toString()).contains(" 0: _ --- [+] 1 ");
  }

  @Test
  void atDepthZeroTheSetIsAtTheDepthLimitUnlessNothingRefersToItOrItIsClassObjects() {
    // Class objects come first in the dump, and so in the whole snapshot's pattern, but most of it is not classes.
    assertThat(snap.referencePattern(0).toString()).contains("\n 0: _ --- [+] ");
    assertThat(object(0x1070).asSet().referencePattern(0).toString()).contains("\n 0: _ --- [R] 1 com.example.Pair");
    assertThat(object(CACHE_CLASS).asSet().referencePattern(0).toString())
        .contains("\n 0: _ --- [S] 1 java.lang.Class");
    ReferencePattern mixed = objects(CACHE_CLASS, 0x1030).referencePattern();
    assertThat(mixed.toString()).contains("\n 0: _ --- [-] 2 <mixed>, ");
    assertThat(mixed.get("a").stream().map(HeapObject::id)).contains(0x1010L, 0x1020L);
  }

  @Test
  void theReferencePatternOfNoObjectsSaysSoWithoutAMarker() {
    ReferencePattern none = snap.filter(o -> false).referencePattern();
    assertThat(none.toString()).isEqualTo("Reference Pattern by <class>.\n 0: _ --- <no objects>");
    assertThat(none.lineCount()).isEqualTo(1);
    assertThat(none.get("_").isEmpty()).isTrue();
    assertThat(none.more()).hasToString("<no more lines>");
    assertThat(snap.filter(o -> false).referencePattern(0).toString()).endsWith(" 0: _ --- <no objects>");
  }

  @Test
  void longReferencePatternsArePrintedTenLinesAtATime() {
    ReferencePattern deep = object(LADDER_END).asSet().referencePattern(30);
    String first = deep.toString();
    assertThat(first.lines()).hasSize(1 + 10 + 1);
    assertThat(first).endsWith("<more lines: .more() shows them.>");
    assertThat(deep.more().toString()).startsWith("10: a10 ----------- [-] 1 com.example.Pair, 24 bytes: 0x2230\n11: a11              [-] 2 ");
    assertThat(deep.lineCount()).isEqualTo(31);
    assertThat(deep.toString()).endsWith("<21 more lines: .more() shows them.>");
    assertThat(deep.all().toString().lines()).hasSize(1 + 31);
  }
}
