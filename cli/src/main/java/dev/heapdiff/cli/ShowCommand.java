package dev.heapdiff.cli;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.report.HeapyText;
import dev.heapdiff.report.Partition;
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
    CLASS;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What {@code show} prints. */
  enum Format {
    TEXT, CSV, IDS;

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
      description = "text: heapy's table; csv: every row as CSV; ids: the id of every live object, "
          + "one a line (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--all", description = "text: print every row, not only the first ten.")
  boolean all;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
    try (HeapGraph graph = HeapGraph.open(dump)) {
      switch (format) {
        case TEXT -> {
          Partition partition = LiveHeap.byClass(graph);
          out.print(all ? HeapyText.renderAll(partition) : HeapyText.render(partition));
        }
        case CSV -> out.print(LiveHeap.byClass(graph).toTable().toCsv());
        case IDS -> LiveHeap.writeIds(graph, out);
      }
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
