package dev.heapdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The status line: each step over the last on one line, erased at the end; nothing when off. */
class StatusTest {
  @Test
  void eachStepOverwritesTheLastAndCloseErasesTheLine() {
    StringWriter err = new StringWriter();
    try (Status status = new Status(new PrintWriter(err), true)) {
      status.show("reading long-name.hprof");
      status.show("matching 3 and 4 live objects");
      status.show("done");
    }
    String first = "heapdiff: reading long-name.hprof ...";
    String second = "heapdiff: matching 3 and 4 live objects ...";
    String third = "heapdiff: done ...";
    assertThat(err.toString()).isEqualTo("\r" + first + "\r" + second + "\r" + third
        + " ".repeat(second.length() - third.length()) + "\r" + " ".repeat(third.length()) + "\r");
  }

  @Test
  void offItWritesNothing() {
    StringWriter err = new StringWriter();
    try (Status status = new Status(new PrintWriter(err), false)) {
      status.show("reading x.hprof");
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void theCommandsUnderTestShowNoStatusLine() {
    // Tests run without a terminal: the commands' standard error holds only what they report.
    assertThat(Status.of(Main.commandLine()).toString()).isEqualTo("no status line");
  }
}
