package dev.heapdiff.testdata;

/** The basic types of HPROF values, with the tag and size an {@link HprofWriter} writes for them. */
public enum BasicType {
  OBJECT(2, -1),
  BOOLEAN(4, 1),
  CHAR(5, 2),
  FLOAT(6, 4),
  DOUBLE(7, 8),
  BYTE(8, 1),
  SHORT(9, 2),
  INT(10, 4),
  LONG(11, 8);

  private final int tag;
  private final int size;

  BasicType(int tag, int size) {
    this.tag = tag;
    this.size = size;
  }

  /** Returns the type's tag in a dump. */
  public int tag() {
    return tag;
  }

  /** Returns the number of bytes a value takes in a dump whose identifiers take {@code idSize}. */
  public int size(int idSize) {
    return size < 0 ? idSize : size;
  }
}
