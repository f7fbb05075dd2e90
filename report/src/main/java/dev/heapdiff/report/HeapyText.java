package dev.heapdiff.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Renders heapy's tables as text: a {@link Partition} as heapy's partition table and an
 * {@link IdPartition} as its identity partition ({@code .byid}). Each has a label line, a header and
 * rows, wrapped at 100 columns, ten rows to a page.
 *
 * <p>A partition row is {@code index count % size % cumulative %} and the kind; its percentages are
 * whole numbers rounded half to even from the binary value, as Python's {@code '%.0f'} does (0.5
 * gives 0, 2.5 gives 2): count % of the total count, size % and cumulative % of the total size. An
 * identity row is {@code index size % cumulative %} and the object's representation, with
 * percentages of the total size to one decimal, rounded the same way. Numbers wider than their
 * column push the rest of the row right. Every line ends with {@code \n}.
 */
public final class HeapyText {
  /** Rows shown before the "more rows" line. */
  public static final int PAGE_ROWS = 10;

  /**
   * How the "more rows" line ends after its count: {@code <N more rows: .more() shows them.>}.
   * Heapy's line names {@code _.more()}, but {@code _} is Python's last result and a keyword in Java,
   * so this names the method of the printed view. A front end without it (the command line) may
   * replace this ending.
   */
  public static final String MORE_ROWS = " more rows: .more() shows them.>";

  /** What a page past the last row shows, as the views of paths and patterns say it. */
  public static final String NO_MORE_ROWS = "<no more rows>";

  /** The partition header's fixed part; the kind column starts right after it, at column 45. */
  static final String HEADER_PREFIX = " Index  Count   %     Size   % Cumulative  % ";

  /** The identity partition header's fixed part; the representation starts at column 38. */
  static final String ID_HEADER_PREFIX = " Index     Size   %   Cumulative  %   ";

  private static final int WIDTH = 100;

  private HeapyText() {}

  /**
   * Returns the label, the header and the first page of rows, then a line saying how many rows remain.
   *
   * @param partition the table to show
   * @return lines ending with {@code \n}: the label alone for a partition of no objects and no bytes, else
   *     at most eleven rows, or ten and {@code <N more rows: .more() shows them.>}
   */
  public static String render(Partition partition) {
    return partition.label() + "\n" + new PartitionLayout(partition).rows(0, partition.rows().size(), true);
  }

  /**
   * Returns the label, the header and every row.
   *
   * @param partition the table to show
   * @return lines ending with {@code \n}, with no "more rows" line
   */
  public static String renderAll(Partition partition) {
    return partition.label() + "\n" + new PartitionLayout(partition).rows(0, partition.rows().size(), false);
  }

  /**
   * Returns the page that starts at row {@code from}: the header again (without the label), up to
   * ten rows and a line saying how many rows remain, as heapy's {@code .more} prints it. A page
   * never leaves a single row for the next one: it shows that row instead of the line. The page
   * that starts right after the last row is the line {@value #NO_MORE_ROWS}.
   *
   * @param partition the table to show
   * @param from the first row to show, from 0 to the number of rows; {@link #nextPage(int, int)} gives
   *     the start of the page after
   * @return lines ending with {@code \n}
   * @throws IndexOutOfBoundsException if {@code from} is negative or more than the number of rows
   */
  public static String page(Partition partition, int from) {
    return later(new PartitionLayout(partition), from, partition.rows().size());
  }

  /**
   * Returns the label, the header and the first page of rows, then a line saying how many rows remain.
   *
   * @param partition the listing to show; only the representations of the rows shown are computed
   * @return lines ending with {@code \n}: the label alone for a listing of no rows, else at most eleven
   *     rows, or ten and {@code <N more rows: .more() shows them.>}
   */
  public static String render(IdPartition partition) {
    return partition.label() + "\n" + new IdLayout(partition).rows(0, partition.rows().size(), true);
  }

  /**
   * Returns the label, the header and every row.
   *
   * @param partition the listing to show; every row's representation is computed
   * @return lines ending with {@code \n}, with no "more rows" line
   */
  public static String renderAll(IdPartition partition) {
    return partition.label() + "\n" + new IdLayout(partition).rows(0, partition.rows().size(), false);
  }

  /**
   * Returns the page that starts at row {@code from}: the header again (without the label), up to
   * ten rows and a line saying how many rows remain, paged as {@link #page(Partition, int)} is; the
   * page that starts right after the last row is the line {@value #NO_MORE_ROWS}.
   *
   * @param partition the listing to show
   * @param from the first row to show, from 0 to the number of rows
   * @return lines ending with {@code \n}
   * @throws IndexOutOfBoundsException if {@code from} is negative or more than the number of rows
   */
  public static String page(IdPartition partition, int from) {
    return later(new IdLayout(partition), from, partition.rows().size());
  }

