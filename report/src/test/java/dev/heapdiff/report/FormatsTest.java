package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every model renders itself in every format, as the format's renderer does. */
class FormatsTest {
  private final Partition partition = Partition.of("Class", List.of(new PartitionRow(2, 48, "java.lang.Long")));
  private final IdPartition ids = IdPartition.of("java.lang.Long", "Address",
      List.of(new IdRow(24, "0x10"), new IdRow(24, "0x28")));
  private final Table table = partition.toTable();

  @Test
  void aPartitionRendersItself() {
    assertThat(partition.toJson()).isEqualTo(Json.render(partition));
    assertThat(partition.toMarkdown()).isEqualTo(Markdown.render(partition));
    assertThat(partition.toHtml()).isEqualTo(Html.render(partition));
  }

  @Test
  void anIdPartitionRendersItself() {
    assertThat(ids.toJson()).isEqualTo(Json.render(ids));
    assertThat(ids.toMarkdown()).isEqualTo(Markdown.render(ids));
    assertThat(ids.toHtml()).isEqualTo(Html.render(ids));
  }

  @Test
  void aTableRendersItself() {
    assertThat(table.toJson()).isEqualTo("{\n  \"columns\": [\"index\", \"count\", \"size\", \"kind\"],\n"
        + "  \"rows\": [\n    [0, 2, 48, \"java.lang.Long\"]\n  ]\n}\n");
    assertThat(table.toMarkdown()).isEqualTo("""
        | index | count | size | kind |
        | ---: | ---: | ---: | --- |
        | 0 | 2 | 48 | java.lang.Long |
        """);
    assertThat(table.toHtml("Longs")).isEqualTo(Html.render("Longs", table)).contains("<h1>Longs</h1>");
  }
}
