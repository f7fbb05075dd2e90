package dev.heapdiff.internal;

/**
 * Sorts objects into kinds for a partition: a dense kind number per object and a label per kind.
 * Kinds with equal labels form one row.
 */
public interface Classifier {
  /** The header of the kind column, e.g. {@code Class}. */
  String header();

  /** The kind of object {@code object}: a number from 0 to {@link #kinds()} - 1. */
  int kindOf(int object);

  /** The number of kinds. */
  int kinds();

  /** The label of kind {@code kind}. */
  String label(int kind);

  /**
   * Whether every label is a whole number in decimal (an individual size): the table then orders
   * equal sizes by the number and right-aligns it, so the label itself needs no padding.
   */
  default boolean numericLabels() {
    return false;
  }
}
