package dev.heapdiff.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Markdown and HTML renderings show of a table: a label, typed columns and cells that
 * carry both their text and the value they sort by. One place decides which columns a partition
 * has, so the renderings agree.
 *
 * @param label the line shown above the table, or {@code null} for none
 * @param columns the columns, in order
 * @param rows the rows, each with one cell per column
 */
record Grid(String label, List<Column> columns, List<List<Cell>> rows) {
  /**
   * A column.
   *
   * @param header what the header shows
   * @param key a stable name for the column (the JSON field name), used in the HTML's {@code #sort=}
   * @param numeric whether the cells are numbers: right-aligned and sorted numerically
   */
  record Column(String header, String key, boolean numeric) {}

  /**
   * A cell.
   *
   * @param text what the cell shows
   * @param sortValue what the cell sorts by: a decimal number in a numeric column, else the text
   */
  record Cell(String text, String sortValue) {
    static Cell number(long value) {
      return new Cell(Long.toString(value), Long.toString(value));
    }

    /** A percentage that sorts by the exact amount it is a percentage of. */
    static Cell percent(String percent, long amount) {
      return new Cell(percent + "%", Long.toString(amount));
    }

    static Cell text(String text) {
      return new Cell(text, text);
    }
  }

  static Grid of(Partition partition) {
    List<Column> columns = List.of(new Column("Index", "index", true), new Column("Count", "count", true),
        new Column("%", "countPercent", true), new Column("Size", "size", true),
        new Column("%", "sizePercent", true), new Column("Cumulative", "cumulative", true),
        new Column("%", "cumulativePercent", true),
        new Column(partition.kindHeader(), "kind", partition.numericKinds()));
    List<List<Cell>> rows = new ArrayList<>(partition.rows().size());
    long cumulative = 0;
    for (PartitionRow row : partition.rows()) {
      cumulative += row.size();
      rows.add(List.of(Cell.number(rows.size()), Cell.number(row.count()),
          Cell.percent(Integer.toString(HeapyText.percent(row.count(), partition.totalCount())), row.count()),
          Cell.number(row.size()),
          Cell.percent(Integer.toString(HeapyText.percent(row.size(), partition.totalSize())), row.size()),
          Cell.number(cumulative),
          Cell.percent(Integer.toString(HeapyText.percent(cumulative, partition.totalSize())), cumulative),
          Cell.text(row.kind()))); // a numbered kind's text is its decimal value, as a numeric cell sorts by
    }
    return new Grid(partition.label(), columns, rows);
  }

  static Grid of(IdPartition partition) {
    List<Column> columns = List.of(new Column("Index", "index", true), new Column("Size", "size", true),
        new Column("%", "sizePercent", true), new Column("Cumulative", "cumulative", true),
        new Column("%", "cumulativePercent", true), new Column(partition.columnHeader(), "representation", false));
    List<List<Cell>> rows = new ArrayList<>(partition.rows().size());
    long cumulative = 0;
    for (IdRow row : partition.rows()) {
      cumulative += row.size();
      rows.add(List.of(Cell.number(rows.size()), Cell.number(row.size()),
          Cell.percent(HeapyText.percentOneDecimal(row.size(), partition.totalSize()).toPlainString(), row.size()),
          Cell.number(cumulative),
          Cell.percent(HeapyText.percentOneDecimal(cumulative, partition.totalSize()).toPlainString(), cumulative),
          Cell.text(row.representation())));
    }
    return new Grid(partition.label(), columns, rows);
  }

  /** A table's columns are numeric when every cell in them is a number (and there is a row). */
  static Grid of(String label, Table table) {
    List<Column> columns = new ArrayList<>(table.columns().size());
    for (int c = 0; c < table.columns().size(); c++) {
      boolean numeric = !table.rows().isEmpty();
      for (List<Object> row : table.rows()) {
        numeric &= row.get(c) instanceof Number;
      }
      columns.add(new Column(table.columns().get(c), table.columns().get(c), numeric));
    }
    List<List<Cell>> rows = new ArrayList<>(table.rows().size());
    for (List<Object> row : table.rows()) {
      List<Cell> cells = new ArrayList<>(row.size());
      for (Object cell : row) {
        cells.add(cell instanceof Number n ? new Cell(n.toString(), Json.number(n)) : Cell.text((String) cell));
      }
      rows.add(List.copyOf(cells));
    }
    return new Grid(label, columns, rows);
  }
}
