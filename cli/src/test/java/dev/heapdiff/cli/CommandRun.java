package dev.heapdiff.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of the {@code heapdiff} command with its output captured. */
record CommandRun(int exitCode, String out, String err) {
  /** Runs {@code heapdiff args...} in this JVM. */
  static CommandRun heapdiff(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }

  /** Returns standard output's lines. */
  List<String> outLines() {
    return out.lines().toList();
  }

  @Override
  public String toString() {
    return "exit code " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
  }
}
