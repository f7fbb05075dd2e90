package dev.heapdiff.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A neutral, immutable table: named columns and rows of cells, ready for any rendering: CSV, JSON,
 * Markdown, HTML. A cell is a {@link String} or a {@link Number}; renderings that care write numbers
 * as numbers (JSON), right-align them (Markdown, HTML) and sort them numerically (HTML).
 *
 * @param columns the column names, in order
 * @param rows the rows, each with one cell per column
 */
public record Table(List<String> columns, List<List<Object>> rows) {
  /**
   * Creates a table, copying both lists.
   *
   * @param columns the column names, in order
   * @param rows the rows, each a list of one {@link String} or {@link Number} per column
   * @throws IllegalArgumentException if a row's width differs from the number of columns, or a cell
   *     is neither a string nor a number
   */
  public Table {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("row " + copy.size() + " has " + row.size() + " cells for "
            + columns.size() + " columns " + columns);
      }
      for (Object cell : row) {
        if (!(cell instanceof String) && !(cell instanceof Number)) {
          throw new IllegalArgumentException("row " + copy.size() + ": a cell must be a String or a Number, not "
              + (cell == null ? "null" : cell.getClass().getName()));
        }
      }
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
  }

  /**
   * Returns the cell at {@code row}, {@code column}.
   *
   * @param row from 0 to {@code rows().size() - 1}
   * @param column from 0 to {@code columns().size() - 1}
   * @return a {@link String} or a {@link Number}, never null
   * @throws IndexOutOfBoundsException if there is no such row or column
   */
  public Object cell(int row, int column) {
    return rows.get(row).get(column);
  }

  /**
   * Returns the table as CSV (RFC 4180): a header line, then one line per row.
   *
   * @return the text of {@link Csv#render(Table)}, every line ended by CRLF
   */
  public String toCsv() {
    return Csv.render(this);
  }

  /**
   * Returns the table as JSON: its column names and its rows as arrays ({@link Json#render(Table)}).
   *
   * @return one JSON object, ending with a newline
   */
  public String toJson() {
    return Json.render(this);
  }

  /**
   * Returns the table as a GitHub-flavoured Markdown table ({@link Markdown#render(Table)}).
   *
   * @return the table without a label, ending with a newline
   */
  public String toMarkdown() {
    return Markdown.render(this);
  }

  /**
   * Returns the table as a self-contained, sortable HTML page under the heading {@code title}
   * ({@link Html#render(String, Table)}).
   *
   * @param title the page's title and heading, not null
   * @return a whole HTML5 document that loads nothing, ending with a newline
   */
  public String toHtml(String title) {
    return Html.render(title, this);
  }

  /** Returns a short description: the columns and the number of rows. */
  @Override
  public String toString() {
    return "Table" + columns + " with " + rows.size() + (rows.size() == 1 ? " row" : " rows");
  }
}
