package dev.heapdiff.hprof;

import static dev.heapdiff.hprof.SyntheticDumps.NODE_CLASS;
import static dev.heapdiff.hprof.SyntheticDumps.OBJECT_ARRAY_CLASS;
import static dev.heapdiff.hprof.SyntheticDumps.OBJECT_CLASS;
import static dev.heapdiff.hprof.SyntheticDumps.STRING_CLASS;
import static dev.heapdiff.hprof.SyntheticDumps.index;
import static dev.heapdiff.hprof.SyntheticDumps.nodes;
import static dev.heapdiff.hprof.SyntheticDumps.string;
import static dev.heapdiff.hprof.SyntheticDumps.strings;
import static dev.heapdiff.hprof.SyntheticDumps.write;
import static dev.heapdiff.testdata.BasicType.BOOLEAN;
import static dev.heapdiff.testdata.BasicType.BYTE;
import static dev.heapdiff.testdata.BasicType.CHAR;
import static dev.heapdiff.testdata.BasicType.DOUBLE;
import static dev.heapdiff.testdata.BasicType.FLOAT;
import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.LONG;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static dev.heapdiff.testdata.BasicType.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.heapdiff.testdata.HprofWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Graphs written by {@link HprofWriter} whose every object, reference and root is known. */
class SyntheticGraphTest {
  @TempDir Path dir;

  private HeapGraph open(HprofWriter w) throws Exception {
    return HeapGraph.open(write(dir, "synthetic.hprof", w.bytes()));
  }

