package dev.heapdiff.hprof;

/** The basic types of HPROF field and array values, with their tag in the file. */
public enum ValueType {
  /** A reference (tag 2): an object id of the dump's identifier size, 0 for null. */
  OBJECT(2, -1, "Object"),
  /** A {@code boolean} (tag 4): one byte, 0 for false. */
  BOOLEAN(4, 1, "boolean"),
  /** A {@code char} (tag 5): two bytes, a UTF-16 code unit. */
  CHAR(5, 2, "char"),
  /** A {@code float} (tag 6): four bytes, its IEEE 754 bits. */
  FLOAT(6, 4, "float"),
  /** A {@code double} (tag 7): eight bytes, its IEEE 754 bits. */
  DOUBLE(7, 8, "double"),
  /** A {@code byte} (tag 8): one byte, signed. */
  BYTE(8, 1, "byte"),
  /** A {@code short} (tag 9): two bytes, signed, big-endian as every number in the file. */
  SHORT(9, 2, "short"),
  /** An {@code int} (tag 10): four bytes, signed. */
  INT(10, 4, "int"),
  /** A {@code long} (tag 11): eight bytes, signed. */
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

  /**
   * Returns the type for an HPROF basic type tag, or {@code null} if the tag is not one.
   *
   * @param tag a basic type tag as read from a field, array or static value record
   * @return the type, or {@code null} for anything but 2 and 4 to 11
   */
  public static ValueType ofTag(int tag) {
    return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
  }

  /**
   * Returns the HPROF tag of this type.
   *
   * @return 2 for {@code OBJECT}, 4 to 11 for the primitives, in the order of the constants
   */
  public int tag() {
    return tag;
  }

  /**
   * Returns the size of a value of this type in the dump; references take {@code idSize}.
   *
   * @param idSize the dump's identifier size, 4 or 8 ({@link HeapGraph#idSize()})
   * @return bytes: 1, 2, 4 or 8 for a primitive, {@code idSize} for a reference
   */
  public int sizeInDump(int idSize) {
    return size < 0 ? idSize : size;
  }

  /**
   * Returns the Java keyword of a primitive type, or {@code Object}.
   *
   * @return a keyword such as {@code int} for a primitive; {@code Object} for every reference, as the dump
   *     does not record a field's declared class
   */
  public String javaName() {
    return javaName;
  }

  /**
   * Returns whether this is a primitive type.
   *
   * @return false for {@code OBJECT} only
   */
  public boolean isPrimitive() {
    return this != OBJECT;
  }
}
