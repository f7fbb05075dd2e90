package dev.heapdiff.cli;

import dev.heapdiff.hprof.HprofFormatException;
import dev.heapdiff.hprof.NotEnoughMemoryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on standard error and exit code 1; with
 * {@code --verbose}, the stack trace follows the line.
 */
final class ErrorLine implements IExecutionExceptionHandler {
  static final int INPUT_ERROR = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = isVerbose(parsed);
    boolean bug = !(e instanceof IOException || e instanceof NotEnoughMemoryException);
    err.println("heapdiff: " + describe(e) + (bug && !verbose ? " (run with " + Verbosity.OPTION + " for the stack trace)" : ""));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return INPUT_ERROR;
  }

  /** Returns what went wrong in one line, naming the file where there is one. */
  static String describe(Exception e) {
    if (e instanceof NoSuchFileException f) {
      return f.getFile() + ": no such file";
    }
    if (e instanceof AccessDeniedException f) {
      return f.getFile() + ": permission denied";
    }
    if (e instanceof HprofFormatException) {
      return "not a readable heap dump: " + e.getMessage();
    }
    if (e instanceof NotEnoughMemoryException m) {
      // The heapdiff script passes HEAPDIFF_JAVA_OPTS to java.
      return m.getMessage() + "; for this command: HEAPDIFF_JAVA_OPTS="
          + (m.suggestedMaxHeap() != null ? m.suggestedMaxHeap() : "-Xmx8g") + " heapdiff ...";
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
    }
    if (e instanceof IOException) {
      return e.getMessage() != null ? e.getMessage() : e.toString();
    }
    return "internal error: " + e;
  }

  /** Whether {@code --verbose} was given to the subcommand run (null: nothing parsed, no). */
  static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(Verbosity.OPTION)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "one line per error, exit code " + INPUT_ERROR;
  }
}