  @Test
  void aCycleIsReachableFromOneRootAndEachMemberIsReferencedOnce() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.instance(0x1000, NODE_CLASS, 0x1010, 1).instance(0x1010, NODE_CLASS, 0x1020, 2)
        .instance(0x1020, NODE_CLASS, 0x1000, 3).rootJavaFrame(0x1010, 1, 0);
    try (HeapGraph g = open(w)) {
      int a = index(g, 0x1000);
      int b = index(g, 0x1010);
      int c = index(g, 0x1020);
      assertThat(g.objectCount()).isEqualTo(5);
      assertThat(g.reachableCount()).isEqualTo(5);
      assertThat(g.references(a)).containsExactly(b);
      assertThat(g.references(c)).containsExactly(a);
      assertThat(g.referrers(a)).containsExactly(c);
      assertThat(g.referrers(b)).containsExactly(a);
      assertThat(g.danglingReferenceCount()).isZero();
    }
  }

  @Test
  void rootsLeftOutReachNothingThatOnlyTheyHold() throws Exception {
    // a <- frame root 0 (left out); b <- frame root 1 (left out) and a's next; c <- unknown root (kept)
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.instance(0x1000, NODE_CLASS, 0, 1).instance(0x1010, NODE_CLASS, 0, 2).instance(0x1020, NODE_CLASS, 0x1010, 3)
        .rootJavaFrame(0x1000, 1, 0).rootJavaFrame(0x1010, 1, 1).rootUnknown(0x1020);
    try (HeapGraph g = open(w)) {
      int a = index(g, 0x1000);
      int b = index(g, 0x1010);
      int c = index(g, 0x1020);
      List<GcRoot> roots = g.roots();
      long[] without = g.reachableWithout(object -> false, r -> roots.get(r).kind() == RootKind.JAVA_FRAME);
      assertThat(bit(without, a)).as("held only by a root left out").isFalse();
      assertThat(bit(without, b)).as("held by a root left out and by c").isTrue();
      assertThat(bit(without, c)).isTrue();
      long[] all = g.reachableWithout(object -> false, r -> false);
      assertThat(bit(all, a)).isTrue();
      assertThat(g.reachableWithout(object -> object == c, r -> roots.get(r).kind() == RootKind.JAVA_FRAME))
          .as("nothing left but the classes").satisfies(bits -> {
            assertThat(bit(bits, a)).isFalse();
            assertThat(bit(bits, b)).isFalse();
            assertThat(bit(bits, c)).isFalse();
          });
    }
  }

  private static boolean bit(long[] bits, int i) {
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  @Test
  void aDiamondsBottomHasBothSidesAsReferrers() throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(NODE_CLASS, "Pair").classDump(NODE_CLASS).superclass(OBJECT_CLASS)
        .field("left", OBJECT).field("right", OBJECT).end();
    w.instance(0x1000, NODE_CLASS, 0x1010, 0x1020).instance(0x1010, NODE_CLASS, 0x1030, 0)
        .instance(0x1020, NODE_CLASS, 0, 0x1030).instance(0x1030, NODE_CLASS, 0, 0).rootUnknown(0x1000);
    try (HeapGraph g = open(w)) {
      int top = index(g, 0x1000);
      int left = index(g, 0x1010);
      int right = index(g, 0x1020);
      int bottom = index(g, 0x1030);
      assertThat(g.referenceCount(top)).isEqualTo(2);
      assertThat(g.namedReferences(top)).containsExactly(new HeapReference("left", left),
          new HeapReference("right", right));
      assertThat(g.referrers(bottom)).containsExactlyInAnyOrder(left, right);
      assertThat(g.namedReferences(right)).containsExactly(new HeapReference("right", bottom));
      assertThat(g.isReachable(bottom)).isTrue();
    }
  }

  @Test
  void anObjectCanReferToItself() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.instance(0x1000, NODE_CLASS, 0x1000, 7).rootMonitorUsed(0x1000);
    try (HeapGraph g = open(w)) {
      int self = index(g, 0x1000);
      assertThat(g.referenceCount(self)).isEqualTo(1);
      assertThat(g.namedReferences(self)).containsExactly(new HeapReference("next", self));
      assertThat(g.referrers(self)).containsExactly(self);
      assertThat(g.isReachable(self)).isTrue();
    }
  }

  @Test
  void aChainOfAMillionObjectsIsReachableEndToEnd() throws Exception {
    int n = 1_000_000;
    Path file = dir.resolve("chain.hprof");
    try (HprofWriter w = nodes(HprofWriter.toFile(file, 8))) {
      for (int k = 0; k < n; k++) {
        w.instance(0x10_0000L + 16L * k, NODE_CLASS, k + 1 < n ? 0x10_0000L + 16L * (k + 1) : 0, k);
      }
      w.rootJavaFrame(0x10_0000L, 1, 0);
    }
    try (HeapGraph g = HeapGraph.open(file)) {
      assertThat(g.objectCount()).isEqualTo(n + 2);
      assertThat(g.reachableCount()).isEqualTo(n + 2);
      int first = index(g, 0x10_0000L);
      int last = index(g, 0x10_0000L + 16L * (n - 1));
      assertThat(g.isReachable(last)).isTrue();
      assertThat(g.referenceCount(last)).isZero();
      assertThat(g.referrers(first)).isEmpty();
      for (int k = 0; k < n - 1; k++) {
        int object = first + k;
        assertThat(g.referenceCount(object)).isEqualTo(1);
        assertThat(g.reference(object, 0)).isEqualTo(object + 1);
      }
      assertThat(g.referrers(last)).containsExactly(last - 1);
      assertThat(g.field(last, "value")).map(HeapField::value).contains(n - 1);
    }
  }

  @Test
  void objectsNoRootReachesAreFlaggedUnreachable() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.instance(0x1000, NODE_CLASS, 0x1010, 0).instance(0x1010, NODE_CLASS, 0, 0)
        .instance(0x2000, NODE_CLASS, 0x2010, 0).instance(0x2010, NODE_CLASS, 0x2000, 0)
        .instance(0x3000, NODE_CLASS, 0x1000, 0).rootStickyClass(NODE_CLASS).rootUnknown(0x1000);
    try (HeapGraph g = open(w)) {
      assertThat(g.isReachable(index(g, 0x1000))).isTrue();
      assertThat(g.isReachable(index(g, 0x1010))).isTrue();
      assertThat(g.isReachable(index(g, 0x2000))).isFalse();
      assertThat(g.isReachable(index(g, 0x2010))).isFalse();
      assertThat(g.isReachable(index(g, 0x3000))).isFalse();
      assertThat(g.isReachable(index(g, OBJECT_CLASS))).as("the superclass of a rooted class").isTrue();
      assertThat(g.reachableCount()).isEqualTo(4);
    }
  }

  @Test
  void instanceFieldsOfAClassHierarchyAreReadBackByName() throws Exception {
    HprofWriter w = leafHierarchy(HprofWriter.inMemory(8));
    // HotSpot order: Leaf's own fields, then Middle's, then Base's.
    w.instance(0x1000, 0x220, 'x', (short) -2, (byte) 0x7F, 1.5f, 0x1000, 42, 0.25, 1L << 40, 0, true)
        .rootUnknown(0x1000);
    try (HeapGraph g = open(w)) {
      int leaf = index(g, 0x1000);
      assertThat(g.kind(leaf)).isEqualTo(ObjectKind.INSTANCE);
      assertThat(g.classOf(leaf).name()).isEqualTo("com.example.Leaf");
      assertThat(g.fields(leaf)).extracting(HeapField::name, HeapField::type, HeapField::value).containsExactly(
          tuple("c", ValueType.CHAR, 'x'), tuple("s", ValueType.SHORT, (short) -2),
          tuple("b", ValueType.BYTE, (byte) 0x7F), tuple("f", ValueType.FLOAT, 1.5f),
          tuple("name", ValueType.OBJECT, 0x1000L), tuple("count", ValueType.INT, 42),
          tuple("ratio", ValueType.DOUBLE, 0.25), tuple("id", ValueType.LONG, 1L << 40),
          tuple("name", ValueType.OBJECT, 0L), tuple("flag", ValueType.BOOLEAN, true));
      assertThat(g.field(leaf, "name")).map(HeapField::value).as("the most derived of two fields named name")
          .contains(0x1000L);
      assertThat(g.field(leaf, "ratio")).map(HeapField::value).contains(0.25);
      assertThat(g.field(leaf, "missing")).isEmpty();
      HeapClass leafClass = g.classOf(leaf);
      assertThat(leafClass.fields()).extracting(FieldDescriptor::name).containsExactly("c", "s", "b", "f", "name");
      HeapClass middle = g.classes().get(leafClass.superclassIndex());
      assertThat(middle.name()).isEqualTo("com.example.Middle");
      assertThat(g.classes().get(middle.superclassIndex()).name()).isEqualTo("com.example.Base");
      assertThat(g.namedReferences(leaf)).containsExactly(new HeapReference("name", leaf));
      assertThat(g.danglingReferenceCount()).isZero();
      assertThat(g.referenceSlots(leaf)).as("Leaf.name, then Base.name (null)").containsExactly(leaf, -1);
      int[] out = {7, 7, 7, 7};
      assertThat(g.referenceSlots(leaf, out, 1)).isEqualTo(g.referenceSlotCount(leaf)).isEqualTo(2);
      assertThat(out).containsExactly(7, leaf, -1, 7);
      assertThatThrownBy(() -> g.referenceSlots(leaf, new int[2], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void objectArraysSkipNullsAndCountDanglingIds() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.loadClass(OBJECT_ARRAY_CLASS, "[Ljava/lang/Object;").classDump(OBJECT_ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    w.instance(0x1000, NODE_CLASS, 0xBAD0, 0).instance(0x1010, NODE_CLASS, 0, 0)
        .objectArray(0x2000, OBJECT_ARRAY_CLASS, 0x1000, 0, 0xDEAD0, 0x1010, 0)
        .objectArray(0x2010, OBJECT_ARRAY_CLASS).rootUnknown(0x2000);
    try (HeapGraph g = open(w)) {
      int array = index(g, 0x2000);
      assertThat(g.kind(array)).isEqualTo(ObjectKind.OBJECT_ARRAY);
      assertThat(g.classOf(array).name()).isEqualTo("java.lang.Object[]");
      assertThat(g.arrayLength(array)).isEqualTo(5);
      assertThat(g.referenceCount(array)).isEqualTo(2);
      assertThat(g.namedReferences(array)).containsExactly(new HeapReference("[0]", index(g, 0x1000)),
          new HeapReference("[3]", index(g, 0x1010)));
      assertThat(g.danglingReferenceCount()).as("0xDEAD0 in the array and 0xBAD0 in a field").isEqualTo(2);
      assertThat(g.referenceSlots(array)).as("nulls and dangling ids are -1, slots keep their places")
          .containsExactly(index(g, 0x1000), -1, -1, index(g, 0x1010), -1);
      assertThat(g.referenceSlots(index(g, 0x1000))).as("its next is the dangling 0xBAD0").containsExactly(-1);
      assertThat(g.arrayLength(index(g, 0x2010))).isZero();
      assertThat(g.arrayLength(index(g, 0x1000))).isEqualTo(-1);
    }
  }

  @Test
  void primitiveArraysOfEveryTypeHaveTheirClassLengthAndSize() throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    w.booleanArray(0x1000, true, false, true).charArray(0x1010, 'a', 'b').byteArray(0x1020, new byte[5])
        .shortArray(0x1030, (short) 1).intArray(0x1040, 1, 2, 3).longArray(0x1050, 1, 2)
        .floatArray(0x1060).doubleArray(0x1070, 1.0, 2.0, 3.0);
    try (HeapGraph g = HeapGraph.open(write(dir, "arrays.hprof", w.bytes()), ObjectLayout.JDK17_DEFAULT)) {
      assertThat(g.objectCount()).isEqualTo(8);
      List<Integer> all = List.of(0, 1, 2, 3, 4, 5, 6, 7);
      assertThat(all).extracting(i -> g.classOf(i).name(), g::arrayLength, g::shallowSize).containsExactly(
          tuple("boolean[]", 3, 24L), tuple("char[]", 2, 24L), tuple("byte[]", 5, 24L), tuple("short[]", 1, 24L),
          tuple("int[]", 3, 32L), tuple("long[]", 2, 32L), tuple("float[]", 0, 16L), tuple("double[]", 3, 40L));
      assertThat(all).allSatisfy(i -> {
        assertThat(g.kind(i)).isEqualTo(ObjectKind.PRIMITIVE_ARRAY);
        assertThat(g.referenceCount(i)).isZero();
        assertThat(g.fields(i)).isEmpty();
        assertThat(g.isReachable(i)).isFalse();
      });
    }
  }

  @Test
  void stringsAreDecodedFromLatin1Utf16AndCharArrays() throws Exception {
    HprofWriter w = strings(nodes(HprofWriter.inMemory(8)));
    string(w, 0x1000, 0x1010, "héllo, Latin-1");
    string(w, 0x2000, 0x2010, "snow \u2603 and \uD83D\uDE00");
    string(w, 0x3000, 0x3010, "");
    // JDK 8's String: a char[] and no coder.
    w.loadClass(0x500, "java/lang/String").classDump(0x500).superclass(OBJECT_CLASS)
        .field("value", OBJECT).field("hash", INT).end();
    w.charArray(0x4010, 'j', 'd', 'k', '8').instance(0x4000, 0x500, 0x4010, 0);
    w.instance(0x5000, NODE_CLASS, 0, 0);
    try (HeapGraph g = open(w)) {
      assertThat(g.stringValue(index(g, 0x1000))).contains("héllo, Latin-1");
      assertThat(g.stringValue(index(g, 0x2000))).contains("snow \u2603 and \uD83D\uDE00");
      assertThat(g.stringValue(index(g, 0x3000))).contains("");
      assertThat(g.stringValue(index(g, 0x4000))).contains("jdk8");
      assertThat(g.stringValue(index(g, 0x1000), 5)).contains("héllo");
      assertThat(g.stringValue(index(g, 0x2000), 4)).contains("snow");
      assertThat(g.stringValue(index(g, 0x4000), 2)).contains("jd");
      assertThat(g.stringValue(index(g, 0x5000))).isEmpty();
      assertThat(g.stringValue(index(g, 0x1010))).isEmpty();
      assertThat(g.classOf(index(g, 0x1010)).name()).isEqualTo("byte[]");
    }
  }

  @Test
  void namedReferencesSayHowEachTargetIsHeld() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.loadClass(OBJECT_ARRAY_CLASS, "[Ljava/lang/Object;").classDump(OBJECT_ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(0x300, "com/example/Holder").classDump(0x300).superclass(OBJECT_CLASS).loader(0x1000)
        .signers(0x1010).protectionDomain(0x1020).staticField("COUNT", INT, 3).staticField("ROOT", OBJECT, 0x1030)
        .staticField("NOTHING", OBJECT, 0).constant(7, OBJECT, 0x1040).constant(8, INT, 5).end();
    for (long id = 0x1000; id <= 0x1040; id += 0x10) {
      w.instance(id, NODE_CLASS, 0, 0);
    }
    w.instance(0x2000, NODE_CLASS, 0x1000, 0).objectArray(0x3000, OBJECT_ARRAY_CLASS, 0, 0x1010, 0x1020);
    try (HeapGraph g = open(w)) {
      int holder = index(g, 0x300);
      assertThat(g.kind(holder)).isEqualTo(ObjectKind.CLASS);
      assertThat(g.asClass(holder)).map(HeapClass::name).contains("com.example.Holder");
      assertThat(g.namedReferences(holder)).extracting(HeapReference::name, r -> g.id(r.target())).containsExactly(
          tuple("<super>", OBJECT_CLASS), tuple("<classloader>", 0x1000L), tuple("<signers>", 0x1010L),
          tuple("<protection domain>", 0x1020L), tuple("ROOT", 0x1030L), tuple("<constant pool>", 0x1040L));
      assertThat(g.asClass(holder).orElseThrow().staticFields()).extracting(HeapField::name, HeapField::value)
          .containsExactly(tuple("COUNT", 3), tuple("ROOT", 0x1030L), tuple("NOTHING", 0L));
      assertThat(g.asClass(holder).orElseThrow().classLoaderId()).isEqualTo(0x1000L);
      assertThat(g.namedReferences(index(g, 0x2000))).containsExactly(new HeapReference("next", index(g, 0x1000)));
      assertThat(g.namedReferences(index(g, 0x3000))).extracting(HeapReference::name).containsExactly("[1]", "[2]");
      assertThat(g.referrers(index(g, 0x1000))).containsExactlyInAnyOrder(holder, index(g, 0x2000));
    }
  }

  @Test
  void everyRootKindIsReportedWithItsThreadAndFrame() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    for (long id = 0x1000; id <= 0x1080; id += 0x10) {
      w.instance(id, NODE_CLASS, 0, 0);
    }
    w.rootUnknown(0x1000).rootJniGlobal(0x1010, 0x9999).rootJniLocal(0x1020, 3, 4).rootJavaFrame(0x1030, 5, 6)
        .rootNativeStack(0x1040, 7).rootStickyClass(NODE_CLASS).rootThreadBlock(0x1050, 8).rootMonitorUsed(0x1060)
        .rootThreadObject(0x1070, 9, 10).rootUnknown(0xDEAD0);
    try (HeapGraph g = open(w)) {
      assertThat(g.roots()).extracting(r -> g.id(r.object()), GcRoot::kind, GcRoot::threadSerial, GcRoot::frame)
          .containsExactly(tuple(0x1000L, RootKind.UNKNOWN, -1, -1), tuple(0x1010L, RootKind.JNI_GLOBAL, -1, -1),
              tuple(0x1020L, RootKind.JNI_LOCAL, 3, 4), tuple(0x1030L, RootKind.JAVA_FRAME, 5, 6),
              tuple(0x1040L, RootKind.NATIVE_STACK, 7, -1), tuple(NODE_CLASS, RootKind.STICKY_CLASS, -1, -1),
              tuple(0x1050L, RootKind.THREAD_BLOCK, 8, -1), tuple(0x1060L, RootKind.MONITOR_USED, -1, -1),
              tuple(0x1070L, RootKind.THREAD_OBJECT, 9, -1));
      assertThat(g.isReachable(index(g, 0x1080))).isFalse();
      assertThat(g.reachableCount()).isEqualTo(10);
    }
  }

  @Test
  void fourByteIdsAreReadUnsigned() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(4));
    w.instance(0xFFFF_FFF0L, NODE_CLASS, 0x8000_0000L, -5).instance(0x8000_0000L, NODE_CLASS, 0, 0)
        .rootUnknown(0xFFFF_FFF0L);
    try (HeapGraph g = open(w)) {
      assertThat(g.idSize()).isEqualTo(4);
      int high = index(g, 0xFFFF_FFF0L);
      assertThat(g.id(high)).isEqualTo(0xFFFF_FFF0L);
      assertThat(g.references(high)).containsExactly(index(g, 0x8000_0000L));
      assertThat(g.fields(high)).extracting(HeapField::value).containsExactly(0x8000_0000L, -5);
      assertThat(g.reachableCount()).isEqualTo(4);
    }
  }

  @Test
  void eightByteIdsSpanningMoreThanHalfTheRangeAreAllFound() throws Exception {
    long low = Long.MIN_VALUE;
    long high = Long.MAX_VALUE;
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.instance(low, NODE_CLASS, high, 1).instance(high, NODE_CLASS, low, 2).rootUnknown(high);
    try (HeapGraph g = open(w)) {
      assertThat(g.indexOf(high)).isNotNegative();
      assertThat(g.indexOf(low)).isNotNegative();
      assertThat(g.references(index(g, low))).containsExactly(index(g, high));
      assertThat(g.danglingReferenceCount()).isZero();
      assertThat(g.reachableCount()).isEqualTo(4);
      assertThat(g.indexOf(0x20)).isEqualTo(-1);
      assertThat(g.indexOf(-1)).isEqualTo(-1);
    }
  }

  @Test
  void anHprof101DumpWithOneHeapDumpRecordIsRead() throws Exception {
    HprofWriter w = HprofWriter.inMemory(8).header("JAVA PROFILE 1.0.1").timestamp(1_234_567L).useHeapDumpRecords();
    nodes(w).instance(0x1000, NODE_CLASS, 0, 0).rootUnknown(0x1000);
    try (HeapGraph g = open(w)) {
      assertThat(g.hprofVersion()).isEqualTo("1.0.1");
      assertThat(g.timestamp()).isEqualTo(Instant.ofEpochMilli(1_234_567L));
      assertThat(g.reachableCount()).isEqualTo(3);
    }
  }

  @Test
  void unknownTopLevelRecordsAreSkippedByTheirLength() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.rawRecord(0x99, new byte[] {0x0C, 0x1C, 0x21, 0, 0, 0});
    w.instance(0x1000, NODE_CLASS, 0, 0);
    w.rawRecord(0x0D, new byte[64]).rawRecord(0xFE, new byte[0]);
    w.instance(0x1010, NODE_CLASS, 0x1000, 0).rootUnknown(0x1010);
    try (HeapGraph g = open(w)) {
      assertThat(g.objectCount()).isEqualTo(4);
      assertThat(g.references(index(g, 0x1010))).containsExactly(index(g, 0x1000));
    }
  }

  /**
   * Leaf's runs of primitive bytes between its references: c, s, b, f (9 bytes: one word and a
   * tail of one), then count, ratio, id (20: two words and a tail of four), then flag (a tail of one,
   * the last byte of the record): each field, changed alone, changes the hash; references do not.
   */
  @ParameterizedTest
  @ValueSource(ints = {4, 8})
  void thePrimitiveFieldsHashSeesEveryPrimitiveFieldAndNoReference(int idSize) throws Exception {
    HprofWriter w = leafHierarchy(HprofWriter.inMemory(idSize));
    Object[] base = {'x', (short) -2, (byte) 0x7F, 1.5f, 0L, 42, 0.25, 1L << 40, 0L, true};
    Object[] changed = {'y', (short) -3, (byte) 0x7E, 2.5f, null, 43, 0.5, 1L << 41, null, false};
    w.instance(0x1000, 0x220, base).instance(0x1008, 0x220, withValue(base, 4, 0x1000L))
        .instance(0x1010, 0x220, withValue(withValue(base, 4, 0x1008L), 8, 0x1000L));
    long id = 0x2000;
    for (int f = 0; f < base.length; f++) {
      if (changed[f] != null) {
        w.instance(id, 0x220, withValue(base, f, changed[f]));
        id += 8;
      }
    }
    w.rootUnknown(0x1000);
    try (HeapGraph g = open(w)) {
      long hash = g.primitiveFieldsHash(index(g, 0x1000));
      assertThat(g.primitiveFieldsHash(index(g, 0x1008))).as("another reference in one field").isEqualTo(hash);
      assertThat(g.primitiveFieldsHash(index(g, 0x1010))).as("other references in both").isEqualTo(hash);
      java.util.Set<Long> hashes = new java.util.HashSet<>();
      for (long other = 0x2000; other < id; other += 8) {
        int o = index(g, other);
        assertThat(g.primitiveValues(o)).isNotEqualTo(g.primitiveValues(index(g, 0x1000)));
        hashes.add(g.primitiveFieldsHash(o));
      }
      assertThat(hashes).as("one primitive field changed at a time").hasSize(8).doesNotContain(hash);
    }
  }

  /**
   * A heap that runs out while the live objects are marked is said in a {@link
   * NotEnoughMemoryException} naming the dump (as when it runs out while the dump is opened), not an
   * {@link OutOfMemoryError}; other failures, and memory other than the Java heap, go on as they are.
   */
  @Test
  void aHeapThatRunsOutWhileMarkingIsReportedNamingTheDump() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    w.instance(0x1000, NODE_CLASS, 0x1010, 1).instance(0x1010, NODE_CLASS, 0L, 2).rootUnknown(0x1000);
    try (HeapGraph g = open(w)) {
      assertThatThrownBy(() -> g.reachableWithout(i -> {
        throw new OutOfMemoryError("Java heap space");
      })).isInstanceOf(NotEnoughMemoryException.class).hasCauseInstanceOf(OutOfMemoryError.class)
          .hasMessageContaining("not enough Java heap to mark the live objects of " + g.file());
      assertThatThrownBy(() -> g.reachableWithout(i -> {
        throw new OutOfMemoryError("Metaspace");
      })).isExactlyInstanceOf(OutOfMemoryError.class);
      assertThatThrownBy(() -> g.reachableWithout(i -> {
        throw new IllegalStateException("the caller's own");
      })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("the caller's own");
      assertThat(g.reachableWithout(i -> false)).isNotEmpty();
    }
  }

  /**
   * {@link HeapGraph#contentHash}: instances that differ only in their references, arrays of equal
   * elements and strings that differ only in their cached hash hash alike; a changed primitive field,
   * element, length or coder, or another class name with the same fields, hash apart; and a second
   * dump with the same contents under other object ids, other class ids, classes in another order
   * and ids of 4 bytes gives the same hashes.
   */
  @Test
  void contentHashesTellContentsApartButNotReferencesOrAStringsCachedHash() throws Exception {
    long[] first = contentHashesOf(8, 0, false);
    assertThat(contentHashesOf(8, 0x10_0000, true)).as("the same contents at other ids").containsExactly(first);
    assertThat(contentHashesOf(4, 0x10_0000, true)).as("ids of 4 bytes").containsExactly(first);
    assertThat(first[1]).as("another reference in a field").isEqualTo(first[0]);
    assertThat(first[2]).as("one primitive field changed").isNotEqualTo(first[0]);
    assertThat(first[3]).as("another class name, the same fields").isNotEqualTo(first[0]);
    assertThat(first[5]).as("equal bytes").isEqualTo(first[4]);
    assertThat(first[6]).as("one byte changed").isNotEqualTo(first[4]);
    assertThat(first[7]).as("a byte more").isNotEqualTo(first[4]);
    assertThat(first[9]).as("object arrays of one length").isEqualTo(first[8]);
    assertThat(first[10]).as("a longer object array").isNotEqualTo(first[8]);
    assertThat(first[12]).as("a string whose hash was cached").isEqualTo(first[11]);
    assertThat(first[13]).as("the same bytes as UTF-16").isNotEqualTo(first[11]);
    assertThat(first[14]).as("two class objects").isNotEqualTo(first[15]);
    assertThat(java.util.Arrays.stream(first).distinct().count()).as("hashes of different contents")
        .isEqualTo(first.length - 4);
  }

  /**
   * The content hashes of sixteen objects of one dump ({@code idSize}-byte ids), whose object ids are
   * all {@code offset} more in another; {@code shuffled} declares a class of its own first (every
   * class's index one more) and gives the class {@code Other} another id.
   */
  private long[] contentHashesOf(int idSize, long offset, boolean shuffled) throws Exception {
    HprofWriter w = HprofWriter.inMemory(idSize);
    if (shuffled) {
      w.loadClass(0x190, "com/example/Unrelated").classDump(0x190).field("x", INT).end();
    }
    strings(leafHierarchy(w));
    w.loadClass(OBJECT_ARRAY_CLASS, "[Ljava/lang/Object;").classDump(OBJECT_ARRAY_CLASS).superclass(OBJECT_CLASS)
        .end();
    long other = shuffled ? 0x240 : 0x230;
    w.loadClass(other, "com/example/Other").classDump(other).superclass(0x210).field("c", CHAR)
        .field("s", SHORT).field("b", BYTE).field("f", FLOAT).field("name", OBJECT).end();
    Object[] base = {'x', (short) -2, (byte) 0x7F, 1.5f, 0L, 42, 0.25, 1L << 40, 0L, true};
    long[] ids = new long[16];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = offset + 0x1000 + 0x10L * k;
    }
    w.instance(ids[0], 0x220, base).instance(ids[1], 0x220, withValue(base, 4, ids[4]))
        .instance(ids[2], 0x220, withValue(base, 5, 43)).instance(ids[3], other, base)
        .byteArray(ids[4], new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
        .byteArray(ids[5], new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
        .byteArray(ids[6], new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 8})
        .byteArray(ids[7], new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0})
        .objectArray(ids[8], OBJECT_ARRAY_CLASS, ids[0], 0).objectArray(ids[9], OBJECT_ARRAY_CLASS, ids[2], ids[3])
        .objectArray(ids[10], OBJECT_ARRAY_CLASS, ids[0], 0, 0)
        .instance(ids[11], STRING_CLASS, ids[4], 0, 0).instance(ids[12], STRING_CLASS, ids[5], 0, 0x5EED)
        .instance(ids[13], STRING_CLASS, ids[4], 1, 0);
    try (HeapGraph g = open(w)) {
      long[] out = new long[ids.length];
      for (int k = 0; k < 14; k++) {
        out[k] = g.contentHash(index(g, ids[k]));
      }
      out[14] = g.contentHash(index(g, 0x220));
      out[15] = g.contentHash(index(g, other));
      // The same hash as the one-object hashes, but for each class's own mixing, which equal classes share.
      assertThat(out[0] ^ out[2]).isEqualTo(g.primitiveFieldsHash(index(g, ids[0]))
          ^ g.primitiveFieldsHash(index(g, ids[2])));
      assertThat(out[4] ^ out[6])
          .isEqualTo(g.arrayContentHash(index(g, ids[4])) ^ g.arrayContentHash(index(g, ids[6])));
      return out;
    }
  }

  /**
   * The fields that cache a string's hash are left out in every layout: JDK 13 and later ({@code
   * hash}, {@code hashIsZero}) and JDK 7u6 to 7u40 ({@code hash}, {@code hash32}); the coder and the
   * JDK 6 offset and count are not.
   */
  @Test
  void aStringsCachedHashIsLeftOutOfItsContentHashInEveryLayout() throws Exception {
    HprofWriter jdk17 = nodes(HprofWriter.inMemory(8));
    jdk17.loadClass(0x500, "java/lang/String").classDump(0x500).superclass(OBJECT_CLASS).field("value", OBJECT)
        .field("coder", BYTE).field("hash", INT).field("hashIsZero", BOOLEAN).end();
    jdk17.instance(0x1000, 0x500, 0L, 0, 0, false).instance(0x1010, 0x500, 0L, 0, 12345, false)
        .instance(0x1020, 0x500, 0L, 0, 0, true).instance(0x1030, 0x500, 0L, 1, 0, false);
    try (HeapGraph g = open(jdk17)) {
      long hash = g.contentHash(index(g, 0x1000));
      assertThat(g.contentHash(index(g, 0x1010))).as("hash set").isEqualTo(hash);
      assertThat(g.contentHash(index(g, 0x1020))).as("hashIsZero set").isEqualTo(hash);
      assertThat(g.contentHash(index(g, 0x1030))).as("another coder").isNotEqualTo(hash);
    }
    HprofWriter jdk7 = nodes(HprofWriter.inMemory(8));
    jdk7.loadClass(0x500, "java/lang/String").classDump(0x500).superclass(OBJECT_CLASS).field("value", OBJECT)
        .field("offset", INT).field("count", INT).field("hash", INT).field("hash32", INT).end();
    jdk7.instance(0x1000, 0x500, 0L, 0, 5, 0, 0).instance(0x1010, 0x500, 0L, 0, 5, 99, 77)
        .instance(0x1020, 0x500, 0L, 1, 5, 0, 0).instance(0x1030, 0x500, 0L, 0, 4, 0, 0);
    try (HeapGraph g = open(jdk7)) {
      long hash = g.contentHash(index(g, 0x1000));
      assertThat(g.contentHash(index(g, 0x1010))).as("hash and hash32 set").isEqualTo(hash);
      assertThat(g.contentHash(index(g, 0x1020))).as("another offset").isNotEqualTo(hash);
      assertThat(g.contentHash(index(g, 0x1030))).as("another count").isNotEqualTo(hash);
    }
  }

  /**
   * Enough objects for the content hashes to be made in chunks on several threads: every object gets
   * its own contents' hash, wherever its chunk starts.
   */
  @Test
  void contentHashesOfManyObjectsAreMadeInChunksAlike() throws Exception {
    HprofWriter w = nodes(HprofWriter.inMemory(8));
    int n = 150_000;
    for (int k = 0; k < n; k++) {
      w.instance(0x10_0000 + 16L * k, NODE_CLASS, 0L, k % 3);
    }
    try (HeapGraph g = open(w)) {
      long[] byValue = new long[3];
      for (int k = 0; k < 3; k++) {
        byValue[k] = g.contentHash(index(g, 0x10_0000 + 16L * k));
      }
      assertThat(byValue).doesNotHaveDuplicates();
      for (int k = 0; k < n; k++) {
        int i = index(g, 0x10_0000 + 16L * k);
        assertThat(g.contentHash(i)).as("object %d", k).isEqualTo(byValue[k % 3]);
      }
    }
  }

  /** Classes Base (id, name, flag), Middle (count, ratio) extends Base, Leaf (c, s, b, f, name) extends Middle: 0x220. */
  private static HprofWriter leafHierarchy(HprofWriter w) {
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(0x200, "com/example/Base").classDump(0x200).superclass(OBJECT_CLASS)
        .field("id", LONG).field("name", OBJECT).field("flag", BOOLEAN).end();
    w.loadClass(0x210, "com/example/Middle").classDump(0x210).superclass(0x200)
        .field("count", INT).field("ratio", DOUBLE).end();
    w.loadClass(0x220, "com/example/Leaf").classDump(0x220).superclass(0x210)
        .field("c", CHAR).field("s", SHORT).field("b", BYTE).field("f", FLOAT).field("name", OBJECT).end();
    return w;
  }

  private static Object[] withValue(Object[] values, int field, Object value) {
    Object[] out = values.clone();
    out[field] = value;
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 1 << 20})
  void objectsInSeveralSegmentsFormOneGraph(int segmentLimit) throws Exception {
    HprofWriter w = strings(nodes(HprofWriter.inMemory(8).segmentLimit(segmentLimit)));
    w.instance(0x1000, NODE_CLASS, 0x3000, 1);
    w.newSegment();
    string(w, 0x2000, 0x2010, "across");
    w.newSegment();
    w.instance(0x3000, NODE_CLASS, 0x2000, 3).rootUnknown(0x1000);
    try (HeapGraph g = open(w)) {
      assertThat(w.recordOffsets().length).isGreaterThan(segmentLimit == 64 ? 10 : 8);
      assertThat(g.objectCount()).isEqualTo(8);
      assertThat(g.reachableCount()).isEqualTo(8);
      int last = index(g, 0x3000);
      assertThat(g.stringValue(g.reference(last, 0))).contains("across");
    }
  }

  @Test
  void theSmallSampleDumpHoldsWhatWasWritten() throws Exception {
    try (HeapGraph g = open(SyntheticDumps.small(8))) {
      assertThat(g.objectCount()).isEqualTo(7 + 10);
      assertThat(g.roots()).hasSize(9);
      assertThat(g.danglingReferenceCount()).isEqualTo(1);
      assertThat(g.stringValue(index(g, 0x2000))).contains("main");
      assertThat(g.classOf(index(g, 0x4000)).name()).isEqualTo("java.lang.Thread");
      assertThat(g.classOf(index(g, 0x2000)).index()).isEqualTo(g.findClass("java.lang.String").orElseThrow().index());
      assertThat(g.findClass("java.lang.String").orElseThrow().fields()).hasSize(3);
      assertThat(g.findClass("java.lang.Class")).as("made up by the reader").isPresent();
      assertThat(g.toString()).contains("synthetic.hprof", "17 objects");
      assertThat(g.findClass("java.lang.String").orElseThrow().objectIndex()).isEqualTo(index(g, STRING_CLASS));
    }
  }
}
