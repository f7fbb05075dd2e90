package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Golden layouts of heapy's partition table; every expected number below is computed by hand. */
class HeapyTextTest {
  private static final String HEAPY_KIND = "Kind (class / dict of class)";

  @Test
  void heapysOwnReadmeExampleIsReproducedExactly() {
    Partition p = Partition.of(HEAPY_KIND, List.of(
        new PartitionRow(1, 72, "list"), new PartitionRow(1, 28, "int"), new PartitionRow(1, 248, "dict (no owner)")));

    // 248/348 = 71.3%, 72/348 = 20.7%, 28/348 = 8.0%, 320/348 = 92.0%, 1/3 = 33.3%
    assertThat(HeapyText.render(p)).isEqualTo("""
        Partition of a set of 3 objects. Total size = 348 bytes.
         Index  Count   %     Size   % Cumulative  % Kind (class / dict of class)
             0      1  33      248  71       248  71 dict (no owner)
             1      1  33       72  21       320  92 list
             2      1  33       28   8       348 100 int
        """);
  }

  @Test
  void percentagesRoundHalfToEvenLikePython() {
    // Totals 200 objects and 200 bytes: every percentage is count/2 exactly.
    Partition p = Partition.of("Class", List.of(new PartitionRow(1, 1, "A"), new PartitionRow(5, 5, "B"),
        new PartitionRow(7, 7, "C"), new PartitionRow(187, 187, "D")));

    // 93.5 -> 94, 3.5 -> 4, 2.5 -> 2, 0.5 -> 0; cumulative 97.0 -> 97, 99.5 -> 100
    assertThat(HeapyText.render(p)).isEqualTo("""
        Partition of a set of 200 objects. Total size = 200 bytes.
         Index  Count   %     Size   % Cumulative  % Class
             0    187  94      187  94       187  94 D
             1      7   4        7   4       194  97 C
             2      5   2        5   2       199 100 B
             3      1   0        1   0       200 100 A
        """);
  }

  @Test
  void percentIsHalfEvenOfTheBinaryValue() {
    assertThat(HeapyText.percent(1, 200)).isEqualTo(0);    // 0.5
    assertThat(HeapyText.percent(3, 200)).isEqualTo(2);    // 1.5
    assertThat(HeapyText.percent(5, 200)).isEqualTo(2);    // 2.5
    assertThat(HeapyText.percent(199, 200)).isEqualTo(100); // 99.5
    assertThat(HeapyText.percent(1, 3)).isEqualTo(33);
    assertThat(HeapyText.percent(2, 3)).isEqualTo(67);
    assertThat(HeapyText.percent(5, 0)).isEqualTo(0);
  }

  @Test
  void oneObjectIsSingularAndAListOfKindsWrapsAtAWordLikeHeapysRun() {
    Partition p = Partition.of(HEAPY_KIND, List.of(new PartitionRow(1, 56,
        "dict (no owner), dict of __main__.A, dict of module, dict of types.SimpleNamespace, list, tuple")));

    assertThat(HeapyText.render(p)).isEqualTo("""
        Partition of a set of 1 object. Total size = 56 bytes.
         Index  Count   %     Size   % Cumulative  % Kind (class / dict of class)
             0      1 100       56 100        56 100 dict (no owner), dict of __main__.A, dict of module,
                                                     dict of types.SimpleNamespace, list, tuple
        """);
  }

  @Test
  void aKindNameLongerThan55CharactersIsBrokenMidWordOverThreeLines() {
    String name = "com.example.warehouse.inventory.replenishment.PurchaseOrderLine";
    assertThat(name).hasSize(63);
    Partition p = Partition.of("Class", List.of(new PartitionRow(2, 64, name), new PartitionRow(1, 16, "Short")));

    // The name does not fit after the 45-column prefix, so the prefix stands alone (its trailing
    // space dropped); on the next lines 55 columns are left after the indent: 55 + 8 characters.
    assertThat(HeapyText.render(p)).isEqualTo("""
        Partition of a set of 3 objects. Total size = 80 bytes.
         Index  Count   %     Size   % Cumulative  % Class
             0      2  67       64  80        64  80
                                                     com.example.warehouse.inventory.replenishment.PurchaseO
                                                     rderLine
             1      1  33       16  20        80 100 Short
        """);
  }

  @Test
  void aKindNameOfExactly55CharactersStillFitsOnTheRow() {
    String name = "com.example.warehouse.inventory.replenishment.PurchaseO";
    assertThat(name).hasSize(55);
    String text = HeapyText.render(Partition.of("Class", List.of(new PartitionRow(1, 8, name))));

    assertThat(text.lines()).hasSize(3);
    assertThat(text.lines().skip(2).findFirst().orElseThrow()).hasSize(100).endsWith(name);
  }

  @Test
  void elevenRowsAreAllShownBecauseOnlyOneWouldBeLeft() {
    Partition p = Partition.of("Class", shuffledRowsOf100Bytes(11));

    // 1/11 = 9.09%; cumulative n*100/1100: 9.09 18.18 27.27 36.36 45.45 54.55 63.64 72.73 81.82 90.91 100
    assertThat(HeapyText.render(p)).isEqualTo("""
        Partition of a set of 11 objects. Total size = 1100 bytes.
         Index  Count   %     Size   % Cumulative  % Class
             0      1   9      100   9       100   9 k00
             1      1   9      100   9       200  18 k01
             2      1   9      100   9       300  27 k02
             3      1   9      100   9       400  36 k03
             4      1   9      100   9       500  45 k04
             5      1   9      100   9       600  55 k05
             6      1   9      100   9       700  64 k06
             7      1   9      100   9       800  73 k07
             8      1   9      100   9       900  82 k08
             9      1   9      100   9      1000  91 k09
            10      1   9      100   9      1100 100 k10
        """);
  }

