package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden layouts of heapy's identity partition ({@code .byid}); every expected number is computed by hand. */
class IdPartitionTextTest {
  @Test
  void heapysOwnSingleObjectRunIsReproducedExactly() {
    IdPartition p = IdPartition.of("__main__.Node", "Address", List.of(new IdRow(56, "0x7f5ede299d10")));

    assertThat(HeapyText.render(p)).isEqualTo("""
        Set of 1 <__main__.Node> object. Total size = 56 bytes.
         Index     Size   %   Cumulative  %   Address
             0       56 100.0        56 100.0 0x7f5ede299d10
        """);
  }

  @Test
  void oneDecimalPercentagesRoundTheBinaryValueHalfToEvenLikePython() {
    // Total 2000 bytes. size*100.0/2000 as doubles, then Python's '%5.1f' on the exact binary value:
    //   1975 -> 98.75 exactly, a true tie: half to even gives 98.8
    //      9 -> 0.45 is 0.45000000000000001110 -> 0.5
    //      7 -> 0.35 is 0.34999999999999997780 -> 0.3
    //      5 -> 0.25 exactly, a true tie: half to even gives 0.2
    //      3 -> 0.15 is 0.14999999999999999445 -> 0.1
    //      1 -> 0.05 is 0.05000000000000000278 -> 0.1
    // cumulative 1984 -> 99.2; 1991 -> 99.55 is 99.54999999999999715783 -> 99.5; 1996 -> 99.8;
    //            1999 -> 99.95 is 99.95000000000000284217 -> 100.0; 2000 -> 100.0
    // (Java's String.format("%.1f") rounds the shortest decimal half up: 0.2, 0.3, 0.4 and 99.6 for
    // 0.15, 0.25, 0.35 and 99.55, which is why the renderer uses BigDecimal.)
    IdPartition p = IdPartition.of("byte[]", "Address", List.of(new IdRow(1975, "a"), new IdRow(9, "b"),
        new IdRow(7, "c"), new IdRow(5, "d"), new IdRow(3, "e"), new IdRow(1, "f")));

    assertThat(HeapyText.render(p)).isEqualTo("""
        Set of 6 <byte[]> objects. Total size = 2000 bytes.
         Index     Size   %   Cumulative  %   Address
             0     1975  98.8      1975  98.8 a
             1        9   0.5      1984  99.2 b
             2        7   0.3      1991  99.5 c
             3        5   0.2      1996  99.8 d
             4        3   0.1      1999 100.0 e
             5        1   0.1      2000 100.0 f
        """);
  }

  @Test
  void percentOneDecimalIsHalfEvenOfTheBinaryValue() {
    assertThat(HeapyText.percentOneDecimal(1, 2000)).hasToString("0.1");  // 0.05 is a little above
    assertThat(HeapyText.percentOneDecimal(3, 2000)).hasToString("0.1");  // 0.15 is a little below
    assertThat(HeapyText.percentOneDecimal(5, 2000)).hasToString("0.2");  // 0.25 is exact: to even
    assertThat(HeapyText.percentOneDecimal(15, 2000)).hasToString("0.8"); // 0.75 is exact: to even
    assertThat(HeapyText.percentOneDecimal(1, 3)).hasToString("33.3");
    assertThat(HeapyText.percentOneDecimal(2, 3)).hasToString("66.7");
    assertThat(HeapyText.percentOneDecimal(7, 0)).hasToString("0.0");
  }

  @Test
  void aMixedSetSaysMixedAndKeepsTheCallersOrder() {
    IdPartition p = IdPartition.mixed("Brief", List.of(new IdRow(16, "java.lang.Integer: 7"),
        new IdRow(24, "java.lang.String: \"abc\""), new IdRow(16, "java.lang.Long: 9")));

    // 16/56 = 28.57 -> 28.6; 24/56 = 42.86 -> 42.9; cumulative 40/56 = 71.43 -> 71.4
    assertThat(HeapyText.render(p)).isEqualTo("""
        Set of 3 <mixed> objects. Total size = 56 bytes.
         Index     Size   %   Cumulative  %   Brief
             0       16  28.6        16  28.6 java.lang.Integer: 7
             1       24  42.9        40  71.4 java.lang.String: "abc"
             2       16  28.6        56 100.0 java.lang.Long: 9
        """);
    assertThat(p.kind()).isEmpty();
  }

