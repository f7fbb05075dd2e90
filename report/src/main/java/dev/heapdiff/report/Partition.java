package dev.heapdiff.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A set of objects split into kinds: heapy's partition table. Rows are kept in heapy's order, by
 * size descending and then by kind name, and the totals are the sums of the rows. Kinds that are
 * whole numbers, such as individual sizes ({@link #ofNumbers}), are ordered as numbers and shown
 * right-aligned in the text table; every other rendering writes them as they are.
 *
 * <p>{@link #toString()} is the table as heapy prints it (first ten rows); {@link HeapyText}
 * renders all rows or later pages, {@link #toJson()}, {@link #toMarkdown()} and {@link #toHtml()} the
 * other formats, and {@link #toTable()} gives the neutral table (for CSV).
 */
public final class Partition {
  /** Heapy's order: larger size first, then the kind name. */
  private static final Comparator<PartitionRow> ORDER =
      Comparator.comparingLong(PartitionRow::size).reversed().thenComparing(PartitionRow::kind);

  /** Numbered kinds: larger size first, then the smaller number. */
  private static final Comparator<PartitionRow> NUMBER_ORDER =
      Comparator.comparingLong(PartitionRow::size).reversed().thenComparingLong(row -> Long.parseLong(row.kind()));

  private final String kindHeader;
  private final List<PartitionRow> rows;
  private final boolean numericKinds;
  private final long totalCount;
  private final long totalSize;

  private Partition(String kindHeader, List<PartitionRow> rows, boolean numericKinds) {
    this.kindHeader = kindHeader;
    this.rows = rows;
    this.numericKinds = numericKinds;
    long count = 0;
    long size = 0;
    for (PartitionRow row : rows) {
      count += row.count();
      size += row.size();
    }
    this.totalCount = count;
    this.totalSize = size;
  }

  /**
   * Creates a partition from rows in any order.
   *
   * @param kindHeader the last column's header, e.g. {@code Class}
   * @param rows one row per kind
   * @return a partition of a sorted copy of {@code rows}
   */
  public static Partition of(String kindHeader, Collection<PartitionRow> rows) {
    Objects.requireNonNull(kindHeader, "kindHeader");
    List<PartitionRow> sorted = new ArrayList<>(rows);
    sorted.sort(ORDER);
    return new Partition(kindHeader, List.copyOf(sorted), false);
  }

  /**
   * Creates a partition whose kinds are whole numbers in decimal, such as individual sizes: rows of
   * equal size are ordered by the number, the text table right-aligns the kinds as heapy's
   * {@code bysize} does, and Markdown and HTML treat the kind column as a numeric one.
   *
   * @param kindHeader the last column's header, e.g. {@code Individual Size}
   * @param rows one row per kind
   * @return a partition of a sorted copy of {@code rows}
   * @throws IllegalArgumentException if a kind is not a whole number such as {@code 24}
   */
  public static Partition ofNumbers(String kindHeader, Collection<PartitionRow> rows) {
    Objects.requireNonNull(kindHeader, "kindHeader");
    for (PartitionRow row : rows) {
      if (!row.kind().matches("-?[0-9]{1,18}")) {
        throw new IllegalArgumentException("kind " + row.kind() + " is not a whole number: " + row);
      }
    }
    List<PartitionRow> sorted = new ArrayList<>(rows);
    sorted.sort(NUMBER_ORDER);
    return new Partition(kindHeader, List.copyOf(sorted), true);
  }

  /**
   * Returns the header of the kind column, e.g. {@code Class}.
   *
   * @return the header as given, never null
   */
  public String kindHeader() {
    return kindHeader;
  }

  /**
   * Returns the rows, by size descending, then kind name (or number, see {@link #numericKinds()}).
   *
   * @return an unmodifiable list, the same on every call
   */
  public List<PartitionRow> rows() {
    return rows;
  }

  /**
   * Returns whether the kinds are whole numbers ({@link #ofNumbers}).
   *
   * @return true if made by {@link #ofNumbers}, false if by {@link #of}
   */
  public boolean numericKinds() {
    return numericKinds;
  }

  /**
   * Returns the number of objects in the set: the sum of the rows' counts.
   *
   * @return 0 or more, summed once when the partition was made
   */
  public long totalCount() {
    return totalCount;
  }

  /**
   * Returns the size of the set in bytes: the sum of the rows' sizes.
   *
   * @return bytes, 0 or more, summed once when the partition was made
   */
  public long totalSize() {
    return totalSize;
  }

  /**
   * Returns heapy's label, e.g. {@code Partition of a set of 3 objects. Total size = 348 bytes.}
   *
   * @return one line without a line break; {@code 1 object} in the singular
   */
  public String label() {
    return "Partition of a set of " + totalCount + (totalCount == 1 ? " object" : " objects")
        + ". Total size = " + totalSize + " bytes.";
  }

  /**
   * Returns the rows as a neutral table with the columns {@code index, count, size, kind}.
   *
   * @return a table of every row, without the label and percentages; the kinds stay strings
   */
  public Table toTable() {
    List<List<Object>> cells = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      PartitionRow row = rows.get(i);
      cells.add(List.of(i, row.count(), row.size(), row.kind()));
    }
    return new Table(List.of("index", "count", "size", "kind"), cells);
  }

  /**
   * Returns the partition as JSON, every row with its percentages ({@link Json#render(Partition)}).
   *
   * @return one JSON object, ending with a newline
   */
  public String toJson() {
    return Json.render(this);
  }

  /**
   * Returns the label and a GitHub-flavoured Markdown table of every row ({@link Markdown#render(Partition)}).
   *
   * @return the label line, a blank line and the table, ending with a newline
   */
  public String toMarkdown() {
    return Markdown.render(this);
  }

  /**
   * Returns a self-contained HTML page with the label and every row, sortable ({@link Html#render(Partition)}).
   *
   * @return a whole HTML5 document that loads nothing, ending with a newline
   */
  public String toHtml() {
    return Html.render(this);
  }

  /** Returns the table as heapy prints it: the label, the header, ten rows and how many more there are. */
  @Override
  public String toString() {
    String text = HeapyText.render(this);
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
