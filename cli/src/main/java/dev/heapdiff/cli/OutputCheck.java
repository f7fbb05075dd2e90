package dev.heapdiff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Runs the command as picocli does by default ({@link RunLast}), then flushes standard output and
 * fails the run if any of it could not be written (a full disk): the writers in
 * between swallow such errors, and a command that exits 0 with its output lost is worse than one
 * that fails. The failure becomes an {@link IOException} for {@link ErrorLine}: one line on
 * standard error, exit code 1. Checking here, once, covers every subcommand and the help.
 */
final class OutputCheck implements IExecutionStrategy {
  /** The message of a write to a pipe whose reader has gone (EPIPE), on Linux and macOS. */
  static final String BROKEN_PIPE = "Broken pipe";
  /** The same on Windows. */
  static final String CLOSED_PIPE = "The pipe is being closed";

  private final IExecutionStrategy command = new RunLast();

  @Override
  public int execute(ParseResult parsed) {
    int exitCode = command.execute(parsed);
    CommandLine commandLine = parsed.commandSpec().commandLine();
    PrintWriter out = commandLine.getOut();
    if (out.checkError()) { // flushes first
      IOException cause = out instanceof StandardOutput stdout ? stdout.failure().orElse(null) : null;
      if (cause != null && (BROKEN_PIPE.equals(cause.getMessage()) || CLOSED_PIPE.equals(cause.getMessage()))) {
        // The reader stopped reading (heapdiff ... | head): it had what it wanted; nothing to say.
        return exitCode;
      }
      String reason = cause == null ? "standard output failed"
          : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
      throw new ExecutionException(commandLine, "cannot write the output",
          new IOException("cannot write the output: " + reason, cause));
    }
    return exitCode;
  }

  @Override
  public String toString() {
    return "run the last subcommand, then check that standard output was written";
  }
}
