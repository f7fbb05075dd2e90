package dev.heapdiff.cli;

import static dev.heapdiff.cli.CommandRun.heapdiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @Test
  void demoFindsTheLeakedOrdersWhatHoldsThemAndAPathAndDeletesTheDumps() throws IOException {
    List<Path> before = demoDirectories();

    CommandRun run = heapdiff("demo");

    assertThat(run.exitCode()).as("%s", run).isZero();
    List<String> lines = run.outLines();
    assertThat(lines.get(0)).startsWith("heapdiff demo: ").contains("5,000 orders", "deleted");
    Map<String, long[]> rows = HeapyRows.parse(lines);
    assertThat(rows.get("dev.heapdiff.cli.demo.Order")).as("new orders").isNotNull();
    assertThat(rows.get("dev.heapdiff.cli.demo.Order")[0]).isEqualTo(5_000);
    assertThat(run.out()).contains(" .value\n")
        .containsPattern("Root\\(static\\) dev\\.heapdiff\\.cli\\.demo\\.OrderService\\.AUDIT \\.table\\[\\d+\\] \\.value"
            + " -> dev\\.heapdiff\\.cli\\.demo\\.Order@0x")
        .contains("5,000 of the 5,000 orders taken stayed alive");
    assertThat(demoDirectories()).as("temporary directories left behind").isSubsetOf(before);
  }

  @Test
  void theNumberOfRequestsIsAnOption() {
    CommandRun run = heapdiff("demo", "--requests", "300", "--all");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(HeapyRows.parse(run.outLines()).get("dev.heapdiff.cli.demo.Order")[0]).isEqualTo(300);
    // All 300 are still among the last 1,000 the service keeps for display: no leak to claim yet.
    assertThat(run.out()).contains("300 of the 300 orders taken stayed alive, all still among the last 1,000")
        .doesNotContain("leaks", "pathsFromRoots");
  }

  @Test
  void requestsOutsideOneToTheLimitAreUsageErrorsAndRunNothing() {
    for (String requests : List.of("-5", "0", Integer.toString(DemoCommand.MAX_REQUESTS + 1))) {
      CommandRun run = heapdiff("demo", "--requests", requests);

      assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
      assertThat(run.err()).startsWith("Invalid value for option '--requests': '" + requests + "' is not a number")
          .contains("Usage: heapdiff demo");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void aLeakIsClaimedOnlyForOrdersTheAuditMapAloneHolds() {
    assertThat(DemoCommand.conclusion(0, 0, 5_000)).startsWith("None of the 5,000 orders taken stayed alive")
        .doesNotContain("leaks");
    assertThat(DemoCommand.conclusion(2_000, 0, 5_000)).as("more than the display keeps, none by the map alone")
        .startsWith("2,000 of the 5,000 orders taken stayed alive").doesNotContain("leaks them", "--requests");
    assertThat(DemoCommand.conclusion(300, 0, 300)).startsWith("300 of the 300 orders taken stayed alive, all still")
        .doesNotContain("leaks");
    assertThat(DemoCommand.conclusion(5_000, 4_000, 5_000)).isEqualTo("5,000 of the 5,000 orders taken stayed alive:"
        + " the service leaks them through a static map (OrderService.AUDIT) that is never cleared.");
  }

  @Test
  void theServicesLogIsItsOwnersOnly(@TempDir Path dir) throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");

    Path log = DemoCommand.newLog(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
  }

  private static List<Path> demoDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("heapdiff-demo-")).toList();
    }
  }
}
