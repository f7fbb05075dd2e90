package dev.heapdiff.cli;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Partition;
import dev.heapdiff.Snapshot;
import java.io.UncheckedIOException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heapdiff show DUMP}: the live heap of one dump as a table, CSV or a list of ids. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Shows the live (reachable) objects of a heap dump, grouped by class.")
final class ShowCommand implements Callable<Integer> {
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
  }

  /** What {@code show} prints. */
  enum Format {
    TEXT, CSV, JSON, MARKDOWN, HTML, IDS;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DUMP", description = "A HotSpot heap dump (.hprof), plain or gzip.")
  Path dump;

  @Option(names = "--by", paramLabel = "GROUPING", defaultValue = "class",
      description = "How to group objects into rows: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Grouping by;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text: heapy's table; csv, json, markdown: every row; html: one self-contained page with "
          + "sortable columns; ids: the id of every live object, one a line (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--all", description = "text: print every row, not only the first ten.")
  boolean all;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
    try (Snapshot snap = Heap.load(dump)) {
      if (format == Format.IDS) {
        StringBuilder line = new StringBuilder(24);
        snap.ids().forEach(id -> {
          line.setLength(0);
          out.append(line.append("0x").append(Long.toHexString(id)).append('\n'));
        });
        return 0;
      }
      Partition partition = by.of(snap);
      switch (format) {
        case TEXT -> out.println(all ? partition.all() : partition);
        case CSV -> out.print(partition.table().toTable().toCsv());
        case JSON -> out.println(partition.table().toJson());
        case MARKDOWN -> out.print(partition.table().toMarkdown());
        case HTML -> out.print(partition.table().toHtml());
        case IDS -> throw new IllegalStateException("handled above");
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      out.flush();
    }
    return 0;
  }

  @Override
  public String toString() {
    return "heapdiff show " + dump + " --by " + by + " --format " + format + (all ? " --all" : "");
  }
}
