package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {
  @Test
  void aPartitionIsItsLabelThenATableWithNumbersRightAligned() {
    Partition p = Partition.of("Class", List.of(new PartitionRow(1, 72, "list"), new PartitionRow(1, 28, "int"),
        new PartitionRow(1, 248, "dict (no owner)")));

    assertThat(Markdown.render(p)).isEqualTo("""
        Partition of a set of 3 objects. Total size = 348 bytes.

        | Index | Count | % | Size | % | Cumulative | % | Class |
        | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
        | 0 | 1 | 33% | 248 | 71% | 248 | 71% | dict (no owner) |
        | 1 | 1 | 33% | 72 | 21% | 320 | 92% | list |
        | 2 | 1 | 33% | 28 | 8% | 348 | 100% | int |
        """);
  }

  @Test
  void anIdPartitionHasOneDecimalPercentagesAndItsLabelIsEscaped() {
    IdPartition p = IdPartition.of("java.lang.Long", "Address", List.of(new IdRow(24, "0x10"), new IdRow(8, "0x28")));

    // 24/32 = 75.0; 8/32 = 25.0; the label's <java.lang.Long> must not be taken for an HTML tag
    assertThat(Markdown.render(p)).isEqualTo("""
        Set of 2 \\<java.lang.Long\\> objects. Total size = 32 bytes.

        | Index | Size | % | Cumulative | % | Address |
        | ---: | ---: | ---: | ---: | ---: | --- |
        | 0 | 24 | 75.0% | 24 | 75.0% | 0x10 |
        | 1 | 8 | 25.0% | 32 | 100.0% | 0x28 |
        """);
  }

  @Test
  void pipesBackslashesLineBreaksAndMarkupCharactersAreEscaped() {
    assertThat(Markdown.escape("a|b\\c")).isEqualTo("a\\|b\\\\c");
    assertThat(Markdown.escape("one\ntwo\r\nthree\rfour")).isEqualTo("one<br>two<br>three<br>four");
    assertThat(Markdown.escape("<script>alert(1)</script>")).isEqualTo("\\<script\\>alert(1)\\</script\\>");
    assertThat(Markdown.escape("__main__ *x* `y` ~z~ [l](u) &amp;"))
        .isEqualTo("\\_\\_main\\_\\_ \\*x\\* \\`y\\` \\~z\\~ \\[l\\](u) \\&amp;");
    assertThat(Markdown.escape("java.lang.String[]")).isEqualTo("java.lang.String\\[\\]");
  }

  @Test
  void everyCellOfARowStaysInItsColumn() {
    Table t = new Table(List.of("kind", "n"), List.of(List.of("a|b\nc", 1), List.of("plain", 2)));

    String md = Markdown.render(t);

    assertThat(md.lines()).hasSize(4);
    for (String line : md.lines().toList()) {
      // three unescaped pipes per line: the table has two columns
      assertThat(line.replace("\\\\", "").replace("\\|", "")).matches("\\|[^|]*\\|[^|]*\\|");
    }
    assertThat(md).startsWith("| kind | n |\n| --- | ---: |\n| a\\|b<br>c | 1 |\n");
  }

  @Test
  void aTableColumnIsRightAlignedOnlyWhenEveryCellIsANumber() {
    Table t = new Table(List.of("name", "mixed", "n"), List.of(List.of("x", 1, 2), List.of("y", "-", 3.5)));

    assertThat(Markdown.render("Two rows", t)).isEqualTo("""
        Two rows

        | name | mixed | n |
        | --- | --- | ---: |
        | x | 1 | 2 |
        | y | - | 3.5 |
        """);
  }

  @Test
  void everyRowIsWrittenNotJustAPage() {
    List<PartitionRow> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(new PartitionRow(1, i, "k" + i));
    }

    assertThat(Markdown.render(Partition.of("Class", rows)).lines()).hasSize(2 + 2 + 25);
  }
}
