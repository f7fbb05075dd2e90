package dev.heapdiff.hprof;

import static dev.heapdiff.testdata.BasicType.BYTE;
import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;

import dev.heapdiff.testdata.HprofWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Class ids and helpers shared by the tests that read dumps made by {@link HprofWriter}. */
final class SyntheticDumps {
  static final long OBJECT_CLASS = 0x100;
  static final long STRING_CLASS = 0x110;
  static final long BYTE_ARRAY_CLASS = 0x120;
  static final long NODE_CLASS = 0x130;
  static final long OBJECT_ARRAY_CLASS = 0x140;
  static final long THREAD_CLASS = 0x150;
  static final long LOADER_CLASS = 0x160;

  private SyntheticDumps() {}

  /** Declares java.lang.Object and a {@code Node} class with the fields {@code next} and {@code value}. */
  static HprofWriter nodes(HprofWriter w) {
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(NODE_CLASS, "com/example/Node").classDump(NODE_CLASS).superclass(OBJECT_CLASS)
        .field("next", OBJECT).field("value", INT).end();
    return w;
  }

  /** Declares java.lang.String as JDK 9 and newer have it, and byte[]. */
  static HprofWriter strings(HprofWriter w) {
    w.loadClass(BYTE_ARRAY_CLASS, "[B").classDump(BYTE_ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(STRING_CLASS, "java/lang/String").classDump(STRING_CLASS).superclass(OBJECT_CLASS)
        .field("value", OBJECT).field("coder", BYTE).field("hash", INT).end();
    return w;
  }

  /** Writes a String whose value is Latin-1 (coder 0) if it can be, else UTF-16 (coder 1, little-endian). */
  static HprofWriter string(HprofWriter w, long id, long valueId, String text) {
    boolean latin1 = text.chars().allMatch(c -> c < 0x100);
    byte[] value = text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
    return w.byteArray(valueId, value).instance(id, STRING_CLASS, valueId, latin1 ? 0 : 1, 0);
  }

  /**
   * A small dump with every kind of record: names, classes, a stack trace, an unknown record, two
   * heap dump segments holding every root kind, class dumps with statics and a constant pool,
   * instances, arrays and strings, and HEAP DUMP END.
   */
  static HprofWriter small(int idSize) {
    HprofWriter w = HprofWriter.inMemory(idSize);
    w.stackFrame(0x9001, "main", "([Ljava/lang/String;)V", "Main.java", 1, 42);
    w.stackTrace(1, 1, 0x9001);
    nodes(w);
    strings(w);
    w.loadClass(OBJECT_ARRAY_CLASS, "[Ljava/lang/Object;").classDump(OBJECT_ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(THREAD_CLASS, "java/lang/Thread").classDump(THREAD_CLASS).superclass(OBJECT_CLASS)
        .field("name", OBJECT).end();
    w.loadClass(LOADER_CLASS, "com/example/Loader").classDump(LOADER_CLASS).superclass(OBJECT_CLASS)
        .staticField("INSTANCES", INT, 1).staticField("FIRST", OBJECT, 0x1000).constant(3, OBJECT, 0x2000)
        .loader(0x3000).end();
    w.rawRecord(0x99, new byte[] {1, 2, 3, 4, 5});
    w.instance(0x1000, NODE_CLASS, 0x1010, 1).instance(0x1010, NODE_CLASS, 0x1000, 2);
    string(w, 0x2000, 0x2010, "main");
    w.instance(0x3000, LOADER_CLASS);
    w.newSegment();
    w.instance(0x4000, THREAD_CLASS, 0x2000);
    w.objectArray(0x5000, OBJECT_ARRAY_CLASS, 0x1000, 0, 0xDEAD0);
    w.intArray(0x6000, 1, 2, 3).longArray(0x6010, -1L).charArray(0x6020, 'h', 'i');
    w.rootUnknown(0x1000).rootJniGlobal(0x5000, 0x7000).rootJniLocal(0x2000, 1, 0).rootJavaFrame(0x1010, 1, 0)
        .rootNativeStack(0x6000, 1).rootStickyClass(OBJECT_CLASS).rootThreadBlock(0x6010, 1)
        .rootMonitorUsed(0x6020).rootThreadObject(0x4000, 1, 1);
    return w.finish();
  }

  static Path write(Path dir, String name, byte[] dump) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, dump);
    return file;
  }

  /** Returns the index of the object with {@code id}, failing if the graph has none. */
  static int index(HeapGraph graph, long id) {
    int index = graph.indexOf(id);
    if (index < 0) {
      throw new AssertionError("no object with id 0x" + Long.toHexString(id) + " in " + graph);
    }
    return index;
  }
}
