package dev.heapdiff.hprof;

/**
 * A field of an object with its value.
 *
 * @param name the field's name
 * @param type its basic type
 * @param value a boxed primitive ({@code Integer}, {@code Boolean}, ...), or for references a
 *     {@code Long} object id (0 for null)
 */
public record HeapField(String name, ValueType type, Object value) {
  @Override
  public String toString() {
    return name + " = " + (type == ValueType.OBJECT ? "0x" + Long.toHexString((Long) value) : value);
  }
}
