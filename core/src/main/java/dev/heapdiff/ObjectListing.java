package dev.heapdiff;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.Bits;
import dev.heapdiff.report.HeapyText;
import dev.heapdiff.report.IdPartition;
import java.util.Arrays;

/**
 * A set listed one object per row, heapy's {@code byid}: "Set of N &lt;kind&gt; objects. Total size =
 * S bytes." and, per row, the object's size, percentages and a representation (strings quoted and
 * cut, boxed values, arrays with their length, other objects as {@code class@0xid} with a few
 * fields). Rows are by size, largest first, then in the order of the dump. {@link #get(int)} is the
 * set of one object, so drill-down goes on: {@code set.byId().get(0).pathsFromRoots()}.
 */
public final class ObjectListing {
  private final ObjectSet set;
  private final int[] order;
  private final IdPartition table;
  private final int from;
  /** Whether this shows a page after the first ({@link #more()}). */
  private final boolean later;
  private final boolean all;

  private ObjectListing(ObjectSet set, int[] order, IdPartition table, int from, boolean later, boolean all) {
    this.set = set;
    this.order = order;
    this.table = table;
    this.from = from;
    this.later = later;
    this.all = all;
  }

  static ObjectListing of(ObjectSet set) {
    HeapGraph graph = set.heapGraph();
    long[] bits = set.bits();
    int count = Bits.count(bits);
    long[] keys = new long[count];
    int k = 0;
    int firstClass = -1;
    boolean mixed = false;
    for (int i = Bits.next(bits, 0); i >= 0; i = Bits.next(bits, i + 1)) {
      // Larger first: sort ascending on the complement of the size in 8-byte units, then index.
      long units = graph.shallowSize(i) >>> 3;
      keys[k++] = ((0x7FFF_FFFFL - Math.min(units, 0x7FFF_FFFFL)) << 32) | i;
      int c = graph.classIndexOf(i);
      if (firstClass < 0) {
        firstClass = c;
      } else if (c != firstClass) {
        mixed = mixed || !graph.classes().get(c).name().equals(graph.classes().get(firstClass).name());
      }
    }
    if (count > 100_000) {
      Arrays.parallelSort(keys);
    } else {
      Arrays.sort(keys);
    }
    int[] order = new int[count];
    for (int r = 0; r < count; r++) {
      order[r] = (int) keys[r];
    }
    Snapshot owner = set.owner();
    boolean brief = mixed;
    String kind = count == 0 || mixed ? null : graph.classes().get(firstClass).name();
    IdPartition table = IdPartition.lazy(kind, mixed ? "Brief" : "Representation", count,
        r -> graph.shallowSize(order[r]),
        r -> {
          HeapObject object = new HeapObject(owner, order[r]);
          return brief ? object.className() + ": " + object.representation() : object.representation();
        });
    return new ObjectListing(set, order, table, 0, false, false);
  }

  /**
   * Returns the number of objects (rows).
   *
   * @return every row, not only the ones a page shows
   */
  public int count() {
    return order.length;
  }

  /**
   * Returns the total shallow size in bytes.
   *
   * @return the sum of the objects' shallow sizes, summed when the listing was made
   */
  public long size() {
    return table.totalSize();
  }

  /**
   * Returns the object of row {@code row}; negative numbers count from the end ({@code -1} is the
   * last row).
   *
   * @param row from 0 (the largest object) to {@code count() - 1}, or from -1 (the smallest) to
   *     {@code -count()}
   * @return the object of that row
   * @throws IndexOutOfBoundsException if there is no such row; the message names the row and the number of rows
   */
  public HeapObject object(int row) {
    return new HeapObject(set.owner(), order[(int) RowIndex.resolve(row, order.length, "row")]);
  }

  /**
   * Returns the set of the one object of row {@code row}; negative numbers count from the end.
   *
   * @param row a row number, as for {@link #object(int)}
   * @return a new set of that one object, to drill down from
   * @throws IndexOutOfBoundsException if there is no such row; the message names the row and the number of rows
   */
  public ObjectSet get(int row) {
    return object(row).asSet();
  }

  /**
   * Returns the same listing showing the rows after those this one shows, ten at a time; past the
   * last row it shows {@code <no more rows>}.
   *
   * @return a new listing of the same rows; this one is unchanged, so calling {@code more()} on it
   *     again gives the same page
   */
  public ObjectListing more() {
    int next = all ? order.length : HeapyText.nextPage(from, order.length);
    return new ObjectListing(set, order, table, next, true, false);
  }

  /**
   * Returns the same listing showing every row when printed.
   *
   * @return a new listing of the same rows; printing it computes every row's representation
   */
  public ObjectListing all() {
    return new ObjectListing(set, order, table, 0, false, true);
  }

  /**
   * Returns the neutral table, for JSON, Markdown or HTML.
   *
   * @return the table behind every page of this listing, its representations computed when a row is read
   */
  public IdPartition table() {
    return table;
  }

  /** Returns heapy's listing: the label and ten rows, all rows or a later page. */
  @Override
  public String toString() {
    String text = all ? HeapyText.renderAll(table) : later ? HeapyText.page(table, from) : HeapyText.render(table);
    // No final line break: jshell and println add their own.
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
