package dev.heapdiff.cli;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Snapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heapdiff diff BEFORE AFTER}: the objects of the later dump that did not exist in the
 * earlier one ({@code after.minus(before)}), or with {@code --gone} the objects of the earlier one
 * that no longer exist.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Shows the objects of AFTER that did not exist in BEFORE (objects are matched across the"
        + " two dumps), grouped by class; --gone shows the objects of BEFORE that no longer exist.")
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier heap dump (.hprof), plain or gzip.")
  Path before;

  @Parameters(index = "1", paramLabel = "AFTER", description = "The later heap dump (.hprof), plain or gzip.")
  Path after;

  @Option(names = "--gone", description = "Show the objects of BEFORE that are not in AFTER instead.")
  boolean gone;

  @Mixin OutputOptions output;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
    try (Snapshot earlier = Heap.load(before); Snapshot later = Heap.load(after)) {
      // One file given twice: every object is its own partner, so it is read once and not matched.
      boolean sameFile = Files.isSameFile(before, after);
      ObjectSet set;
      try (Status status = Status.of(spec.commandLine())) {
        if (sameFile) {
          status.show("reading " + after);
          set = later.minus(later);
        } else {
          status.show("reading " + before);
          int earlierObjects = earlier.count();
          status.show("reading " + after);
          int laterObjects = later.count();
          status.show(String.format("matching %,d and %,d live objects", earlierObjects, laterObjects));
          set = gone ? earlier.minus(later) : later.minus(earlier);
        }
      }
      SetOutput.write(set, output.by, output.format, output.all, out);
      out.flush(); // the table first, then the notes below it on a terminal
      if (sameFile) {
        spec.commandLine().getErr().printf("heapdiff: note: BEFORE and AFTER are the same file (%s): nothing is %s.%n",
            after, gone ? "gone" : "new");
      } else {
        noteSwapped(earlier, later);
        noteOtherJvm(earlier, later);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      out.flush();
    }
    return 0;
  }

  /**
   * Says on stderr when BEFORE was written after AFTER (by the dumps' own timestamps): the table is
   * then the other direction's, which is easy to miss in a table of plausible classes.
   */
  private void noteSwapped(Snapshot earlier, Snapshot later) {
    Instant beforeWritten = earlier.graph().timestamp();
    Instant afterWritten = later.graph().timestamp();
    if (beforeWritten.isAfter(afterWritten)) {
      spec.commandLine().getErr().printf("heapdiff: note: BEFORE (%s, written %s) is the later dump and AFTER (%s,"
              + " written %s) the earlier, so the table shows %s; swap the two for %s.%n", before.getFileName(),
          beforeWritten, after.getFileName(), afterWritten,
          gone ? "objects the earlier dump did not have"
              : "objects of the earlier dump that the later one no longer has",
          gone ? "the objects that are gone" : "the new objects");
    }
  }

  /**
   * Says on stderr when the two dumps' JVMs differ in their version or the program they ran (their
   * system properties {@code java.vm.version} and {@code sun.java.command}, where both dumps hold
   * them; the command line is not printed, as it may hold secrets): matched by contents alone, most of
   * AFTER is new then, a table that looks plausible. Two runs of one program on one JDK are not told
   * apart.
   */
  private void noteOtherJvm(Snapshot earlier, Snapshot later) {
    List<String> differences = new ArrayList<>();
    String vmBefore = earlier.graph().systemProperties().get("java.vm.version");
    String vmAfter = later.graph().systemProperties().get("java.vm.version");
    if (vmBefore != null && vmAfter != null && !vmBefore.equals(vmAfter)) {
      differences.add("java.vm.version " + vmBefore + " and " + vmAfter);
    }
    String commandBefore = earlier.graph().systemProperties().get("sun.java.command");
    String commandAfter = later.graph().systemProperties().get("sun.java.command");
    if (commandBefore != null && commandAfter != null && !commandBefore.equals(commandAfter)) {
      differences.add("the programs they ran (sun.java.command) differ");
    }
    if (!differences.isEmpty()) {
      spec.commandLine().getErr().printf("heapdiff: note: BEFORE and AFTER come from different JVMs (%s): objects"
          + " are matched by what the dumps hold, and most of AFTER's objects will count as new.%n",
          String.join("; ", differences));
    }
  }

  @Override
  public String toString() {
    return "heapdiff diff " + before + " " + after + (gone ? " --gone" : "") + " " + output;
  }
}
