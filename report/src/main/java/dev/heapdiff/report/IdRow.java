package dev.heapdiff.report;

import java.util.Objects;

/**
 * One row of an {@link IdPartition}: a single object, its size and how the table shows it.
 *
 * @param size the object's size in bytes
 * @param representation the object as the table shows it, e.g. its address or a string's value
 */
public record IdRow(long size, String representation) {
  /**
   * Creates a row.
   *
   * @param size the object's size in bytes, 0 or more
   * @param representation the object as the table shows it, not null
   * @throws IllegalArgumentException if size is negative
   */
  public IdRow {
    Objects.requireNonNull(representation, "representation");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + representation);
    }
  }

  /** Returns the representation and the size, e.g. {@code 0x7f5ede299d10, 56 bytes}. */
  @Override
  public String toString() {
    return representation + ", " + size + " bytes";
  }
}
