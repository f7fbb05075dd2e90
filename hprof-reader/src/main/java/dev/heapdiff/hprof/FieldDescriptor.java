package dev.heapdiff.hprof;

/**
 * A field declared by a class, as the dump describes it.
 *
 * @param name the field's name
 * @param type the field's basic type
 */
public record FieldDescriptor(String name, ValueType type) {
  @Override
  public String toString() {
    return type.javaName() + " " + name;
  }
}
