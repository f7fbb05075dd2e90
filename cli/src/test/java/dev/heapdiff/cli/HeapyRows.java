package dev.heapdiff.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the rows of a heapy table back from text: kind to (count, size), in table order. */
final class HeapyRows {
  private static final Pattern ROW = Pattern.compile(
      "^ *(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)(?: (.*))?$");
  private static final String CONTINUATION = " ".repeat(45);

  private HeapyRows() {}

  static Map<String, long[]> parse(List<String> lines) {
    Map<String, long[]> rows = new LinkedHashMap<>();
    String kind = null;
    long[] numbers = null;
    for (String line : lines) {
      Matcher m = ROW.matcher(line);
      if (line.startsWith(CONTINUATION) && kind != null) {
        kind += line.substring(CONTINUATION.length()); // class names have no spaces to restore
      } else if (m.matches()) {
        if (kind != null) {
          rows.put(kind, numbers);
        }
        numbers = new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(4))};
        kind = m.group(8) == null ? "" : m.group(8);
      }
    }
    if (kind != null) {
      rows.put(kind, numbers);
    }
    return rows;
  }
}