  /** A page after the first: right after the last row, also of a table without rows, there is none. */
  private static String later(Layout layout, int from, int total) {
    return from == total ? NO_MORE_ROWS + "\n" : layout.rows(from, total, true);
  }

  /**
   * Returns where the page after the one that starts at row {@code from} starts: the row after the
   * last one {@link #page(Partition, int) page} shows, which is {@code rows} when it shows them all.
   * A front end's "more" follows it, so that a page never repeats a row nor skips one.
   *
   * @param from the first row of the page shown, 0 or more
   * @param rows the number of rows in the table
   * @return {@code from + 10}, or {@code rows} when at most eleven rows are left from {@code from}
   */
  public static int nextPage(int from, int rows) {
    return rows - from <= PAGE_ROWS + 1 ? rows : from + PAGE_ROWS;
  }

  /** Returns the percentage heapy prints for {@code part} of {@code whole}: 0 when the whole is 0. */
  static int percent(long part, long whole) {
    if (whole == 0) {
      return 0;
    }
    return new BigDecimal(ratio(part, whole)).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
  }

  /**
   * Returns {@code part} of {@code whole} in percent to one decimal, as Python's {@code '%.1f'}
   * rounds the binary value: half to even on its exact decimal expansion (0.0 when the whole is 0).
   */
  static BigDecimal percentOneDecimal(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO.setScale(1);
    }
    return new BigDecimal(ratio(part, whole)).setScale(1, RoundingMode.HALF_EVEN);
  }

  /** The percentage as Python computes it, {@code part * 100.0 / whole} in doubles. */
  private static double ratio(long part, long whole) {
    return (double) part * 100.0 / (double) whole;
  }

  /** What differs between the two tables; the paging and wrapping are shared. */
  private abstract static class Layout {
    private final String header;
    private final String indent;
    private final boolean empty;

    Layout(String headerPrefix, String columnHeader, boolean empty) {
      this.header = headerPrefix + columnHeader;
      this.indent = " ".repeat(headerPrefix.length());
      this.empty = empty;
    }

    /** The row's fixed part, ending with a space, then its last column. */
    abstract String row(int index, long cumulativeSize);

    abstract long size(int index);

    /** The header and rows {@code from} up to {@code total}, or one page of them and a "more" line. */
    final String rows(int from, int total, boolean paged) {
      if (from < 0 || from > total) {
        throw new IndexOutOfBoundsException("page start " + from + " of " + total + " rows");
      }
      if (empty) {
        return "";
      }
      StringBuilder out = new StringBuilder();
      appendWrapped(out, header);
      int to = paged ? nextPage(from, total) : total;
      long cumulative = 0;
      for (int i = 0; i < from; i++) {
        cumulative += size(i);
      }
      for (int i = from; i < to; i++) {
        cumulative += size(i);
        appendWrapped(out, row(i, cumulative));
      }
      if (to < total) {
        out.append('<').append(total - to).append(MORE_ROWS).append('\n');
      }
      return out.toString();
    }

    private void appendWrapped(StringBuilder out, String line) {
      for (String wrapped : TextWrap.wrap(line, WIDTH, indent)) {
        out.append(wrapped).append('\n');
      }
    }
  }

  private static final class PartitionLayout extends Layout {
    private final Partition partition;

    PartitionLayout(Partition partition) {
      // heapy omits the header when both totals are 0
      super(HEADER_PREFIX, partition.kindHeader(), partition.totalCount() == 0 && partition.totalSize() == 0);
      this.partition = partition;
    }

    @Override
    String row(int index, long cumulative) {
      PartitionRow row = partition.rows().get(index);
      return String.format(Locale.ROOT, "%6d %6d %3d %8d %3d %9d %3d ", index, row.count(),
          percent(row.count(), partition.totalCount()), row.size(), percent(row.size(), partition.totalSize()),
          cumulative, percent(cumulative, partition.totalSize())) + kind(row);
    }

    /** Numbered kinds are right-aligned in nine columns, as heapy aligns individual sizes. */
    private String kind(PartitionRow row) {
      return partition.numericKinds() ? String.format(Locale.ROOT, "%9s", row.kind()) : row.kind();
    }

    @Override
    long size(int index) {
      return partition.rows().get(index).size();
    }
  }

  private static final class IdLayout extends Layout {
    private final IdPartition partition;

    IdLayout(IdPartition partition) {
      super(ID_HEADER_PREFIX, partition.columnHeader(), partition.rows().isEmpty());
      this.partition = partition;
    }

    @Override
    String row(int index, long cumulative) {
      IdRow row = partition.rows().get(index);
      return String.format(Locale.ROOT, "%6d %8d %5s %9d %5s ", index, row.size(),
          percentOneDecimal(row.size(), partition.totalSize()).toPlainString(), cumulative,
          percentOneDecimal(cumulative, partition.totalSize()).toPlainString()) + row.representation();
    }

    @Override
    long size(int index) {
      return partition.size(index);
    }
  }
}
