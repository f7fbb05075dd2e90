package dev.heapdiff.cli;

import dev.heapdiff.ObjectSet;
import dev.heapdiff.Partition;
import dev.heapdiff.report.HeapyText;
import java.io.PrintWriter;
import java.util.Locale;

/** How {@code show} and {@code diff} print a set of objects: grouped into rows, in one format. */
final class SetOutput {
  /** How objects are grouped into rows. */
  enum Grouping {
    CLASS, SIZE, PACKAGE, LOADER, REFERRERS, VIA;

    Partition of(ObjectSet set) {
      return switch (this) {
        case CLASS -> set.byClass();
        case SIZE -> set.bySize();
        case PACKAGE -> set.byPackage();
        case LOADER -> set.byClassLoader();
        case REFERRERS -> set.byReferrers();
        case VIA -> set.byVia();
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code --by}'s value. */
    static final class Reader extends Choice<Grouping> {
      Reader() {
        super(Grouping.class);
      }
    }
  }

  /** What is printed. */
  enum Format {
    TEXT, CSV, JSON, MARKDOWN, HTML, IDS;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code --format}'s value. */
    static final class Reader extends Choice<Format> {
      Reader() {
        super(Format.class);
      }
    }
  }

  static final String FORMAT_HELP = "text: heapy's table; csv, json, markdown: every row; html: one self-contained "
      + "page with sortable columns; ids: the id of every object, one a line, in address order "
      + "(default: ${DEFAULT-VALUE}).";
  static final String GROUPING_HELP = "How to group objects into rows: ${COMPLETION-CANDIDATES} "
      + "(default: ${DEFAULT-VALUE}).";

  /** How the "more rows" line ends here: the command line has no {@code .more()} to call. */
  static final String MORE_ROWS = " more rows; --all prints every row.>";

  private SetOutput() {}

  /** A partition's first page, its "more rows" line telling the command line's way to see the rest. */
  static String text(Partition partition) {
    String table = partition.toString();
    String trimmed = table.stripTrailing();
    return trimmed.endsWith(HeapyText.MORE_ROWS)
        ? trimmed.substring(0, trimmed.length() - HeapyText.MORE_ROWS.length()) + MORE_ROWS
        : table;
  }

  static void write(ObjectSet set, Grouping by, Format format, boolean all, PrintWriter out) {
    if (format == Format.IDS) {
      StringBuilder line = new StringBuilder(24);
      set.ids().forEach(id -> {
        line.setLength(0);
        out.append(line.append("0x").append(Long.toHexString(id)).append('\n'));
      });
      return;
    }
    Partition partition = by.of(set);
    switch (format) {
      case TEXT -> out.println(all ? partition.all() : text(partition));
      case CSV -> out.print(partition.table().toTable().toCsv());
      case JSON -> out.println(partition.table().toJson());
      case MARKDOWN -> out.print(partition.table().toMarkdown());
      case HTML -> out.print(partition.table().toHtml());
      case IDS -> throw new IllegalStateException("handled above");
    }
  }
}
