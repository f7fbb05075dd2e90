package dev.heapdiff.report;

/**
 * Renders a {@link Table} as CSV by RFC 4180: a header line of column names, one line per row,
 * every line ended by CRLF, and a field quoted (its quotes doubled) when it holds a comma, a quote,
 * a CR or an LF.
 */
public final class Csv {
  private Csv() {}

  /**
   * Returns the whole table as CSV, header first.
   *
   * @param table the table; numbers are written as {@link String#valueOf(Object)} spells them
   * @return one line per row plus the header line, each ended by CRLF
   */
  public static String render(Table table) {
    StringBuilder out = new StringBuilder();
    appendLine(out, table.columns());
    for (var row : table.rows()) {
      appendLine(out, row);
    }
    return out.toString();
  }

  private static void appendLine(StringBuilder out, Iterable<?> cells) {
    boolean first = true;
    for (Object cell : cells) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(field(String.valueOf(cell)));
    }
    out.append("\r\n");
  }

  /** Returns one field, quoted if RFC 4180 requires it. */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