  @Test
  void twelveRowsShowTenAndSayTwoMore() {
    Partition p = Partition.of("Class", shuffledRowsOf100Bytes(12));

    // 1/12 = 8.33%; cumulative n*100/1200: 8.33 16.67 25 33.33 41.67 50 58.33 66.67 75 83.33
    assertThat(HeapyText.render(p)).isEqualTo("""
        Partition of a set of 12 objects. Total size = 1200 bytes.
         Index  Count   %     Size   % Cumulative  % Class
             0      1   8      100   8       100   8 k00
             1      1   8      100   8       200  17 k01
             2      1   8      100   8       300  25 k02
             3      1   8      100   8       400  33 k03
             4      1   8      100   8       500  42 k04
             5      1   8      100   8       600  50 k05
             6      1   8      100   8       700  58 k06
             7      1   8      100   8       800  67 k07
             8      1   8      100   8       900  75 k08
             9      1   8      100   8      1000  83 k09
        <2 more rows: .more() shows them.>
        """);
  }

  @Test
  void theNextPageRepeatsTheHeaderWithoutTheLabelAndKeepsTheCumulativeSum() {
    Partition p = Partition.of("Class", shuffledRowsOf100Bytes(12));

    // 1100/1200 = 91.67%
    assertThat(HeapyText.page(p, 10)).isEqualTo("""
         Index  Count   %     Size   % Cumulative  % Class
            10      1   8      100   8      1100  92 k10
            11      1   8      100   8      1200 100 k11
        """);
  }

  @Test
  void thePageAfterTheLastRowSaysThereAreNoMore() {
    assertThat(HeapyText.page(Partition.of("Class", shuffledRowsOf100Bytes(12)), 12)).isEqualTo("<no more rows>\n");
    assertThatThrownBy(() -> HeapyText.page(Partition.of("Class", shuffledRowsOf100Bytes(12)), 13))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void theNextPageStartsAfterTheLastRowShown() {
    assertThat(HeapyText.nextPage(0, 11)).isEqualTo(11);
    assertThat(HeapyText.nextPage(0, 12)).isEqualTo(10);
    assertThat(HeapyText.nextPage(10, 12)).isEqualTo(12);
    assertThat(HeapyText.nextPage(10, 21)).isEqualTo(21);
    assertThat(HeapyText.nextPage(10, 22)).isEqualTo(20);
    assertThat(HeapyText.nextPage(0, 0)).isEqualTo(0);
  }

  @Test
  void aMiddlePageOfTwentyOneRowsTakesTheLastRowAlong() {
    Partition p = Partition.of("Class", shuffledRowsOf100Bytes(21));

    assertThat(HeapyText.render(p).lines()).hasSize(13).last()
        .isEqualTo("<11 more rows: .more() shows them.>");
    assertThat(HeapyText.page(p, 10).lines()).hasSize(12).last().asString().endsWith(" k20");
  }

  @Test
  void allRowsAreShownOnRequest() {
    Partition p = Partition.of("Class", shuffledRowsOf100Bytes(12));

    assertThat(HeapyText.renderAll(p).lines()).hasSize(14).last()
        .isEqualTo("    11      1   8      100   8      1200 100 k11");
  }

  @Test
  void wideNumbersPushTheColumnsRight() {
    Partition p = Partition.of("Class", List.of(new PartitionRow(10_000_763, 280_023_600, "int")));

    assertThat(HeapyText.render(p).lines().skip(2).findFirst().orElseThrow())
        .isEqualTo("     0 10000763 100 280023600 100 280023600 100 int");
  }

  @Test
  void anEmptySetHasOnlyTheLabel() {
    assertThat(HeapyText.render(Partition.of("Class", List.of())))
        .isEqualTo("Partition of a set of 0 objects. Total size = 0 bytes.\n");
  }

  @Test
  void equalSizesAreOrderedByKindName() {
    Partition p = Partition.of("Class", List.of(new PartitionRow(1, 8, "b"), new PartitionRow(9, 8, "a"),
        new PartitionRow(1, 16, "z")));

    assertThat(p.rows()).extracting(PartitionRow::kind).containsExactly("z", "a", "b");
  }

  @Test
  void toStringIsTheFirstPageWithoutATrailingNewline() {
    Partition p = Partition.of("Class", List.of(new PartitionRow(1, 56, "Foo")));

    assertThat(p).hasToString("""
        Partition of a set of 1 object. Total size = 56 bytes.
         Index  Count   %     Size   % Cumulative  % Class
             0      1 100       56 100        56 100 Foo""");
  }

  /** Rows k00, k01, ... of one object and 100 bytes each, in a shuffled order. */
  private static List<PartitionRow> shuffledRowsOf100Bytes(int n) {
    List<PartitionRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new PartitionRow(1, 100, String.format("k%02d", i)));
    }
    Collections.shuffle(rows, new Random(42));
    return rows;
  }
}
