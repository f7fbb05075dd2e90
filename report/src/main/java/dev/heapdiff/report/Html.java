package dev.heapdiff.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Renders a table as one self-contained HTML page: the label as a heading and every row in a table
 * whose columns sort when their header is clicked (numbers numerically, text by code unit, a second
 * click reverses). The style and the script are inline; the page loads nothing, and its
 * Content-Security-Policy allows only those two blocks, by their hashes, so no other script can run
 * even if one got into the page. Light and dark colours follow the reader's system setting.
 *
 * <p>The page opens sorted when its address ends with {@code #sort=<column>:<asc|desc>}, the column
 * named by its JSON key (e.g. {@code #sort=size:asc}, {@code #sort=kind:desc}); clicking a header
 * writes that fragment, so a sorted view can be bookmarked.
 *
 * <p>All text is escaped; control characters and unpaired surrogates are shown as U+FFFD.
 */
public final class Html {
  private static final String CSS = resource("page.css");
  private static final String SCRIPT = resource("page.js");
  private static final String POLICY = "default-src 'none'; style-src '" + sha256(CSS) + "'; script-src '"
      + sha256(SCRIPT) + "'; base-uri 'none'; form-action 'none'";

  private Html() {}

  /**
   * Returns a page showing the partition: its label and every row, sortable.
   *
   * @param partition the table; its label is the page's title and heading
   * @return a whole HTML5 document declaring UTF-8, ending with a newline; its sort keys are the JSON field names
   */
  public static String render(Partition partition) {
    return render(Grid.of(partition));
  }

  /**
   * Returns a page showing the identity partition: its label and every row, sortable.
   *
   * @param partition the listing; every row's representation is computed
   * @return a whole HTML5 document declaring UTF-8, ending with a newline; its sort keys are the JSON field names
   */
  public static String render(IdPartition partition) {
    return render(Grid.of(partition));
  }

  /**
   * Returns a page showing the table under a heading; a column whose cells are all numbers sorts
   * numerically, and its key in {@code #sort=} is the column's name.
   *
   * @param title the page's title and heading, not null
   * @param table the table
   * @return a whole HTML5 document declaring UTF-8, ending with a newline
   */
  public static String render(String title, Table table) {
    return render(Grid.of(Objects.requireNonNull(title, "title"), table));
  }

  private static String render(Grid grid) {
    String label = escape(grid.label());
    StringBuilder out = new StringBuilder(4096 + 128 * grid.rows().size());
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
        .append("<meta name=\"generator\" content=\"heapdiff\">\n")
        .append("<title>").append(label).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(label).append("</h1>\n")
        .append("<p class=\"hint\">Click a column header to sort by it; click it again to reverse.</p>\n")
        .append("<table id=\"heapdiff-table\">\n<thead>\n<tr>");
    for (Grid.Column column : grid.columns()) {
      out.append("<th scope=\"col\"").append(column.numeric() ? " class=\"n\"" : "")
          .append(" data-key=\"").append(escape(column.key()))
          .append("\" data-type=\"").append(column.numeric() ? "number" : "text")
          .append("\" aria-sort=\"none\"><button type=\"button\">").append(escape(column.header()))
          .append("</button></th>");
    }
    out.append("</tr>\n</thead>\n<tbody>\n");
    List<Grid.Column> columns = grid.columns();
    for (List<Grid.Cell> row : grid.rows()) {
      out.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        Grid.Cell cell = row.get(c);
        if (columns.get(c).numeric()) {
          out.append("<td class=\"n\" data-value=\"").append(escape(cell.sortValue())).append("\">");
        } else {
          out.append("<td class=\"t\">");
        }
        out.append(escape(cell.text())).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n")
        .toString();
  }

  /** Returns {@code text} safe in HTML text and in quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n', '\r' -> out.append(c);
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append('\uFFFD');
          } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + Html.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSP source expression that allows exactly this inline block. */
  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
