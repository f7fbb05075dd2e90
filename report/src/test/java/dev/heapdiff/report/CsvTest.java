package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void aPartitionBecomesAHeaderAndOneLinePerRowInTableOrder() {
    Partition p = Partition.of("Class", List.of(new PartitionRow(1, 28, "int"), new PartitionRow(1, 248, "dict")));

    assertThat(p.toTable().toCsv()).isEqualTo("index,count,size,kind\r\n0,1,248,dict\r\n1,1,28,int\r\n");
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
    Table t = new Table(List.of("kind", "note"), List.of(
        List.of("dict (no owner), list", "say \"hi\""), List.of("a\nb", "plain")));

    assertThat(Csv.render(t)).isEqualTo(
        "kind,note\r\n\"dict (no owner), list\",\"say \"\"hi\"\"\"\r\n\"a\nb\",plain\r\n");
  }

  @Test
  void everyRowIsWrittenNotJustAPage() {
    List<PartitionRow> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(new PartitionRow(1, i, "k" + i));
    }

    assertThat(Partition.of("Class", rows).toTable().toCsv().split("\r\n")).hasSize(26);
  }

  @Test
  void aRowOfTheWrongWidthIsRejected() {
    assertThatThrownBy(() -> new Table(List.of("a", "b"), List.of(List.of("only one"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells for 2 columns");
  }

  @Test
  void aTableDescribesItself() {
    assertThat(new Table(List.of("a"), List.of(List.of(1)))).hasToString("Table[a] with 1 row");
  }
}
