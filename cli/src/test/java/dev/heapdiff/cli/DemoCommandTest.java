package dev.heapdiff.cli;

import static dev.heapdiff.cli.CommandRun.heapdiff;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demoSaysWhatItDidThenShowsTheOrdersItKeptAndDeletesTheDump() throws IOException {
    List<Path> before = demoDirectories();

    CommandRun run = heapdiff("demo", "--all");

    assertThat(run.exitCode()).as("%s", run).isZero();
    List<String> lines = run.outLines();
    assertThat(lines.get(0)).startsWith("heapdiff demo: ").contains("20,000 orders", "deleted");
    assertThat(lines.get(1)).startsWith("Partition of a set of ");
    Map<String, long[]> rows = HeapyRows.parse(lines);
    assertThat(rows.get("dev.heapdiff.cli.demo.Order")[0]).isEqualTo(20_000);
    assertThat(demoDirectories()).as("temporary directories left behind").isSubsetOf(before);
  }

  @Test
  void aShortDemoPagesItsTable() {
    CommandRun run = heapdiff("demo", "--orders", "100");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.outLines()).last().asString().matches("<\\d+ more rows\\. Type e\\.g\\. '_\\.more\\(\\)' to view\\.>");
  }

  private static List<Path> demoDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("heapdiff-demo-")).toList();
    }
  }
}
