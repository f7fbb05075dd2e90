package dev.heapdiff.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders tables as JSON (RFC 8259), one document per call, keys always in the same order, one row
 * to a line. Counts, sizes and indexes are written as integers.
 *
 * <p>A {@link Partition} becomes {@code {"label", "count", "size", "kindHeader", "rows": [{"index",
 * "count", "countPercent", "size", "sizePercent", "cumulative", "cumulativePercent", "kind"}]}}
 * with the whole-number percentages of the text table. An {@link IdPartition} becomes {@code
 * {"label", "count", "size", "kind", "columnHeader", "rows": [{"index", "size", "sizePercent",
 * "cumulative", "cumulativePercent", "representation"}]}}, its percentages to one decimal and its
 * {@code kind} {@code null} when the set is mixed. A {@link Table} becomes {@code {"columns": [...],
 * "rows": [[...], ...]}}.
 *
 * <p>Strings escape quotes, backslashes, every control character, U+2028, U+2029 and unpaired
 * surrogates, so the text can be embedded in JavaScript and encoded as UTF-8 without loss.
 */
public final class Json {
  /** RFC 8259's number grammar. */
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private Json() {}

  /**
   * Returns the partition as a JSON object, ending with a newline.
   *
   * @param partition the table; every row is written
   * @return the object with its keys in the order above, one row to a line
   */
  public static String render(Partition partition) {
    StringBuilder out = new StringBuilder("{\n");
    field(out, "label", quote(partition.label()));
    field(out, "count", Long.toString(partition.totalCount()));
    field(out, "size", Long.toString(partition.totalSize()));
    field(out, "kindHeader", quote(partition.kindHeader()));
    out.append("  \"rows\": [");
    List<PartitionRow> rows = partition.rows();
    long cumulative = 0;
    for (int i = 0; i < rows.size(); i++) {
      PartitionRow row = rows.get(i);
      cumulative += row.size();
      out.append(i == 0 ? "\n    {" : ",\n    {")
          .append("\"index\": ").append(i)
          .append(", \"count\": ").append(row.count())
          .append(", \"countPercent\": ").append(HeapyText.percent(row.count(), partition.totalCount()))
          .append(", \"size\": ").append(row.size())
          .append(", \"sizePercent\": ").append(HeapyText.percent(row.size(), partition.totalSize()))
          .append(", \"cumulative\": ").append(cumulative)
          .append(", \"cumulativePercent\": ").append(HeapyText.percent(cumulative, partition.totalSize()))
          .append(", \"kind\": ").append(quote(row.kind())).append('}');
    }
    return out.append(rows.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  /**
   * Returns the identity partition as a JSON object, ending with a newline.
   *
   * @param partition the listing; every row is written, and so every representation computed
   * @return the object with its keys in the order above, one row to a line
   */
  public static String render(IdPartition partition) {
    StringBuilder out = new StringBuilder("{\n");
    field(out, "label", quote(partition.label()));
    field(out, "count", Long.toString(partition.totalCount()));
    field(out, "size", Long.toString(partition.totalSize()));
    field(out, "kind", partition.kind().map(Json::quote).orElse("null"));
    field(out, "columnHeader", quote(partition.columnHeader()));
    out.append("  \"rows\": [");
    List<IdRow> rows = partition.rows();
    long cumulative = 0;
    for (int i = 0; i < rows.size(); i++) {
      IdRow row = rows.get(i);
      cumulative += row.size();
      out.append(i == 0 ? "\n    {" : ",\n    {")
          .append("\"index\": ").append(i)
          .append(", \"size\": ").append(row.size())
          .append(", \"sizePercent\": ")
          .append(HeapyText.percentOneDecimal(row.size(), partition.totalSize()).toPlainString())
          .append(", \"cumulative\": ").append(cumulative)
          .append(", \"cumulativePercent\": ")
          .append(HeapyText.percentOneDecimal(cumulative, partition.totalSize()).toPlainString())
          .append(", \"representation\": ").append(quote(row.representation())).append('}');
    }
    return out.append(rows.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  /**
   * Returns the table as a JSON object with its column names and its rows as arrays, ending with a
   * newline. Numbers are written as JSON numbers, except NaN and the infinities, which JSON cannot
   * express: they become {@code null}, as JavaScript's {@code JSON.stringify} writes them.
   *
   * @param table the table; its string cells become JSON strings
   * @return the object {@code {"columns": [...], "rows": [[...], ...]}}, one row to a line
   */
  public static String render(Table table) {
    StringBuilder out = new StringBuilder("{\n  \"columns\": [");
    for (int i = 0; i < table.columns().size(); i++) {
      out.append(i == 0 ? "" : ", ").append(quote(table.columns().get(i)));
    }
    out.append("],\n  \"rows\": [");
    for (int r = 0; r < table.rows().size(); r++) {
      out.append(r == 0 ? "\n    [" : ",\n    [");
      List<Object> row = table.rows().get(r);
      for (int c = 0; c < row.size(); c++) {
        Object cell = row.get(c);
        out.append(c == 0 ? "" : ", ").append(cell instanceof Number n ? number(n) : quote((String) cell));
      }
      out.append(']');
    }
    return out.append(table.rows().isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  private static void field(StringBuilder out, String name, String json) {
    out.append("  ").append(quote(name)).append(": ").append(json).append(",\n");
  }

  /** Returns a number as JSON: integers exactly, other finite values as the shortest decimal. */
  static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        return "null";
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d); // 248.0 is written 248
      }
      return n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d);
    }
    if (n instanceof BigDecimal b) {
      return b.toString();
    }
    if (n instanceof BigInteger) {
      return n.toString();
    }
    String text = n.toString(); // Integer, Long, the atomics, and numbers we do not know
    return NUMBER.matcher(text).matches() ? text : quote(text);
  }

  /** Returns {@code text} as a JSON string literal. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || isUnpairedSurrogate(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)) {
            out.append(c).append(text.charAt(++i)); // a pair: written as is
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean isUnpairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    // a low surrogate reached here had no high one before it: pairs are consumed whole
    return Character.isLowSurrogate(c);
  }
}
