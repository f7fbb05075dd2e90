package dev.heapdiff.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Partition} exactly as heapy's partition table: a label line, a header, rows of
 * {@code index count % size % cumulative %} and the kind, wrapped at 100 columns, ten rows to a page.
 *
 * <p>Percentages are rounded half to even from the binary value, as Python's {@code '%.0f'} does
 * (0.5 gives 0, 2.5 gives 2): count % of the total count, size % and cumulative % of the total size.
 * Numbers wider than their column push the rest of the row right. Every line ends with {@code \n}.
 */
public final class HeapyText {
  /** Rows shown before the "more rows" line. */
  public static final int PAGE_ROWS = 10;

  /** The header's fixed part; the kind column starts right after it, at column 45. */
  static final String HEADER_PREFIX = " Index  Count   %     Size   % Cumulative  % ";

  private static final int WIDTH = 100;
  private static final String INDENT = " ".repeat(HEADER_PREFIX.length());

  private HeapyText() {}

  /** Returns the label, the header and the first page of rows, then a line saying how many rows remain. */
  public static String render(Partition partition) {
    return partition.label() + "\n" + page(partition, 0);
  }

  /** Returns the label, the header and every row. */
  public static String renderAll(Partition partition) {
    StringBuilder out = new StringBuilder(partition.label()).append('\n');
    if (!isEmpty(partition)) {
      appendHeader(out, partition);
      appendRows(out, partition, 0, partition.rows().size());
    }
    return out.toString();
  }

  /**
   * Returns the page that starts at row {@code from}: the header again (without the label), up to
   * ten rows and a line saying how many rows remain, as heapy's {@code .more} prints it. A page
   * never leaves a single row for the next one: it shows that row instead of the line.
   */
  public static String page(Partition partition, int from) {
    if (isEmpty(partition)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int total = partition.rows().size();
    if (from < 0 || from > total) {
      throw new IndexOutOfBoundsException("page start " + from + " of " + total + " rows");
    }
    appendHeader(out, partition);
    int to = total - from <= PAGE_ROWS + 1 ? total : from + PAGE_ROWS;
    appendRows(out, partition, from, to);
    if (to < total) {
      out.append('<').append(total - to).append(" more rows. Type e.g. '_.more()' to view.>\n");
    }
    return out.toString();
  }

  /** Returns the percentage heapy prints for {@code part} of {@code whole}: 0 when the whole is 0. */
  static int percent(long part, long whole) {
    if (whole == 0) {
      return 0;
    }
    double value = (double) part * 100.0 / (double) whole;
    return new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
  }

  private static boolean isEmpty(Partition partition) {
    return partition.totalCount() == 0 && partition.totalSize() == 0;
  }

  private static void appendHeader(StringBuilder out, Partition partition) {
    appendWrapped(out, HEADER_PREFIX + partition.kindHeader());
  }

  private static void appendRows(StringBuilder out, Partition partition, int from, int to) {
    List<PartitionRow> rows = partition.rows();
    long cumulative = 0;
    for (int i = 0; i < from; i++) {
      cumulative += rows.get(i).size();
    }
    for (int i = from; i < to; i++) {
      PartitionRow row = rows.get(i);
      cumulative += row.size();
      appendWrapped(out, String.format(Locale.ROOT, "%6d %6d %3d %8d %3d %9d %3d ", i, row.count(),
          percent(row.count(), partition.totalCount()), row.size(), percent(row.size(), partition.totalSize()),
          cumulative, percent(cumulative, partition.totalSize())) + row.kind());
    }
  }

  private static void appendWrapped(StringBuilder out, String line) {
    for (String wrapped : TextWrap.wrap(line, WIDTH, INDENT)) {
      out.append(wrapped).append('\n');
    }
  }
}
