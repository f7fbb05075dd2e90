package dev.heapdiff.cli;

import static dev.heapdiff.cli.CommandRun.heapdiff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.internal.JavaLiterals;
import dev.heapdiff.testdata.ChildJvm;
import dev.heapdiff.testdata.workload.Population;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code heapdiff shell} as a user runs it: {@code heapdiff} in a JVM of its own, which starts a real
 * jshell on its standard streams; the test types lines into it and reads what jshell printed. jshell
 * takes seconds to start, so only two sessions run here.
 */
class ShellCommandTest {
  private static final String ORDER = "dev.heapdiff.testdata.workload.Order";
  private static final int SESSION_TIMEOUT_SECONDS = 90;

  @TempDir static Path dir;
  static Path dump;

  @BeforeAll
  static void dumpThePopulation() throws Exception {
    ChildJvm.current().run(Population.class, 120, dir.toString(), "pop", "1");
    dump = dir.resolve("pop.hprof");
  }

  @Test
  void oneDumpIsSnapReadOnFirstUseAndDrillsDownLikeHeapy() throws Exception {
    Session session = shell(List.of(dump.toString()),
        "snap",
        "snap.byClass().get(\"" + ORDER + "\").count()",
        "snap.ofClass(\"" + ORDER + "\").byClass()",
        "snap.byClass().get(\"long[]\").bySize()",
        "Partition all = snap.byPackage().all()",  // several KB: past jshell's usual 1,000-character cut
        "HeapObject order = snap.ofClass(\"" + ORDER + "\").filter(o -> o.field(\"quantity\").equals(Optional.of(42))).theOne()",
        "order.field(\"customer\")",
        "order.field(\"quantity\")",
        "/exit");

    assertThat(session.exitCode()).as("%s", session).isZero();
    List<String> lines = session.lines();
    assertThat(lines.get(0)).isEqualTo("heapdiff shell: snap = Heap.load(\"" + dump + "\")");
    assertThat(session.output()).as("%s", session)
        .containsPattern("snap ==> Snapshot pop\\.hprof \\(.*\\), not read yet")
        .containsPattern("\\$\\d+ ==> 10000\n")
        .contains("==> Partition of a set of 10000 objects. Total size = 400000 bytes.\n")
        .contains("order ==> " + ORDER + "@0x")
        .contains("customer=\"customer-0-42\"")
        .containsPattern("\\$\\d+ ==> Optional\\[\"customer-0-42\"\\]")
        .containsPattern("\\$\\d+ ==> Optional\\[42\\]")
        .doesNotContain("Exception", "Error:");
    Map<String, long[]> rows = HeapyRows.parse(lines);
    assertThat(rows.get(ORDER)).as("Order: 10,000 objects of 40 bytes").containsExactly(10_000, 400_000);
    // long[100] by size: the workload's 2,000 arrays of 816 bytes are the top row (JDK 25 also holds
    // a few thousand small long[] of its own, so only the row itself is fixed).
    assertThat(session.output()).as("long[100] by size: 2,000 of 816 bytes, the top row")
        .containsPattern("\n +0 +2000 +\\d+ +1632000 +\\d+ +1632000 +\\d+ +816\n");
    assertThat(session.output()).as("values are shown whole, not cut in the middle")
        .contains("all ==> Partition of a set of ").doesNotContain(" ... ");
    assertThat(rows).as("every package of the dump, from the whole table").containsKey("dev.heapdiff.testdata.workload")
        .hasSizeGreaterThan(30);
    assertThat(scripts()).as("startup scripts left behind").isEmpty();
  }

