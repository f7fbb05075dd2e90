package dev.heapdiff.cli;

import static dev.heapdiff.cli.CommandRun.heapdiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives one line on standard error naming the file, and exit code 1; usage errors give 2. */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsNamedInOneLineAndExitsWith1() {
    Path missing = dir.resolve("no-such.hprof");

    CommandRun run = heapdiff("show", missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("heapdiff: " + missing + ": no such file\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aFileThatIsNotAHeapDumpIsNamedWithTheOffsetAndNoStackTrace() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.hprof"), "this is not a heap dump\n".repeat(40));

    CommandRun run = heapdiff("show", garbage.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("heapdiff: not a readable heap dump: " + garbage + ": at byte offset 0: ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void verbosePrintsTheStackTraceAfterTheLine() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.hprof"), "not a dump");

    CommandRun run = heapdiff("show", "--verbose", garbage.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("heapdiff: not a readable heap dump: " + garbage)
        .contains("HprofFormatException", "\tat dev.heapdiff.hprof.");
  }

  @Test
  void aMissingDumpArgumentIsAUsageError() {
    CommandRun run = heapdiff("show");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'DUMP'", "Usage: heapdiff show");
  }

  @Test
  void anUnknownFormatIsAUsageErrorListingTheChoicesAsHelpDoes() {
    CommandRun format = heapdiff("show", "--format", "xml", "x.hprof");
    CommandRun by = heapdiff("diff", "--by", "colour", "a.hprof", "b.hprof");

    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).startsWith("Invalid value for option '--format': expected one of "
        + "[text, csv, json, markdown, html, ids] (case-insensitive) but was 'xml'\n");
    assertThat(by.exitCode()).isEqualTo(2);
    assertThat(by.err()).startsWith("Invalid value for option '--by': expected one of "
        + "[class, size, package, loader, referrers, via] (case-insensitive) but was 'colour'\n")
        .contains("How to group objects into rows: class, size, package,");
  }

  @Test
  void choicesAreReadInAnyCase() {
    Path missing = dir.resolve("no-such.hprof");

    CommandRun run = heapdiff("show", "--by", "Size", "--format", "CSV", missing.toString());

    assertThat(run.exitCode()).as("past the options, to the missing file: %s", run).isEqualTo(1);
  }

  @Test
  void noCommandIsAUsageErrorThatNamesEveryCommand() {
    CommandRun run = heapdiff();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing a command: try 'heapdiff show DUMP', 'heapdiff diff BEFORE AFTER', "
        + "'heapdiff shell [DUMP...]' or 'heapdiff demo'\n").contains("Usage: heapdiff");
    for (String command : Main.commandLine().getSubcommands().keySet()) {
      assertThat(run.err()).contains("'heapdiff " + command);
    }
  }

  @Test
  void versionAndHelpSucceed() {
    CommandRun version = heapdiff("--version");
    CommandRun help = heapdiff("--help");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("heapdiff 0.1.0");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("show", "demo", "Exit codes:");
  }

  @Test
  void theJarsStandardOutputReportsAFullDisk() throws Exception {
    File full = new File("/dev/full");
    assumeTrue(full.exists() && full.canWrite(), "no /dev/full here");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");

    assertThat(heapdiffJvm(stdout.toFile(), stderr.toFile(), "--version")).isZero();
    assertThat(Files.readString(stdout)).startsWith("heapdiff 0.1.0");
    assertThat(heapdiffJvm(full, stderr.toFile(), "--version")).isEqualTo(1);
    assertThat(Files.readString(stderr)).isEqualTo("heapdiff: cannot write the output: No space left on device\n");
  }

  @Test
  void aPipeWhoseReaderStoppedEndsTheCommandQuietly() {
    // heapdiff ... | head: head has what it wanted and is gone.
    CommandRun run = CommandRun.heapdiffWithOutputFailing(OutputCheck.BROKEN_PIPE, "--help");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).as(run.toString()).isEmpty();
  }

  /** Runs {@code heapdiff args} in a JVM of its own, as the jar does, and returns its exit code. */
  private static int heapdiffJvm(File stdout, File stderr, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process heapdiff = new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr).start();
    if (!heapdiff.waitFor(60, TimeUnit.SECONDS)) {
      heapdiff.destroyForcibly();
      throw new AssertionError("heapdiff " + String.join(" ", args) + " did not end in 60 s");
    }
    return heapdiff.exitValue();
  }
}
