package dev.heapdiff.hprof;

/**
 * How the JVM that wrote a dump laid out objects in memory, which decides every shallow size.
 *
 * @param headerSize bytes of an instance header: 12 with compressed class pointers, 16 without,
 *     8 with compact object headers
 * @param referenceSize bytes of a reference field or array slot: 4 with compressed oops, else 8
 * @param objectAlignment {@code -XX:ObjectAlignmentInBytes}, 8 by default
 * @param arrayBaseAligned whether array elements start at an 8-byte boundary (JDK 21 and older)
 *     or right after the length field (JDK 22 and newer, except for 8-byte elements)
 * @param source how the layout was found: {@code "addresses"} (inferred from the gaps between
 *     object addresses), {@code "properties"} (from the JVM's system properties in the dump),
 *     {@code "default"}, or {@code "given"}
 */
public record ObjectLayout(int headerSize, int referenceSize, int objectAlignment, boolean arrayBaseAligned,
    String source) {

  /** The layout of a 64-bit JDK 17 with default flags (compressed oops and class pointers). */
  public static final ObjectLayout JDK17_DEFAULT = new ObjectLayout(12, 4, 8, true, "given");

  /**
   * Returns the size of an array header including its length field.
   *
   * @return {@code headerSize() + 4} bytes: 16 with compressed class pointers, 20 without, 12 with
   *     compact object headers
   */
  public int arrayHeaderSize() {
    return headerSize + 4;
  }

  /**
   * Returns the offset of element 0 in an array whose elements take {@code elementSize} bytes.
   *
   * @param elementSize bytes per element: 1, 2, 4 or 8 for primitives, {@link #referenceSize()} for
   *     references
   * @return bytes from the start of the array: the array header, rounded up to a multiple of 8 when
   *     {@link #arrayBaseAligned()} or when elements take 8 bytes
   */
  public int arrayBaseOffset(int elementSize) {
    int header = arrayHeaderSize();
    if (arrayBaseAligned || elementSize == 8) {
      return (header + 7) & ~7;
    }
    return header;
  }

  /**
   * Returns the size of an array of {@code length} elements of {@code elementSize} bytes each.
   *
   * @param elementSize bytes per element, as for {@link #arrayBaseOffset(int)}
   * @param length the number of elements, 0 or more
   * @return the shallow size in bytes: the base offset plus the elements, rounded up to a multiple of
   *     {@link #objectAlignment()}
   */
  public long arraySize(int elementSize, long length) {
    long raw = arrayBaseOffset(elementSize) + length * elementSize;
    return (raw + objectAlignment - 1) / objectAlignment * objectAlignment;
  }

  @Override
  public String toString() {
    return "ObjectLayout[header " + headerSize + " B, references " + referenceSize + " B, alignment "
        + objectAlignment + " B, array elements " + (arrayBaseAligned ? "8-byte aligned" : "packed")
        + ", from " + source + "]";
  }
}
