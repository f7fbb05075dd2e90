package dev.heapdiff.cli;

import dev.heapdiff.Heap;
import dev.heapdiff.Snapshot;
import java.io.UncheckedIOException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heapdiff show DUMP}: the live heap of one dump as a table, CSV or a list of ids. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Shows the live (reachable) objects of a heap dump, grouped by class.")
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DUMP", description = "A HotSpot heap dump (.hprof), plain or gzip.")
  Path dump;

  @Mixin OutputOptions output;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
    try (Snapshot snap = Heap.load(dump)) {
      try (Status status = Status.of(spec.commandLine())) {
        status.show("reading " + dump);
        snap.count();
      }
      SetOutput.write(snap, output.by, output.format, output.all, out);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      out.flush();
    }
    return 0;
  }

  @Override
  public String toString() {
    return "heapdiff show " + dump + " " + output;
  }
}
