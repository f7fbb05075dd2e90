package dev.heapdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.internal.JavaLiterals;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupScriptTest {
  @Test
  void oneDumpIsSnapTwoAreBeforeAndAfterMoreAreNumbered() {
    assertThat(script().variables()).isEmpty();
    assertThat(script("a.hprof").variables()).containsExactly("snap");
    assertThat(script("a.hprof", "b.hprof").variables()).containsExactly("before", "after");
    assertThat(script("a.hprof", "b.hprof", "c.hprof").variables()).containsExactly("snap1", "snap2", "snap3");
  }

  @Test
  void theSourceImportsHeapdiffAndLoadsEachDumpByAbsolutePath() {
    String source = script("a.hprof", "dir/b.hprof").source();

    assertThat(source.lines()).containsExactly(
        "import dev.heapdiff.*;",
        "import java.nio.file.*;",
        "Snapshot before = Heap.load(Path.of(\"" + Path.of("a.hprof").toAbsolutePath() + "\"));",
        "Snapshot after = Heap.load(Path.of(\"" + Path.of("dir/b.hprof").toAbsolutePath() + "\"));");
  }

  @Test
  void withoutDumpsTheSourceOnlyImports() {
    assertThat(script().source().lines()).containsExactly("import dev.heapdiff.*;", "import java.nio.file.*;");
  }

  @Test
  void theSummaryShowsThePathsAsGiven() {
    assertThat(script("worker-1.hprof").summary()).isEqualTo("snap = Heap.load(\"worker-1.hprof\")");
    assertThat(script("a.hprof", "b.hprof").summary())
        .isEqualTo("before = Heap.load(\"a.hprof\"), after = Heap.load(\"b.hprof\")");
    assertThat(script().summary()).startsWith("no dumps loaded; try  Snapshot snap = Heap.snapshot();");
  }

  @Test
  void pathsBecomeLiteralsThatJavacReadsBack() {
    assertThat(JavaLiterals.quote("a \"b\" c\\d", true)).isEqualTo("\"a \\\"b\\\" c\\\\d\"");
    assertThat(JavaLiterals.quote("line\nbreak\r\t\u0001", true)).isEqualTo("\"line\\nbreak\\r\\t\\u0001\"");
    assertThat(JavaLiterals.quote("données", true)).isEqualTo("\"donn\\u00e9es\"");
    assertThat(JavaLiterals.quote("données", false)).isEqualTo("\"données\"");
  }

  private static StartupScript script(String... dumps) {
    return new StartupScript(List.of(dumps).stream().map(Path::of).toList());
  }
}
