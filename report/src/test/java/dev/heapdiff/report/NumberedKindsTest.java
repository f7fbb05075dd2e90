package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A partition by individual size: the text table right-aligns the sizes as heapy does, every other
 * format writes them as plain numbers.
 */
class NumberedKindsTest {
  // 100 and 20 tie on size: as numbers 20 comes first, as text "100" would.
  private final Partition sizes = Partition.ofNumbers("Individual Size", List.of(
      new PartitionRow(5, 100, "20"), new PartitionRow(1, 100, "100"), new PartitionRow(2, 48, "24")));

  @Test
  void equalSizesAreOrderedByTheNumberNotTheText() {
    assertThat(sizes.rows()).extracting(PartitionRow::kind).containsExactly("20", "100", "24");
    assertThat(sizes.numericKinds()).isTrue();
    assertThat(Partition.of("Class", List.of()).numericKinds()).isFalse();
  }

  @Test
  void theTextTableRightAlignsThemInNineColumns() {
    assertThat(HeapyText.render(sizes)).isEqualTo("""
        Partition of a set of 8 objects. Total size = 248 bytes.
         Index  Count   %     Size   % Cumulative  % Individual Size
             0      5  62      100  40       100  40        20
             1      1  12      100  40       200  81       100
             2      2  25       48  19       248 100        24
        """);
  }

  @Test
  void csvJsonMarkdownAndHtmlWriteThemUnpadded() {
    assertThat(sizes.toTable().toCsv())
        .isEqualTo("index,count,size,kind\r\n0,5,100,20\r\n1,1,100,100\r\n2,2,48,24\r\n");
    assertThat(sizes.toJson()).contains("\"kind\": \"24\"}").doesNotContain("\"kind\": \" ");
    assertThat(sizes.toMarkdown()).contains("| 2 | 2 | 25% | 48 | 19% | 248 | 100% | 24 |\n")
        .contains("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    assertThat(sizes.toHtml()).contains("data-key=\"kind\" data-type=\"number\"")
        .contains("<td class=\"n\" data-value=\"24\">24</td>");
  }

  @Test
  void aKindThatIsNotAWholeNumberIsRejected() {
    assertThatThrownBy(() -> Partition.ofNumbers("Individual Size", List.of(new PartitionRow(1, 8, "  8"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole number");
  }
}
