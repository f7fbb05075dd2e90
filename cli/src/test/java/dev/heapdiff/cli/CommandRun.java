package dev.heapdiff.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

  /**
   * Runs {@code heapdiff args...} in this JVM with a standard output that refuses every byte, as a
   * full disk does ({@code > /dev/full}): the IOException says {@code No space left on device}.
   */
  static CommandRun heapdiffToAFullDisk(String... args) {
    return heapdiffWithOutputFailing("No space left on device", args);
  }

  /**
   * Runs {@code heapdiff args...} in this JVM with a standard output whose every write fails with an
   * IOException saying {@code message} ({@code Broken pipe}: the reader of a pipe has gone).
   */
  static CommandRun heapdiffWithOutputFailing(String message, String... args) {
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new StandardOutput(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(message);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        throw new IOException(message);
      }
    }, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandRun(exitCode, "", err.toString());
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
