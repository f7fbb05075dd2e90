package dev.heapdiff.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM's own class histogram ({@code GC.class_histogram}), parsed: per class the number of
 * instances and their bytes as the JVM counts them. Class names are converted to Java source names
 * ({@code [I} becomes {@code int[]}) and module suffixes are dropped.
 */
public final class ClassHistogram {
  private static final Pattern ROW =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

  /** A histogram row. */
  public record Row(String className, long instances, long bytes) {}

  private final Map<String, Row> rows;

  private ClassHistogram(Map<String, Row> rows) {
    this.rows = rows;
  }

  /** Parses the text that {@code GC.class_histogram} prints. */
  public static ClassHistogram parse(String text) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        String name = sourceName(m.group(3));
        Row row = new Row(name, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        // Classes of the same name from different loaders are one row here, as in heap tables.
        rows.merge(name, row, (a, b) -> new Row(name, a.instances + b.instances, a.bytes + b.bytes));
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no histogram rows in: " + text.substring(0, Math.min(200, text.length())));
    }
    return new ClassHistogram(rows);
  }

  /**
   * Counts the JVM's filler arrays ({@code jdk.internal.vm.FillerElement[]}, dead space that G1
   * fills since JDK 22) as {@code int[]}, which is how a heap dump writes them.
   */
  public ClassHistogram withFillersAsIntArrays() {
    Row filler = rows.get("jdk.internal.vm.FillerElement[]");
    if (filler == null) {
      return this;
    }
    Map<String, Row> copy = new LinkedHashMap<>(rows);
    copy.remove(filler.className());
    Row ints = row("int[]");
    copy.put("int[]", new Row("int[]", ints.instances() + filler.instances(), ints.bytes() + filler.bytes()));
    return new ClassHistogram(copy);
  }

  public static ClassHistogram read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  public Map<String, Row> rows() {
    return rows;
  }

  public Row row(String className) {
    return rows.getOrDefault(className, new Row(className, 0, 0));
  }

  /** Converts a JVM class name as the histogram prints it into a Java source name. */
  static String sourceName(String name) {
    int dims = 0;
    while (dims < name.length() && name.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return name;
    }
    String element = name.substring(dims);
    String base = switch (element) {
      case "Z" -> "boolean";
      case "B" -> "byte";
      case "C" -> "char";
      case "S" -> "short";
      case "I" -> "int";
      case "J" -> "long";
      case "F" -> "float";
      case "D" -> "double";
      default -> element.substring(1, element.length() - 1);
    };
    return base + "[]".repeat(dims);
  }
}