  @Test
  void aLongRepresentationWrapsAtAWordThenALongWordIsBrokenMidWord() {
    String lorem = "'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
        + " incididunt ut labore'";
    String array = "0x00000007ffe1c2a0*" + "1234567890".repeat(7);
    IdPartition p = IdPartition.of("java.lang.Object", "Representation", List.of(new IdRow(72, lorem),
        new IdRow(24, array)));

    // 62 columns are left after the 38-column prefix: the first row breaks after "sed" (column 99);
    // the second representation (89 characters) does not fit, so the prefix stands alone and the
    // word is cut at 62 columns on each following line.
    assertThat(HeapyText.render(p)).isEqualTo("""
        Set of 2 <java.lang.Object> objects. Total size = 96 bytes.
         Index     Size   %   Cumulative  %   Representation
             0       72  75.0        72  75.0 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed
                                              do eiusmod tempor incididunt ut labore'
             1       24  25.0        96 100.0
                                              0x00000007ffe1c2a0*1234567890123456789012345678901234567890123
                                              456789012345678901234567890
        """);
  }

  @Test
  void twelveRowsShowTenAndSayTwoMoreAndTheNextPageKeepsTheCumulativeSum() {
    IdPartition p = IdPartition.of("java.lang.Long", "Address", rowsOf100Bytes(12));

    // 100/1200 = 8.33 -> 8.3; cumulative n/12: 16.7 25.0 33.3 41.7 50.0 58.3 66.7 75.0 83.3, 91.7 100.0
    assertThat(HeapyText.render(p)).isEqualTo("""
        Set of 12 <java.lang.Long> objects. Total size = 1200 bytes.
         Index     Size   %   Cumulative  %   Address
             0      100   8.3       100   8.3 0x00
             1      100   8.3       200  16.7 0x01
             2      100   8.3       300  25.0 0x02
             3      100   8.3       400  33.3 0x03
             4      100   8.3       500  41.7 0x04
             5      100   8.3       600  50.0 0x05
             6      100   8.3       700  58.3 0x06
             7      100   8.3       800  66.7 0x07
             8      100   8.3       900  75.0 0x08
             9      100   8.3      1000  83.3 0x09
        <2 more rows: .more() shows them.>
        """);
    assertThat(HeapyText.page(p, 10)).isEqualTo("""
         Index     Size   %   Cumulative  %   Address
            10      100   8.3      1100  91.7 0x10
            11      100   8.3      1200 100.0 0x11
        """);
  }

  @Test
  void elevenRowsAreAllShownAndRenderAllShowsEveryRow() {
    assertThat(HeapyText.render(IdPartition.of("X", "Address", rowsOf100Bytes(11))).lines()).hasSize(13);
    assertThat(HeapyText.renderAll(IdPartition.of("X", "Address", rowsOf100Bytes(25))).lines()).hasSize(27).last()
        .isEqualTo("    24      100   4.0      2500 100.0 0x24");
  }

  @Test
  void anEmptySetHasOnlyTheLabel() {
    assertThat(HeapyText.render(IdPartition.of("java.lang.String", "Representation", List.of())))
        .isEqualTo("Set of 0 <java.lang.String> objects. Total size = 0 bytes.\n");
  }

  @Test
  void aPageStartPastTheEndIsRejected() {
    IdPartition p = IdPartition.of("X", "Address", rowsOf100Bytes(3));

    assertThatThrownBy(() -> HeapyText.page(p, 4)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("page start 4 of 3 rows");
    assertThat(HeapyText.page(p, 3)).isEqualTo("<no more rows>\n");
  }

  @Test
  void toStringIsTheFirstPageWithoutATrailingNewlineAndTheTableHasOneRowPerObject() {
    IdPartition p = IdPartition.of("java.lang.Long", "Address", List.of(new IdRow(24, "0x10"), new IdRow(24, "0x28")));

    assertThat(p).hasToString("""
        Set of 2 <java.lang.Long> objects. Total size = 48 bytes.
         Index     Size   %   Cumulative  %   Address
             0       24  50.0        24  50.0 0x10
             1       24  50.0        48 100.0 0x28""");
    assertThat(p.toTable().toCsv()).isEqualTo("index,size,representation\r\n0,24,0x10\r\n1,24,0x28\r\n");
  }

  @Test
  void aNegativeSizeIsRejected() {
    assertThatThrownBy(() -> new IdRow(-1, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Rows of 100 bytes each, represented as 0x00, 0x01, ... */
  static List<IdRow> rowsOf100Bytes(int n) {
    List<IdRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new IdRow(100, String.format("0x%02d", i)));
    }
    return rows;
  }
}