  @Test
  void twoDumpsAreBeforeAndAfterInThatOrder() throws Exception {
    Path first = Files.copy(dump, dir.resolve("first.hprof"));
    Path second = Files.copy(dump, dir.resolve("second.hprof"));

    Session session = shell(List.of(first.toString(), second.toString()),
        "before.file().getFileName()",
        "after.file().getFileName()",
        "after.ofClass(\"" + ORDER + "\").count() - before.ofClass(\"" + ORDER + "\").count()",
        // The scripts heapdiff wrote for this jshell, while it runs: owner-only.
        "Files.walk(Path.of(" + JavaLiterals.quote(tmp().toString(), true) + ")).filter(f -> f.toString()"
            + ".endsWith(\".jsh\")).map(f -> { try { return f.getFileName() + \" \" + java.nio.file.attribute"
            + ".PosixFilePermissions.toString(Files.getPosixFilePermissions(f)); } catch (IOException e) {"
            + " return e.toString(); } }).sorted().toList()",
        "/exit 3");

    assertThat(session.exitCode()).as("jshell's exit code, %s", session).isEqualTo(3);
    assertThat(session.lines().get(0)).isEqualTo(
        "heapdiff shell: before = Heap.load(\"" + first + "\"), after = Heap.load(\"" + second + "\")");
    assertThat(session.output()).as("%s", session)
        .containsPattern("\\$1 ==> first\\.hprof\n")
        .containsPattern("\\$2 ==> second\\.hprof\n")
        .containsPattern("\\$3 ==> 0\n");
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(session.output()).contains("$4 ==> [feedback.jsh rw-------, startup.jsh rw-------]\n");
    }
    assertThat(scripts()).as("startup scripts left behind").isEmpty();
  }

  @Test
  void aMissingDumpIsNamedInOneLineAndJshellDoesNotStart() {
    Path missing = dir.resolve("no-such.hprof");

    CommandRun run = heapdiff("shell", dump.toString(), missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("heapdiff: " + missing + ": no such file\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aRemoteHeapThatIsNotASizeIsAUsageError() {
    CommandRun run = heapdiff("shell", "--remote-xmx", "lots", dump.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--remote-xmx", "lots");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void jshellGetsHeapdiffsClassPathTheRemoteHeapBothStartupsAndTheFeedbackMode() throws Exception {
    ShellCommand command = new ShellCommand();
    command.remoteXmx = "512m";
    Path startup = dir.resolve("startup.jsh");
    Path feedback = dir.resolve("feedback.jsh");

    List<String> line = command.command(ShellCommand.jshellExecutable(), startup, feedback);

    assertThat(Path.of(line.get(0))).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "jshell"));
    assertThat(line.subList(1, line.size())).containsExactly("--class-path", ShellCommand.libraryClassPath(),
        "-R-Xmx512m", "--startup", "DEFAULT", "--startup", startup.toString(), "--feedback", "heapdiff",
        feedback.toString());
  }

  /** What one session printed (standard output and error together) and its exit code. */
  record Session(int exitCode, String output) {
    List<String> lines() {
      return output.lines().toList();
    }

    @Override
    public String toString() {
      return "exit code " + exitCode + "\n--- output:\n" + output;
    }
  }

  /**
   * Runs {@code heapdiff shell args} in a JVM of its own, as the jar does, with its temporary
   * directory in this test's, types {@code input} and waits for jshell to end.
   */
  private static Session shell(List<String> args, String... input) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "shell", "--remote-xmx", "512m"));
    command.addAll(args);
    Path output = Files.createTempFile(dir, "session-", ".txt");
    Process heapdiff = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      try (OutputStream stdin = heapdiff.getOutputStream()) {
        stdin.write((String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (!heapdiff.waitFor(SESSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("heapdiff shell did not end in " + SESSION_TIMEOUT_SECONDS + " s; it printed:\n"
            + Files.readString(output));
      }
      return new Session(heapdiff.exitValue(), Files.readString(output));
    } finally {
      heapdiff.descendants().forEach(ProcessHandle::destroyForcibly); // jshell and its agent, after a timeout
      heapdiff.destroyForcibly();
    }
  }

  private static Path tmp() throws IOException {
    return Files.createDirectories(dir.resolve("tmp"));
  }

  /** The temporary directories of heapdiff shell in the JVM's temporary directory. */
  private static List<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.list(tmp())) {
      return files.filter(f -> f.getFileName().toString().startsWith("heapdiff-shell-")).toList();
    }
  }
}
