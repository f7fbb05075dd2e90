package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.HprofFormatException;
import dev.heapdiff.hprof.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads field values, array contents and strings of objects in a {@link GraphData}. */
public final class Values {
  private Values() {}

  /** Returns the offset of an instance's field data. */
  public static long instanceData(GraphData g, int object) {
    return g.positions.get(object) + 1 + 2L * g.idSize + 8;
  }

  /** Returns the raw bits of field {@code field} of the shape of instance {@code object}. */
  public static long fieldRaw(GraphData g, int object, int field) {
    InstanceShape shape = g.shapes[g.classOf[object]];
    long at = instanceData(g, object) + shape.offsets[field];
    return readRaw(g, at, shape.types[field]);
  }

  public static long readRaw(GraphData g, long at, ValueType type) {
    return g.in.value(at, type, g.idSize);
  }

  /** Returns the object index a reference field of an instance points to, or -1. */
  public static int referenceField(GraphData g, int object, String name) {
    if (g.kind(object) != RecordScanner.INSTANCE_DUMP) {
      return -1;
    }
    int field = g.shapes[g.classOf[object]].indexOf(name);
    if (field < 0 || g.shapes[g.classOf[object]].types[field] != ValueType.OBJECT) {
      return -1;
    }
    long id = fieldRaw(g, object, field);
    return id == 0 ? -1 : g.ids.indexOf(id);
  }

  /** Array length of an array object, or -1 for other objects. */
  public static int arrayLength(GraphData g, int object) {
    int tag = g.kind(object);
    if (tag != RecordScanner.OBJECT_ARRAY_DUMP && tag != RecordScanner.PRIMITIVE_ARRAY_DUMP) {
      return -1;
    }
    return g.in.i4(g.positions.get(object) + 1 + g.idSize + 4);
  }

  /** The element type of a primitive array object. */
  public static ValueType primitiveType(GraphData g, int object) {
    return ValueType.ofTag(g.in.u1(g.positions.get(object) + 1 + g.idSize + 8) & 0xFF);
  }

  /** Offset of element 0 of a primitive array. */
  public static long primitiveData(GraphData g, int object) {
    return g.positions.get(object) + 1 + g.idSize + 9;
  }

  /** Offset of element 0 of an object array. */
  public static long objectArrayData(GraphData g, int object) {
    return g.positions.get(object) + 1 + 2L * g.idSize + 8;
  }

  /**
   * Decodes a {@code java.lang.String}, cut to at most {@code maxChars} characters, or returns
   * {@code null} if {@code object} is not a string or its value is missing.
   */
  public static String string(GraphData g, int object, int maxChars) {
    if (g.kind(object) != RecordScanner.INSTANCE_DUMP
        || !g.classes[g.classOf[object]].name.equals("java.lang.String")) {
      return null;
    }
    int value = referenceField(g, object, "value");
    if (value < 0 || g.kind(value) != RecordScanner.PRIMITIVE_ARRAY_DUMP) {
      return null;
    }
    int length = arrayLength(g, value);
    ValueType type = primitiveType(g, value);
    long data = primitiveData(g, value);
    try {
      if (type == ValueType.CHAR) {
        int n = Math.min(length, maxChars);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
          chars[i] = (char) g.in.u2(data + 2L * i);
        }
        return new String(chars);
      }
      if (type != ValueType.BYTE) {
        return null;
      }
      InstanceShape shape = g.shapes[g.classOf[object]];
      int coderField = shape.indexOf("coder");
      int coder = coderField < 0 ? 0 : (int) fieldRaw(g, object, coderField);
      if (coder == 0) {
        int n = Math.min(length, maxChars);
        return new String(g.in.bytes(data, n), StandardCharsets.ISO_8859_1);
      }
      int n = Math.min(length / 2, maxChars);
      // UTF-16 strings are stored in the JVM's byte order; HotSpot's platforms are little-endian.
      return new String(g.in.bytes(data, n * 2), StandardCharsets.UTF_16LE);
    } catch (HprofFormatException e) {
      return null;
    }
  }

  /**
   * Reads the JVM's system properties from the dump ({@code java.lang.System.props}), or returns an
   * empty map if they cannot be found.
   */
  static Map<String, String> systemProperties(GraphData g) {
    Map<String, String> result = new LinkedHashMap<>();
    for (ClassRecord c : g.classes) {
      if (!c.name.equals("java.lang.System")) {
        continue;
      }
      for (int s = 0; s < c.staticTypes.length; s++) {
        if (c.staticTypes[s] == ValueType.OBJECT && g.name(c.staticNameIds[s]).equals("props")) {
          int props = g.ids.indexOf(c.staticValues[s]);
          if (props >= 0) {
            readMap(g, props, result);
          }
        }
      }
    }
    return Map.copyOf(result);
  }

  /** Reads String to String entries of a Properties, Hashtable, HashMap or ConcurrentHashMap. */
  private static void readMap(GraphData g, int map, Map<String, String> out) {
    int inner = referenceField(g, map, "map");
    if (inner >= 0) {
      map = inner;
    }
    int table = referenceField(g, map, "table");
    if (table < 0 || g.kind(table) != RecordScanner.OBJECT_ARRAY_DUMP) {
      return;
    }
    int length = arrayLength(g, table);
    long data = objectArrayData(g, table);
    for (int i = 0; i < length; i++) {
      long id = g.in.id(data + (long) i * g.idSize, g.idSize);
      int node = id == 0 ? -1 : g.ids.indexOf(id);
      int guard = 0;
      while (node >= 0 && guard++ < 10_000) {
        int keyObject = referenceField(g, node, "key");
        String key = keyObject < 0 ? null : string(g, keyObject, 4096);
        int valueObject = referenceField(g, node, "val");
        if (valueObject < 0) {
          valueObject = referenceField(g, node, "value");
        }
        String value = valueObject < 0 ? null : string(g, valueObject, 4096);
        if (key != null && value != null) {
          out.put(key, value);
        }
        node = referenceField(g, node, "next");
      }
    }
  }
}
