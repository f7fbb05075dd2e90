package dev.heapdiff.hprof;

import java.util.List;

/**
 * A class in a heap dump.
 *
 * @param index the dense index of the class in its graph (0 to {@code classCount() - 1})
 * @param name the Java source name, such as {@code java.lang.String}, {@code int[]},
 *     {@code java.util.HashMap$Node[]}
 * @param objectIndex the index of the class's {@code java.lang.Class} object, or -1 for classes the
 *     dump does not contain but the reader made up (primitive array classes of foreign writers)
 * @param superclassIndex the index of the superclass, or -1 for {@code java.lang.Object}
 * @param instanceSize the shallow size of an instance as the JVM counts it (for arrays: 0)
 * @param fields the instance fields the class itself declares
 * @param staticFields the static fields with their values
 * @param classLoaderId the id of the defining class loader object, 0 for the boot loader
 */
public record HeapClass(int index, String name, int objectIndex, int superclassIndex, int instanceSize,
    List<FieldDescriptor> fields, List<HeapField> staticFields, long classLoaderId) {

  /**
   * Returns whether this is an array class.
   *
   * @return true if the name ends with {@code []}, as {@code int[]} and {@code java.lang.Object[][]} do
   */
  public boolean isArray() {
    return name.endsWith("[]");
  }

  @Override
  public String toString() {
    return "class " + name;
  }
}
