package dev.heapdiff.report;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/**
 * A set of objects listed one per row: heapy's identity partition ({@code .byid}). Rows keep the
 * order the caller gives them (heapy's is size descending); the totals are the sums of the rows.
 *
 * <p>The set is either of one kind (a class name, shown as {@code <java.lang.String>} in the label)
 * or {@linkplain #mixed mixed} ({@code <mixed>}). {@link #toString()} is the table as heapy prints
 * it (first ten rows); {@link HeapyText} renders all rows or later pages.
 */
public final class IdPartition {
  private final String kind;
  private final String columnHeader;
  private final List<IdRow> rows;
  private final long totalSize;

  private final IntToLongFunction sizes;

  private IdPartition(String kind, String columnHeader, List<IdRow> rows) {
    this.kind = kind;
    this.columnHeader = Objects.requireNonNull(columnHeader, "columnHeader");
    this.rows = List.copyOf(rows);
    long size = 0;
    for (IdRow row : this.rows) {
      size += row.size();
    }
    this.totalSize = size;
    this.sizes = i -> this.rows.get(i).size();
  }

  private IdPartition(String kind, String columnHeader, int count, IntToLongFunction sizes,
      IntFunction<String> representations) {
    this.kind = kind;
    this.columnHeader = Objects.requireNonNull(columnHeader, "columnHeader");
    this.sizes = sizes;
    long size = 0;
    for (int i = 0; i < count; i++) {
      size += sizes.applyAsLong(i);
    }
    this.totalSize = size;
    this.rows = new AbstractList<>() {
      @Override
      public IdRow get(int index) {
        Objects.checkIndex(index, count);
        return new IdRow(sizes.applyAsLong(index), representations.apply(index));
      }

      @Override
      public int size() {
        return count;
      }
    };
  }

  /**
   * Creates the listing of {@code count} objects whose representations are computed only for the
   * rows that are shown (or exported): a set of millions prints its first page at once.
   *
   * @param kind the kind of every object, or {@code null} for a mixed set
   * @param columnHeader the last column's header
   * @param count the number of rows
   * @param sizes the size of row {@code i}, called for every row once when the listing is made
   * @param representations the last column of row {@code i}, called when the row is shown
   * @return a listing whose {@link #rows()} is a view that calls {@code representations} on each
   *     {@code get}, anew every time
   */
  public static IdPartition lazy(String kind, String columnHeader, int count, IntToLongFunction sizes,
      IntFunction<String> representations) {
    return new IdPartition(kind, columnHeader, count, sizes, representations);
  }

  /**
   * Returns the size of row {@code index} without computing its representation.
   *
   * @param index the row, from 0 to {@code rows().size() - 1}
   * @return the row's size in bytes
   * @throws IndexOutOfBoundsException if there is no such row
   */
  public long size(int index) {
    Objects.checkIndex(index, rows.size());
    return sizes.applyAsLong(index);
  }

  /**
   * Creates the listing of a set of objects of one kind.
   *
   * @param kind the kind of every object, e.g. {@code java.lang.String}
   * @param columnHeader the last column's header, e.g. {@code Address} or {@code Representation}
   * @param rows one row per object, in the order to show them
   * @return a listing of a copy of {@code rows}
   */
  public static IdPartition of(String kind, String columnHeader, List<IdRow> rows) {
    return new IdPartition(Objects.requireNonNull(kind, "kind"), columnHeader, rows);
  }

  /**
   * Creates the listing of a set of objects of several kinds.
   *
   * @param columnHeader the last column's header, e.g. {@code Brief}
   * @param rows one row per object, in the order to show them
   * @return a listing of a copy of {@code rows}, labelled {@code <mixed>}
   */
  public static IdPartition mixed(String columnHeader, List<IdRow> rows) {
    return new IdPartition(null, columnHeader, rows);
  }

  /**
   * Returns the kind of every object in the set, or empty if the set is mixed.
   *
   * @return the kind given to {@link #of} or {@link #lazy}, such as {@code java.lang.String}
   */
  public Optional<String> kind() {
    return Optional.ofNullable(kind);
  }

  /**
   * Returns the header of the last column, e.g. {@code Address}.
   *
   * @return the header as given, never null
   */
  public String columnHeader() {
    return columnHeader;
  }

  /**
   * Returns the rows, one per object, in the order given.
   *
   * @return an unmodifiable list; for a {@link #lazy} listing each {@code get} computes the row anew
   */
  public List<IdRow> rows() {
    return rows;
  }

  /**
   * Returns the number of objects in the set: the number of rows.
   *
   * @return 0 or more
   */
  public long totalCount() {
    return rows.size();
  }

  /**
   * Returns the size of the set in bytes: the sum of the rows' sizes.
   *
   * @return bytes, 0 or more, summed once when the listing was made
   */
  public long totalSize() {
    return totalSize;
  }

  /**
   * Returns heapy's label, e.g. {@code Set of 2 <java.lang.String> objects. Total size = 48 bytes.}
   * or {@code Set of 1 <mixed> object. Total size = 16 bytes.}
   *
   * @return one line without a line break
   */
  public String label() {
    return "Set of " + rows.size() + " <" + (kind == null ? "mixed" : kind) + ">"
        + (rows.size() == 1 ? " object" : " objects") + ". Total size = " + totalSize + " bytes.";
  }

  /**
   * Returns the rows as a neutral table with the columns {@code index, size, representation}.
   *
   * @return a table of every row (every representation computed), without the label and percentages
   */
  public Table toTable() {
    List<List<Object>> cells = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      cells.add(List.of(i, rows.get(i).size(), rows.get(i).representation()));
    }
    return new Table(List.of("index", "size", "representation"), cells);
  }

  /**
   * Returns the identity partition as JSON, every row with its percentages ({@link Json#render(IdPartition)}).
   *
   * @return one JSON object, ending with a newline
   */
  public String toJson() {
    return Json.render(this);
  }

  /**
   * Returns the label and a GitHub-flavoured Markdown table of every row ({@link Markdown#render(IdPartition)}).
   *
   * @return the label line, a blank line and the table, ending with a newline
   */
  public String toMarkdown() {
    return Markdown.render(this);
  }

  /**
   * Returns a self-contained HTML page with the label and every row, sortable ({@link Html#render(IdPartition)}).
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
