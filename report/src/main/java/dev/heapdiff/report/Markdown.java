package dev.heapdiff.report;

import java.util.List;

/**
 * Renders tables as GitHub-flavoured Markdown: the label as a line of its own, a blank line, then a
 * pipe table whose numeric columns are right-aligned. Every row is written, not just a page.
 *
 * <p>Text is escaped so that it shows as written and never as markup: a backslash escapes the
 * pipe, the backslash itself and the characters that start emphasis, code, links, autolinks, raw
 * HTML or entities ({@code * _ ` ~ [ ] < > &}); a line break inside a cell becomes {@code <br>},
 * the only way a table cell can hold one.
 */
public final class Markdown {
  private Markdown() {}

  /**
   * Returns the partition's label and a table of every row, ending with a newline.
   *
   * @param partition the table
   * @return the label, a blank line and a table of eight columns, the percentages written as {@code 33%}
   */
  public static String render(Partition partition) {
    return render(Grid.of(partition));
  }

  /**
   * Returns the identity partition's label and a table of every row, ending with a newline.
   *
   * @param partition the listing; every row's representation is computed
   * @return the label, a blank line and a table of six columns, the percentages to one decimal
   */
  public static String render(IdPartition partition) {
    return render(Grid.of(partition));
  }

  /**
   * Returns the table alone, ending with a newline.
   *
   * @param table the table; a column whose cells are all numbers is right-aligned
   * @return the header row, the alignment row and one line per row
   */
  public static String render(Table table) {
    return render(Grid.of(null, table));
  }

  /**
   * Returns {@code label} as a line, then the table, ending with a newline.
   *
   * @param label the line above the table, escaped as cells are; {@code null} for none
   * @param table the table, as for {@link #render(Table)}
   * @return the label, a blank line and the table
   */
  public static String render(String label, Table table) {
    return render(Grid.of(label, table));
  }

  private static String render(Grid grid) {
    StringBuilder out = new StringBuilder();
    if (grid.label() != null) {
      out.append(escape(grid.label())).append("\n\n");
    }
    List<Grid.Column> columns = grid.columns();
    out.append('|');
    for (Grid.Column column : columns) {
      out.append(' ').append(escape(column.header())).append(" |");
    }
    out.append("\n|");
    for (Grid.Column column : columns) {
      out.append(column.numeric() ? " ---: |" : " --- |");
    }
    out.append('\n');
    for (List<Grid.Cell> row : grid.rows()) {
      out.append('|');
      for (Grid.Cell cell : row) {
        out.append(' ').append(escape(cell.text())).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Returns {@code text} escaped for a table cell or a paragraph line. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '|', '*', '_', '`', '~', '[', ']', '<', '>', '&' -> out.append('\\').append(c);
        case '\r' -> {
          out.append("<br>");
          if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++; // CRLF is one break
          }
        }
        case '\n' -> out.append("<br>");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
