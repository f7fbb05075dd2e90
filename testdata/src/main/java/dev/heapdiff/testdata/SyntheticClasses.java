package dev.heapdiff.testdata;

import static dev.heapdiff.testdata.BasicType.BYTE;
import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;

/**
 * The classes that tests' hand-written dumps share, with their class ids: {@code java.lang.Object},
 * {@code java.lang.String} (value, coder, hash, as since JDK 9), {@code byte[]}, a {@code
 * com.example.Node} (next, value) and {@code Object[]}. A test adds its own classes with other ids.
 */
public final class SyntheticClasses {
  public static final long OBJECT_CLASS = 0x100;
  public static final long STRING_CLASS = 0x110;
  public static final long BYTES_CLASS = 0x120;
  public static final long NODE_CLASS = 0x130;
  public static final long ARRAY_CLASS = 0x140;

  private SyntheticClasses() {}

  /** Writes the LOAD CLASS and CLASS DUMP records of the classes into {@code w}; returns it. */
  public static HprofWriter write(HprofWriter w) {
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(BYTES_CLASS, "[B").classDump(BYTES_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(STRING_CLASS, "java/lang/String").classDump(STRING_CLASS).superclass(OBJECT_CLASS)
        .field("value", OBJECT).field("coder", BYTE).field("hash", INT).end();
    w.loadClass(NODE_CLASS, "com/example/Node").classDump(NODE_CLASS).superclass(OBJECT_CLASS)
        .field("next", OBJECT).field("value", INT).end();
    w.loadClass(ARRAY_CLASS, "[Ljava/lang/Object;").classDump(ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    return w;
  }
}
