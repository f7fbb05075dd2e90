package dev.heapdiff.hprof;

/** The basic types of HPROF field and array values, with their tag in the file. */
public enum ValueType {
  OBJECT(2, -1, "Object"),
  BOOLEAN(4, 1, "boolean"),
  CHAR(5, 2, "char"),
  FLOAT(6, 4, "float"),
  DOUBLE(7, 8, "double"),
  BYTE(8, 1, "byte"),
  SHORT(9, 2, "short"),
  INT(10, 4, "int"),
  LONG(11, 8, "long");

  private static final ValueType[] BY_TAG = new ValueType[12];

  static {
    for (ValueType type : values()) {
      BY_TAG[type.tag] = type;
    }
  }

  private final int tag;
  private final int size;
  private final String javaName;

  ValueType(int tag, int size, String javaName) {
    this.tag = tag;
    this.size = size;
    this.javaName = javaName;
  }

  /** Returns the type for an HPROF basic type tag, or {@code null} if the tag is not one. */
  public static ValueType ofTag(int tag) {
    return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
  }

  /** Returns the HPROF tag of this type. */
  public int tag() {
    return tag;
  }

  /** Returns the size of a value of this type in the dump; references take {@code idSize}. */
  public int sizeInDump(int idSize) {
    return size < 0 ? idSize : size;
  }

  /** Returns the Java keyword of a primitive type, or {@code Object}. */
  public String javaName() {
    return javaName;
  }

  /** Returns whether this is a primitive type. */
  public boolean isPrimitive() {
    return this != OBJECT;
  }
}
