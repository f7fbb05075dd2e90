package dev.heapdiff;

import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static dev.heapdiff.testdata.SyntheticClasses.ARRAY_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.BYTES_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.NODE_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.OBJECT_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.STRING_CLASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heapdiff.testdata.HprofWriter;
import dev.heapdiff.testdata.SyntheticClasses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code after.minus(before)} on pairs of dumps written by {@link HprofWriter}, where it is known
 * which object is which: objects that moved (other ids) must be matched, an object at a reused
 * address (same id, another object) must not, and objects of equal contents count once each.
 */
class MinusSyntheticTest {
  static final long HOLDER_CLASS = 0x150;
  static final long COUNTER_CLASS = 0x160;
  static final long LIST_CLASS = 0x170;
  static final long VALUES_CLASS = 0x180;
  static final long INT_VALUE_CLASS = 0x190;
  static final long TEXT_VALUE_CLASS = 0x1A0;
  static final long PAGE_CLASS = 0x1B0;
  static final long BAG_CLASS = 0x1C0;
  static final long BOX_CLASS = 0x1D0;

  @TempDir Path dir;

  /** A dump with the classes and {@code Holder.A} and {@code Holder.B} set to {@code a} and {@code b}. */
  private Snapshot dump(String name, long a, long b, Consumer<HprofWriter> objects) throws Exception {
    return dump(name, a, b, 0L, objects);
  }

