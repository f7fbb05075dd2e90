package dev.heapdiff.cli;

import picocli.CommandLine;

/** The entry point of {@code heapdiff.jar}. */
public final class Main {
  private Main() {}

  /** Runs the {@code heapdiff} command and exits with its exit code. */
  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    int exitCode = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    System.exit(exitCode);
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
