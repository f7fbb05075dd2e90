package dev.heapdiff;

import dev.heapdiff.internal.Bits;
import dev.heapdiff.internal.Classifier;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.report.HeapyText;
import dev.heapdiff.report.PartitionRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of objects split into kinds, heapy's partition: rows by size descending, then by kind.
 * {@link #get(int)} is the set of one row, for drill-down; printing shows heapy's table, ten rows
 * at a time ({@link #more()}, {@link #all()}).
 */
public final class Partition {
  private final ObjectSet set;
  private final Classifier classifier;
  private final dev.heapdiff.report.Partition table;
  /** Row index of each kind. */
  private final int[] rowOfKind;
  private final int from;
  /** Whether this shows a page after the first ({@link #more()}). */
  private final boolean later;
  private final boolean all;

  private Partition(ObjectSet set, Classifier classifier, dev.heapdiff.report.Partition table, int[] rowOfKind,
      int from, boolean later, boolean all) {
    this.set = set;
    this.classifier = classifier;
    this.table = table;
    this.rowOfKind = rowOfKind;
    this.from = from;
    this.later = later;
    this.all = all;
  }

  static Partition of(ObjectSet set, Classifier classifier) {
    HeapGraph graph = set.heapGraph();
    long[] bits = set.bits();
    long[] counts = new long[16];
    long[] sizes = new long[16];
    int kinds = 0;
    for (int i = Bits.next(bits, 0); i >= 0; i = Bits.next(bits, i + 1)) {
      int kind = classifier.kindOf(i);
      if (kind >= counts.length) {
        int length = Math.max(kind + 1, counts.length * 2);
        counts = java.util.Arrays.copyOf(counts, length);
        sizes = java.util.Arrays.copyOf(sizes, length);
      }
      counts[kind]++;
      sizes[kind] += graph.shallowSize(i);
      kinds = Math.max(kinds, kind + 1);
    }
    Map<String, long[]> byLabel = new HashMap<>();
    for (int k = 0; k < kinds; k++) {
      if (counts[k] > 0) {
        long[] row = byLabel.computeIfAbsent(classifier.label(k), l -> new long[2]);
        row[0] += counts[k];
        row[1] += sizes[k];
      }
    }
    List<PartitionRow> rows = new ArrayList<>(byLabel.size());
    byLabel.forEach((label, row) -> rows.add(new PartitionRow(row[0], row[1], label)));
    dev.heapdiff.report.Partition table = classifier.numericLabels()
        ? dev.heapdiff.report.Partition.ofNumbers(classifier.header(), rows)
        : dev.heapdiff.report.Partition.of(classifier.header(), rows);
    Map<String, Integer> rowOfLabel = new HashMap<>();
    for (int r = 0; r < table.rows().size(); r++) {
      rowOfLabel.put(table.rows().get(r).kind(), r);
    }
    int[] rowOfKind = new int[Math.max(kinds, classifier.kinds())];
    java.util.Arrays.fill(rowOfKind, -1);
    for (int k = 0; k < kinds; k++) {
      if (counts[k] > 0) {
        rowOfKind[k] = rowOfLabel.get(classifier.label(k));
      }
    }
    return new Partition(set, classifier, table, rowOfKind, 0, false, false);
  }

  /**
   * Returns the number of rows.
   *
   * @return every row, not only the ones a page shows; 0 for an empty set
   */
  public int rowCount() {
    return table.rows().size();
  }

  /**
   * Returns the number of objects partitioned.
   *
   * @return the sum of the rows' counts: the {@code count()} of the set
   */
  public long count() {
    return table.totalCount();
  }

  /**
   * Returns the total shallow size of the objects partitioned, in bytes.
   *
   * @return the sum of the rows' sizes: the {@code size()} of the set
   */
  public long size() {
    return table.totalSize();
  }

  /**
   * Returns the kind column's header, such as {@code Class}.
   *
   * @return {@code Class}, {@code Individual Size}, {@code Package}, {@code Class loader},
   *     {@code Referrers by class} or {@code Referred via}, after the method that made the partition
   */
  public String header() {
    return table.kindHeader();
  }

  /**
   * Returns the label of each row, in row order.
   *
   * @return a new unmodifiable list; element {@code i} is the label of row {@code i}, as
   *     {@link #get(String)} takes it
   */
  public List<String> kinds() {
    return table.rows().stream().map(PartitionRow::kind).toList();
  }

  /**
   * Returns the rows as counts, sizes and labels.
   *
   * @return an unmodifiable list, by size descending and then label (by number, for sizes); sizes in bytes
   */
  public List<PartitionRow> rows() {
    return table.rows();
  }

  /**
   * Returns the objects of row {@code row}; negative numbers count from the end ({@code -1} is the
   * last row).
   *
   * @param row from 0 to {@code rowCount() - 1}, or from -1 to {@code -rowCount()}
   * @return a new set of the objects of that row
   * @throws IndexOutOfBoundsException if there is no such row; the message names the row and the number of rows
   */
  public ObjectSet get(int row) {
    int r = (int) RowIndex.resolve(row, rowCount(), "row");
    long[] bits = Bits.filter(set.bits(), i -> {
      int kind = classifier.kindOf(i);
      return kind < rowOfKind.length && rowOfKind[kind] == r;
    });
    return set.derive(bits);
  }

  /**
   * Returns the row of the kind labelled {@code kind}, such as a class name.
   *
   * @param kind a label exactly as the table shows it, such as {@code com.acme.Order}, or {@code 24} by size
   * @return a new set of the objects of that row
   * @throws IllegalArgumentException if no row has that label
   */
  public ObjectSet get(String kind) {
    int r = kinds().indexOf(kind);
    if (r < 0) {
      throw new IllegalArgumentException("no row " + kind + " in this partition");
    }
    return get(r);
  }

  /**
   * Returns the same partition showing the rows after those this one shows, ten at a time, as heapy's
   * {@code _.more}; past the last row it shows {@code <no more rows>}.
   *
   * @return a new partition of the same rows; this one is unchanged, so calling {@code more()} on it
   *     again gives the same page
   */
  public Partition more() {
    int next = all ? rowCount() : HeapyText.nextPage(from, rowCount());
    return new Partition(set, classifier, table, rowOfKind, next, true, false);
  }

  /**
   * Returns the same partition showing every row when printed.
   *
   * @return a new partition of the same rows
   */
  public Partition all() {
    return new Partition(set, classifier, table, rowOfKind, 0, false, true);
  }

  /**
   * Returns the neutral table, for rendering as CSV or other formats.
   *
   * @return the table behind every page of this partition, with every row, for
   *     {@link dev.heapdiff.report.HeapyText}, {@code toTable().toCsv()}, {@code toJson()},
   *     {@code toMarkdown()} and {@code toHtml()}
   */
  public dev.heapdiff.report.Partition table() {
    return table;
  }

  /** Returns heapy's table: the label and ten rows, all rows ({@link #all()}) or a later page. */
  @Override
  public String toString() {
    String text = all ? HeapyText.renderAll(table) : later ? HeapyText.page(table, from) : HeapyText.render(table);
    // No final line break: jshell and println add their own.
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
