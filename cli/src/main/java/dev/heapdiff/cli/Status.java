package dev.heapdiff.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import picocli.CommandLine;

/**
 * What a command is doing while it reads and matches large dumps, as one line on standard error
 * that each step rewrites in place and {@link #close} erases: only where a person watches a terminal,
 * so that piped or captured output never holds it.
 */
final class Status implements AutoCloseable {
  private final PrintWriter err;
  private final boolean on;
  private int shown;

  Status(PrintWriter err, boolean on) {
    this.err = err;
    this.on = on;
  }

  /** A status line on the command's standard error if this JVM runs in a terminal, else one that shows nothing. */
  static Status of(CommandLine commandLine) {
    return new Status(commandLine.getErr(), inTerminal());
  }

  /** Whether standard input and output are a terminal (from JDK 22 on, a console may exist without one). */
  private static boolean inTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a console exists only for a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Shows {@code what} (for example "reading before.hprof") in place of the last step. */
  void show(String what) {
    if (!on) {
      return;
    }
    String line = "heapdiff: " + what + " ...";
    err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
    err.flush();
    shown = line.length();
  }

  /** Erases the line, so that what the command prints next starts at the left. */
  @Override
  public void close() {
    if (on && shown > 0) {
      err.print("\r" + " ".repeat(shown) + "\r");
      err.flush();
      shown = 0;
    }
  }

  @Override
  public String toString() {
    return on ? "status line on standard error" : "no status line";
  }
}
