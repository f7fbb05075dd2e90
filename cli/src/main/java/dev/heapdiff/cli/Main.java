package dev.heapdiff.cli;

import dev.heapdiff.hprof.NotEnoughMemoryException;
import java.util.Locale;
import picocli.CommandLine;

/** The entry point of {@code heapdiff.jar}. */
public final class Main {
  private Main() {}

  /** Runs the {@code heapdiff} command and exits with its exit code. */
  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    int exitCode;
    try {
      exitCode = commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // Where memory ran out outside what reports it (NotEnoughMemoryException): still one line, the
      // heap to ask for where it was the Java heap (not threads, metaspace or direct buffers).
      System.err.println(NotEnoughMemoryException.isHeapExhaustion(e) ? outOfHeap(Runtime.getRuntime().maxMemory())
          : "heapdiff: out of memory: " + e.getMessage());
      if (ErrorLine.isVerbose(commandLine.getParseResult())) {
        e.printStackTrace(); // as ErrorLine does for the errors it reports
      }
      exitCode = ErrorLine.INPUT_ERROR;
    }
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    System.exit(exitCode);
  }

  /** The line for a heap that ran out where nothing said how much was needed: twice the maximum, in GiB. */
  static String outOfHeap(long maxHeapBytes) {
    long gib = Math.max(1, (2 * maxHeapBytes + (1L << 30) - 1) >> 30);
    return String.format(Locale.ROOT, "heapdiff: not enough Java heap (this JVM's maximum heap is %,d MB); for this"
        + " command: HEAPDIFF_JAVA_OPTS=-Xmx%dg heapdiff ...", maxHeapBytes >> 20, gib);
  }

  /**
   * Returns the command line, ready to {@link CommandLine#execute execute}: exit code 0 on success,
   * 1 when the input cannot be read or the output cannot be written, 2 for usage errors.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new HeapdiffCommand());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorLine());
    commandLine.setOut(StandardOutput.open());
    commandLine.setExecutionStrategy(new OutputCheck());
    return commandLine;
  }
}
