package dev.heapdiff.hprof;

/** What an object in a heap dump is. */
public enum ObjectKind {
  /** An instance of a class (INSTANCE DUMP). */
  INSTANCE,
  /** An array of references (OBJECT ARRAY DUMP). */
  OBJECT_ARRAY,
  /** An array of primitives (PRIMITIVE ARRAY DUMP). */
  PRIMITIVE_ARRAY,
  /** A class, that is its {@code java.lang.Class} mirror (CLASS DUMP). */
  CLASS
}
