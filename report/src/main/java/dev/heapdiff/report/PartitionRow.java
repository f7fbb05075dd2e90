package dev.heapdiff.report;

import java.util.Objects;

/**
 * One row of a {@link Partition}: how many objects of one kind, and their total size.
 *
 * @param count the number of objects
 * @param size their total size in bytes
 * @param kind the kind's name as the table shows it, e.g. a class name
 */
public record PartitionRow(long count, long size, String kind) {
  /**
   * Creates a row.
   *
   * @param count the number of objects, 0 or more
   * @param size their total size in bytes, 0 or more
   * @param kind the kind's name, not null
   * @throws IllegalArgumentException if count or size is negative
   */
  public PartitionRow {
    Objects.requireNonNull(kind, "kind");
    if (count < 0 || size < 0) {
      throw new IllegalArgumentException("negative count or size: " + count + ", " + size + " for " + kind);
    }
  }

  @Override
  public String toString() {
    return count + " " + kind + (count == 1 ? " object, " : " objects, ") + size + " bytes";
  }
}