  /** The same with {@code Holder.C} set to {@code c}. */
  private Snapshot dump(String name, long a, long b, long c, Consumer<HprofWriter> objects) throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    SyntheticClasses.write(w);
    w.loadClass(HOLDER_CLASS, "com/example/Holder").classDump(HOLDER_CLASS).superclass(OBJECT_CLASS)
        .staticField("A", OBJECT, a).staticField("B", OBJECT, b).staticField("C", OBJECT, c).end();
    w.rootStickyClass(OBJECT_CLASS).rootStickyClass(STRING_CLASS).rootStickyClass(NODE_CLASS)
        .rootStickyClass(HOLDER_CLASS);
    objects.accept(w);
    Path file = dir.resolve(name + ".hprof");
    Files.write(file, w.finish().bytes());
    return Heap.load(file);
  }

  private static void string(HprofWriter w, long id, long valueId, String text, int hash) {
    w.byteArray(valueId, text.getBytes(StandardCharsets.ISO_8859_1)).instance(id, STRING_CLASS, valueId, 0, hash);
  }

  private static long[] ids(ObjectSet set) {
    return set.stream().mapToLong(HeapObject::id).sorted().toArray();
  }

  /** Node {@code i} at {@code node}, holding its leaf node at {@code node + 16}. */
  private static void nodeWithLeaf(HprofWriter w, long node, int i) {
    w.instance(node, NODE_CLASS, node + 16, i).instance(node + 16, NODE_CLASS, 0L, i * 7 + 3);
  }

  /**
   * An array at {@code arrayId} of {@code n} nodes, each holding a leaf node; when {@code changed},
   * every 400th element is a string instead (a node changed in place would be the same object).
   */
  private static void wideArray(HprofWriter w, long arrayId, long base, int n, boolean changed) {
    long[] elements = new long[n];
    for (int i = 0; i < n; i++) {
      long node = base + 32L * i;
      if (changed && i % 400 == 0) {
        string(w, node, node + 16, "replaced " + i, 0);
      } else {
        nodeWithLeaf(w, node, i);
      }
      elements[i] = node;
    }
    w.objectArray(arrayId, ARRAY_CLASS, elements);
  }

  @Test
  void aWideLevelIsSweptOnTwoThreadsWithTheSameAnswer() throws Exception {
    // 40,000 nodes under one array (a level of the sweep large enough to split between threads), each
    // holding a leaf; after: everything at other addresses, and every 400th node with its leaf
    // replaced by a string and its bytes.
    int n = 40_000;
    try (Snapshot before = dump("before", 0x10, 0L, w -> wideArray(w, 0x10, 0x100000, n, false));
        Snapshot after = dump("after", 0x20, 0L, w -> wideArray(w, 0x20, 0x900000, n, true))) {
      // Also new: the class object of byte[], which nothing reached before (no byte[] existed).
      long[] expected = new long[2 * n / 400 + 1];
      expected[0] = BYTES_CLASS;
      for (int i = 0, k = 1; i < n; i += 400) {
        expected[k++] = 0x900000 + 32L * i;
        expected[k++] = 0x900000 + 32L * i + 16;
      }
      assertThat(ids(after.minus(before))).containsExactly(expected);
      assertThat(before.minus(after).count()).isEqualTo(2 * n / 400);
    }
  }

  /**
   * {@code Holder.A} and {@code Holder.B} each an array of the same {@code n} counters (objects with
   * one int and no references, each held twice, so never swept), the counters at {@code base} in
   * increasing address order, except counters {@code [from, to)}, which lie above all others in
   * reverse order; the first {@code changed} counters count one more.
   */
  private static void sharedCounters(HprofWriter w, long arrayA, long arrayB, long base, int n, int changed,
      int from, int to) {
    w.loadClass(COUNTER_CLASS, "com/example/Counter").classDump(COUNTER_CLASS).superclass(OBJECT_CLASS)
        .field("count", INT).end();
    w.rootStickyClass(COUNTER_CLASS);
    long[] counters = new long[n];
    for (int i = 0; i < n; i++) {
      boolean moved = i >= from && i < to;
      counters[i] = base + 16L * (moved ? n + from + to - 1 - i : i);
      w.instance(counters[i], COUNTER_CLASS, 1_000 + 3 * i + (i < changed ? 1 : 0));
    }
    w.objectArray(arrayA, ARRAY_CLASS, counters).objectArray(arrayB, ARRAY_CLASS, counters);
  }

  @Test
  void sharedCountersThatCountedOnAreTheSameObjects() throws Exception {
    // A field that most pairs show unchanged (here the count of 95 of 100 counters) weighs heavily
    // against a pair once learned; the five counters that counted on still keep both their places.
    try (Snapshot before = dump("before", 0x10, 0x20, w -> sharedCounters(w, 0x10, 0x20, 0x100000, 100, 0, 0, 0));
        Snapshot after = dump("after", 0x30, 0x40, w -> sharedCounters(w, 0x30, 0x40, 0x900000, 100, 5, 0, 0))) {
      assertThat(ids(after.minus(before))).isEmpty();
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  /**
   * {@code Holder.A}: a bag (an element array, a size and a count of changes, as {@code ArrayList}
   * has) whose element array is {@code elements}, of {@code size} nodes at {@code nodes}, or with
   * {@code boxed} a box at 0x10080 that holds that bag and a second one, at 0x10040, like it with
   * its elements at {@code elements + 0x1000} and {@code nodes + 0x1000}; {@code Holder.B}: the shared
   * empty array at {@code empty}, which {@code others} other empty bags hold too ({@code Holder.C}'s
   * array, with 300 nodes and their leaves for the address-order merge to pair).
   */
  private static void bagInAStatic(HprofWriter w, long elements, int size, long nodes, boolean boxed, int others) {
    w.loadClass(BAG_CLASS, "com/example/Bag").classDump(BAG_CLASS).superclass(OBJECT_CLASS)
        .field("elementData", OBJECT).field("size", INT).field("modCount", INT).end();
    w.loadClass(BOX_CLASS, "com/example/Box").classDump(BOX_CLASS).superclass(OBJECT_CLASS)
        .field("orders", OBJECT).field("returns", OBJECT).end();
    w.rootStickyClass(BAG_CLASS).rootStickyClass(BOX_CLASS);
    long empty = 0x10100;
    w.instance(0x10000, BAG_CLASS, elements, size, size).objectArray(empty, ARRAY_CLASS);
    if (boxed) {
      w.instance(0x10080, BOX_CLASS, 0x10000L, 0x10040L);
      long second = elements == empty ? empty : elements + 0x1000;
      w.instance(0x10040, BAG_CLASS, second, size, size);
      if (second != empty) {
        elementArray(w, second, size, nodes + 0x1000);
      }
    }
    long[] held = new long[others + 300];
    for (int i = 0; i < others; i++) {
      held[i] = 0x10200 + 16L * i;
      w.instance(held[i], BAG_CLASS, empty, 0, 0);
    }
    for (int i = 0; i < 300; i++) {
      held[others + i] = 0x20000 + 32L * i;
      nodeWithLeaf(w, held[others + i], i);
    }
    w.objectArray(0x30000, ARRAY_CLASS, held);
    if (elements != empty) {
      elementArray(w, elements, size, nodes);
    }
  }

  /** An array of 10 slots at {@code elements} whose first {@code size} hold new nodes at {@code nodes}. */
  private static void elementArray(HprofWriter w, long elements, int size, long nodes) {
    long[] slots = new long[10];
    for (int i = 0; i < size; i++) {
      slots[i] = nodes + 32L * i;
      w.instance(slots[i], NODE_CLASS, 0L, 1_000 + i);
    }
    w.objectArray(elements, ARRAY_CLASS, slots);
  }

  @Test
  void aBagAStaticHoldsIsTheSameBagWhenItsFirstElementsReplaceTheSharedEmptyArray() throws Exception {
    // An empty ArrayList holds the JDK's shared empty array; its first element gives it an array of
    // its own. Its class's static field still holds it: the field took a new object in place of a
    // shared one, and its size changed, which must not make it a new bag (and the old one gone).
    try (Snapshot before = dump("before", 0x10000, 0x10100, 0x30000, w -> bagInAStatic(w, 0x10100, 0, 0, false, 5));
        Snapshot after = dump("after", 0x10000, 0x10100, 0x30000,
            w -> bagInAStatic(w, 0x50000, 3, 0x50100, false, 5))) {
      assertThat(ids(after.minus(before))).containsExactly(0x50000, 0x50100, 0x50120, 0x50140);
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  /**
   * An object whose own fields hold two such lists (each held by it alone): the lists' new arrays, in
   * place of the shared empty one that only matched lists hold besides, and their new sizes must not
   * make the box and its lists new. The empty array is held by matched objects only: no other
   * unmatched box or list is a rival for them; with 100 other empty lists it is a popular object, as
   * the JDK's shared empty array is in a real heap.
   */
  @ParameterizedTest(name = "{0} other empty bags")
  @ValueSource(ints = {5, 100})
  void aBoxOfBagsThatGainedTheirFirstElementsIsTheSameBox(int others) throws Exception {
    try (Snapshot before = dump("before", 0x10080, 0x10100, 0x30000,
        w -> bagInAStatic(w, 0x10100, 0, 0, true, others));
        Snapshot after = dump("after", 0x10080, 0x10100, 0x30000,
            w -> bagInAStatic(w, 0x50000, 3, 0x50100, true, others))) {
      assertThat(ids(after.minus(before))).containsExactly(0x50000, 0x50100, 0x50120, 0x50140, 0x51000, 0x51100,
          0x51120, 0x51140);
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  /**
   * {@code Holder.A}: an array of {@code n} lists (an element array and a size) that {@code Holder.B}'s
   * array holds too, so none is swept, and then one more list, held by {@code Holder.A}'s array only,
   * whose element array holds {@code size} strings at {@code base}.
   */
  private static void manyListsAndOneThatGrows(HprofWriter w, long arrayA, long arrayB, long base, int n, int size) {
    w.loadClass(LIST_CLASS, "com/example/List").classDump(LIST_CLASS).superclass(OBJECT_CLASS)
        .field("elements", OBJECT).field("size", INT).end();
    w.rootStickyClass(LIST_CLASS);
    long[] lists = new long[n + 1];
    for (int i = 0; i < n; i++) {
      lists[i] = base + 16L * i;
      w.instance(lists[i], LIST_CLASS, 0L, i);
    }
    long grows = base + 16L * n;
    long elements = grows + 16;
    long[] strings = new long[8];
    for (int i = 0; i < size; i++) {
      strings[i] = elements + 256 + 64L * i;
      string(w, strings[i], strings[i] + 32, "element " + i, 0);
    }
    w.instance(grows, LIST_CLASS, elements, size).objectArray(elements, ARRAY_CLASS, strings);
    lists[n] = grows;
    w.objectArray(arrayA, ARRAY_CLASS, lists).objectArray(arrayB, ARRAY_CLASS, Arrays.copyOf(lists, n));
  }

  @Test
  void aListThatGrewIsTheSameListWhereManyListsDidNot() throws Exception {
    // Forty lists keep their size (pairs made by evidence, not swept), one grows by an element: the
    // size of lists is not a field that never changes, and the list that grew (what a leak looks
    // like) is the same list, with one new element.
    try (Snapshot before = dump("before", 0x10, 0x20, w -> manyListsAndOneThatGrows(w, 0x10, 0x20, 0x100000, 40, 3));
        Snapshot after = dump("after", 0x30, 0x40, w -> manyListsAndOneThatGrows(w, 0x30, 0x40, 0x900000, 40, 4))) {
      long element = 0x900000 + 16L * 40 + 16 + 256 + 64L * 3;
      assertThat(ids(after.minus(before))).containsExactly(element, element + 32);
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  /**
   * A table of {@code n} rows, as a database keeps them: {@code Holder.A} an array of pages, each page
   * a version and one row; a row a {@code Value[]} of an id and a name (reference-free values) and an
   * amount (a value holding a string); {@code Holder.B} an index of the rows but row {@code replaced},
   * and {@code Holder.C} an index of the ids, so that rows and ids are held twice and not swept. When
   * {@code replaced} is updated, its page and row are new copies (page version 2) and its amount a new
   * value, while the new row keeps the old row's id and name values (the same objects, same ids);
   * then the pages, rows and amounts also lie in the reverse address order, so that the address order
   * (which would pair the new row with the old one between their neighbours) is not kept.
   */
  private static void table(HprofWriter w, long base, int n, int replaced, boolean updated) {
    w.loadClass(VALUES_CLASS, "[Lcom/example/Value;").classDump(VALUES_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(INT_VALUE_CLASS, "com/example/IntValue").classDump(INT_VALUE_CLASS).superclass(OBJECT_CLASS)
        .field("value", INT).end();
    w.loadClass(TEXT_VALUE_CLASS, "com/example/TextValue").classDump(TEXT_VALUE_CLASS).superclass(OBJECT_CLASS)
        .field("text", OBJECT).end();
    w.loadClass(PAGE_CLASS, "com/example/Page").classDump(PAGE_CLASS).superclass(OBJECT_CLASS)
        .field("row", OBJECT).field("version", INT).end();
    w.rootStickyClass(INT_VALUE_CLASS).rootStickyClass(TEXT_VALUE_CLASS).rootStickyClass(PAGE_CLASS);
    long[] pages = new long[n];
    long[] rows = new long[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      long page = base + 256L * (updated ? n - 1 - i : i);
      long row = page + 32;
      long amount = page + 96;
      ids[i] = 0x70_0000 + 32L * i;
      long name = ids[i] + 16;
      boolean update = updated && i == replaced;
      w.instance(page, PAGE_CLASS, row, update ? 2 : 1);
      w.instance(ids[i], INT_VALUE_CLASS, i).instance(name, INT_VALUE_CLASS, 5_000 + i);
      string(w, amount + 16, amount + 48, "amount " + (update ? 2 * i + 1 : i), 0);
      w.instance(amount, TEXT_VALUE_CLASS, amount + 16);
      w.objectArray(row, VALUES_CLASS, ids[i], name, amount);
      pages[i] = page;
      rows[i] = i == replaced ? 0 : row;
    }
    w.objectArray(base - 0x10_0000, ARRAY_CLASS, pages).objectArray(base - 0x08_0000, ARRAY_CLASS, rows)
        .objectArray(base - 0x04_0000, ARRAY_CLASS, ids);
  }

  @Test
  void aRowReplacedByAnUpdateIsANewRowThatKeepsTheOldValues() throws Exception {
    // Forty rows whose values never change in place (39 pairs made by evidence show it): the row an
    // update replaced with its page, a Value[] that differs from the old one in its amount only, is
    // another row, its new amount value and string are new, and the id and name values it kept from
    // the old row are the same objects. (Without learning that such arrays never change, the new row
    // is paired with the old one, one element changed.)
    int n = 40;
    int replaced = 17;
    long before = 0x300000;
    long after = 0x900000;
    try (Snapshot earlier = dump("before", before - 0x10_0000, before - 0x08_0000, before - 0x04_0000,
            w -> table(w, before, n, replaced, false));
        Snapshot later = dump("after", after - 0x10_0000, after - 0x08_0000, after - 0x04_0000,
            w -> table(w, after, n, replaced, true))) {
      long page = after + 256L * (n - 1 - replaced);
      assertThat(ids(later.minus(earlier))).containsExactly(page, page + 32, page + 96, page + 96 + 16, page + 96 + 48);
      long oldPage = before + 256L * replaced;
      assertThat(ids(earlier.minus(later)))
          .containsExactly(oldPage, oldPage + 32, oldPage + 96, oldPage + 96 + 16, oldPage + 96 + 48);
    }
  }

  /**
   * An array at {@code arrayId} of {@code n} nodes, each holding a leaf node, at increasing ids in
   * array order, except nodes {@code [from, to)}, which lie (in the same order) above all others, as
   * a block of objects a parallel compaction moved as a whole.
   */
  private static void arrayWithABlockMoved(HprofWriter w, long arrayId, long base, int n, int from, int to) {
    arrayWithABlockMoved(w, arrayId, base, n, from, to, false);
  }

  /** The same, the block in reverse order when {@code reversed}, as a copying collection can leave it. */
  private static void arrayWithABlockMoved(HprofWriter w, long arrayId, long base, int n, int from, int to,
      boolean reversed) {
    long[] elements = new long[n];
    for (int i = 0; i < n; i++) {
      boolean moved = i >= from && i < to;
      long node = base + 32L * (moved ? n + (reversed ? from + to - 1 - i : i) : i);
      nodeWithLeaf(w, node, i);
      elements[i] = node;
    }
    w.objectArray(arrayId, ARRAY_CLASS, elements);
  }

  @Test
  void aBlockOfObjectsMovedAsAWholeIsTheSameObjects() throws Exception {
    // 5,000 nodes with a leaf each, in address order in both dumps, but 50 of them (with their
    // leaves: 1% of the pairs) moved together above the rest in the later one: every pair is swept
    // (same slot, same contents), and the block is in order within itself; the address order must
    // not undo it because the longest chain in order leaves it out.
    int n = 5_000;
    try (Snapshot before = dump("before", 0x10, 0L, w -> arrayWithABlockMoved(w, 0x10, 0x100000, n, 0, 0));
        Snapshot after = dump("after", 0x20, 0L, w -> arrayWithABlockMoved(w, 0x20, 0x900000, n, 2_000, 2_050))) {
      assertThat(ids(after.minus(before))).isEmpty();
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  @Test
  void aBlockOfObjectsMovedAndReversedIsTheSameObjects() throws Exception {
    // As above, the block in reverse order, as G1's young collections can copy a run of survivors:
    // no two of its pairs are in order, so the longest chain holds at most one of them.
    int n = 5_000;
    try (Snapshot before = dump("before", 0x10, 0L, w -> arrayWithABlockMoved(w, 0x10, 0x100000, n, 0, 0));
        Snapshot after = dump("after", 0x20, 0L,
            w -> arrayWithABlockMoved(w, 0x20, 0x900000, n, 2_000, 2_050, true))) {
      assertThat(ids(after.minus(before))).isEmpty();
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  @Test
  void aReversedBlockOfSharedObjectsKeepsItsPlacesFromItsHolders() throws Exception {
    // Pairs made by evidence (each counter held by both arrays), 1% of them reversed at the top of
    // the later dump: outside the longest chain in order, but each held in its slot by the arrays'
    // pair, which nothing questions, so the order does not undo them.
    int n = 5_000;
    try (Snapshot before = dump("before", 0x10, 0x20, w -> sharedCounters(w, 0x10, 0x20, 0x100000, n, 0, 0, 0));
        Snapshot after = dump("after", 0x30, 0x40, w -> sharedCounters(w, 0x30, 0x40, 0x900000, n, 0, 2_000, 2_050))) {
      assertThat(ids(after.minus(before))).isEmpty();
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  @Test
  void movedObjectsAreTheSameAndTheAppendedNodeIsNew() throws Exception {
    // Before: A -> 1 -> 2 -> 3, B -> "hello". After: every object at another address, node 2's value
    // changed (a mutated survivor), node 4 appended, and "hello" with its hash computed meanwhile.
    try (Snapshot before = dump("before", 0x1000, 0x1100, w -> {
      w.instance(0x1000, NODE_CLASS, 0x1010L, 1).instance(0x1010, NODE_CLASS, 0x1020L, 2)
          .instance(0x1020, NODE_CLASS, 0L, 3);
      string(w, 0x1100, 0x1110, "hello", 0);
    }); Snapshot after = dump("after", 0x5000, 0x7000, w -> {
      w.instance(0x3000, NODE_CLASS, 0x6000L, 3).instance(0x4000, NODE_CLASS, 0x3000L, 20)
          .instance(0x5000, NODE_CLASS, 0x4000L, 1).instance(0x6000, NODE_CLASS, 0L, 4);
      string(w, 0x7000, 0x7010, "hello", "hello".hashCode());
    })) {
      assertThat(ids(after.minus(before))).containsExactly(0x6000);
      assertThat(before.minus(after).isEmpty()).isTrue();
      assertThat(after.minus(before).toString()).startsWith("Partition of a set of 1 object.")
          .contains("com.example.Node");
    }
  }

  @Test
  void anObjectAtAReusedAddressIsNew() throws Exception {
    // Before: A -> node(1) at 0x1000, B -> "old" at 0x2000. After: A is null, B -> "new" at 0x2000 and
    // a node(1) at 0x1000 held by nothing but a JNI global: same ids, other objects.
    try (Snapshot before = dump("before", 0x1000, 0x2000, w -> {
      w.instance(0x1000, NODE_CLASS, 0L, 1);
      string(w, 0x2000, 0x2010, "old", 0);
    }); Snapshot after = dump("after", 0, 0x2000, w -> {
      w.instance(0x1000, NODE_CLASS, 0L, 1).rootJniGlobal(0x1000, 0x9000);
      string(w, 0x2000, 0x2010, "new", 0);
    })) {
      assertThat(ids(after.minus(before))).containsExactly(0x1000, 0x2000, 0x2010);
      assertThat(ids(before.minus(after))).containsExactly(0x1000, 0x2000, 0x2010);
    }
  }

  @Test
  void aStringAJniGlobalHoldsIsNotItsNewTwin() throws Exception {
    // Before: a JNI global holds "g". After: it holds "g" moved, and a new node that A holds holds a
    // new "g": equal contents, and neither has a matched referrer. The global tells them apart.
    try (Snapshot before = dump("before", 0, 0, w -> {
      string(w, 0x3000, 0x3010, "g", 0);
      w.rootJniGlobal(0x3000, 0x9000);
    }); Snapshot after = dump("after", 0x7200, 0, w -> {
      string(w, 0x7000, 0x7010, "g", 0);
      w.rootJniGlobal(0x7000, 0x9000);
      w.instance(0x7200, NODE_CLASS, 0x7100L, 1);
      string(w, 0x7100, 0x7110, "g", 0);
    })) {
      assertThat(ids(after.minus(before))).containsExactly(0x7100, 0x7110, 0x7200);
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  @Test
  void aClassThatGainedAPseudoStaticKeepsItsOtherReferents() throws Exception {
    // A class's <init_lock> (an empty int[]) moved; the dump after also writes its new
    // <resolved_references> before it, which shifted the lock to the class object's second slot.
    long lazy = 0x1C0;
    try (Snapshot before = dump("before", 0, 0, w -> {
      w.loadClass(lazy, "com/example/Lazy").classDump(lazy).superclass(OBJECT_CLASS)
          .staticField("<init_lock>", OBJECT, 0x4000L).end();
      w.rootStickyClass(lazy).rootStickyClass(ARRAY_CLASS);
      w.intArray(0x4000);
    }); Snapshot after = dump("after", 0, 0, w -> {
      w.loadClass(lazy, "com/example/Lazy").classDump(lazy).superclass(OBJECT_CLASS)
          .staticField("<resolved_references>", OBJECT, 0x8400L).staticField("<init_lock>", OBJECT, 0x8000L).end();
      w.rootStickyClass(lazy).rootStickyClass(ARRAY_CLASS);
      w.intArray(0x8000);
      w.objectArray(0x8400, ARRAY_CLASS, 0L);
    })) {
      assertThat(ids(after.minus(before))).containsExactly(0x8400);
      assertThat(ids(before.minus(after))).isEmpty();
    }
  }

  @Test
  void equalStringsCountOnceEach() throws Exception {
    // Before: A -> Object[] {"x", "x", null}. After: the array (moved) holds three "x", each with its
    // own byte[]; the third is new.
    try (Snapshot before = dump("before", 0x1000, 0, w -> {
      w.objectArray(0x1000, ARRAY_CLASS, 0x1100, 0x1200, 0);
      string(w, 0x1100, 0x1110, "x", 0);
      string(w, 0x1200, 0x1210, "x", 0);
    }); Snapshot after = dump("after", 0x8000, 0, w -> {
      w.objectArray(0x8000, ARRAY_CLASS, 0x8300, 0x8200, 0x8100);
      string(w, 0x8100, 0x8110, "x", 0);
      string(w, 0x8200, 0x8210, "x", 0);
      string(w, 0x8300, 0x8310, "x", 0);
    })) {
      // Slots 0 and 1 held the old strings; the one in slot 2 is the new one.
      assertThat(ids(after.minus(before))).containsExactly(0x8100, 0x8110);
      ObjectSet strings = after.ofClass("java.lang.String");
      assertThat(ids(strings.minus(before.ofClass("java.lang.String")))).containsExactly(0x8100);
      assertThat(ids(strings.minus(before.ofClass("com.example.Node")))).containsExactly(0x8100, 0x8200, 0x8300);
    }
  }

  @Test
  void onlyMinusWorksAcrossSnapshots() throws Exception {
    try (Snapshot one = dump("one", 0, 0, w -> { }); Snapshot two = dump("two", 0, 0, w -> { })) {
      assertThatThrownBy(() -> one.and(two)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("only minus() works across snapshots");
      assertThat(two.minus(one).isEmpty()).isTrue();
    }
  }
}
