package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void aPartitionIsWrittenWithItsTotalsAndOneObjectPerRowInTableOrder() {
    Partition p = Partition.of("Class", List.of(new PartitionRow(1, 72, "list"), new PartitionRow(1, 28, "int"),
        new PartitionRow(1, 248, "dict (no owner)")));

    // the same whole-number percentages as heapy's text: 33, 71 / 21 / 8, 71 / 92 / 100
    assertThat(Json.render(p)).isEqualTo("""
        {
          "label": "Partition of a set of 3 objects. Total size = 348 bytes.",
          "count": 3,
          "size": 348,
          "kindHeader": "Class",
          "rows": [
            {"index": 0, "count": 1, "countPercent": 33, "size": 248, "sizePercent": 71, \
        "cumulative": 248, "cumulativePercent": 71, "kind": "dict (no owner)"},
            {"index": 1, "count": 1, "countPercent": 33, "size": 72, "sizePercent": 21, \
        "cumulative": 320, "cumulativePercent": 92, "kind": "list"},
            {"index": 2, "count": 1, "countPercent": 33, "size": 28, "sizePercent": 8, \
        "cumulative": 348, "cumulativePercent": 100, "kind": "int"}
          ]
        }
        """);
  }

  @Test
  void aPartitionParsesBackWithEveryRowAndTheKeysInOrder() {
    List<PartitionRow> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(new PartitionRow(i + 1, 1000L * i, "k" + i));
    }
    Partition p = Partition.of("Class", rows);

    Map<String, Object> json = JsonParser.asObject(JsonParser.parse(Json.render(p)));

    assertThat(json.keySet()).containsExactly("label", "count", "size", "kindHeader", "rows");
    assertThat(json.get("count")).isEqualTo(new BigDecimal(p.totalCount()));
    assertThat(json.get("size")).isEqualTo(new BigDecimal(p.totalSize()));
    List<Object> parsed = JsonParser.asArray(json.get("rows"));
    assertThat(parsed).hasSize(25);
    Map<String, Object> first = JsonParser.asObject(parsed.get(0));
    assertThat(first.keySet()).containsExactly("index", "count", "countPercent", "size", "sizePercent",
        "cumulative", "cumulativePercent", "kind");
    assertThat(first.get("kind")).isEqualTo("k24");
    assertThat(JsonParser.asObject(parsed.get(24)).get("cumulativePercent")).isEqualTo(new BigDecimal(100));
  }

  @Test
  void anEmptyPartitionHasAnEmptyRowArray() {
    Map<String, Object> json = JsonParser.asObject(JsonParser.parse(Json.render(Partition.of("Class", List.of()))));

    assertThat(json.get("rows")).isEqualTo(List.of());
    assertThat(json.get("count")).isEqualTo(BigDecimal.ZERO);
  }

  @Test
  void anIdPartitionHasOneDecimalPercentagesAndNullKindWhenMixed() {
    IdPartition p = IdPartition.mixed("Brief", List.of(new IdRow(1999, "java.lang.String: \"a\""),
        new IdRow(1, "java.lang.Integer: 1")));

    // 1999/2000 = 99.95, a little above in binary -> 100.0; 1/2000 = 0.05, a little above -> 0.1
    assertThat(Json.render(p)).isEqualTo("""
        {
          "label": "Set of 2 <mixed> objects. Total size = 2000 bytes.",
          "count": 2,
          "size": 2000,
          "kind": null,
          "columnHeader": "Brief",
          "rows": [
            {"index": 0, "size": 1999, "sizePercent": 100.0, "cumulative": 1999, "cumulativePercent": 100.0, \
        "representation": "java.lang.String: \\"a\\""},
            {"index": 1, "size": 1, "sizePercent": 0.1, "cumulative": 2000, "cumulativePercent": 100.0, \
        "representation": "java.lang.Integer: 1"}
          ]
        }
        """);
    Map<String, Object> json = JsonParser.asObject(JsonParser.parse(Json.render(p)));
    assertThat(json.get("kind")).isSameAs(JsonParser.NULL);
    assertThat(JsonParser.asObject(JsonParser.asArray(json.get("rows")).get(0)).get("representation"))
        .isEqualTo("java.lang.String: \"a\"");
  }

  @Test
  void anIdPartitionOfOneKindNamesIt() {
    Map<String, Object> json = JsonParser.asObject(JsonParser.parse(
        Json.render(IdPartition.of("java.lang.Long", "Address", List.of(new IdRow(24, "0x10"))))));

    assertThat(json.keySet()).containsExactly("label", "count", "size", "kind", "columnHeader", "rows");
    assertThat(json.get("kind")).isEqualTo("java.lang.Long");
  }

  @Test
  void aTableKeepsItsColumnsAndWritesNumbersAsNumbers() {
    Table t = new Table(List.of("name", "n"), List.of(
        List.of("int", 7), List.of("long", Long.MAX_VALUE), List.of("whole double", 248.0),
        List.of("half", 0.5), List.of("nan", Double.NaN), List.of("inf", Double.NEGATIVE_INFINITY),
        List.of("big", new BigInteger("123456789012345678901234567890")), List.of("decimal", new BigDecimal("1.50")),
        List.of("atomic", new AtomicLong(-3))));

    assertThat(Json.render(t)).isEqualTo("""
        {
          "columns": ["name", "n"],
          "rows": [
            ["int", 7],
            ["long", 9223372036854775807],
            ["whole double", 248],
            ["half", 0.5],
            ["nan", null],
            ["inf", null],
            ["big", 123456789012345678901234567890],
            ["decimal", 1.50],
            ["atomic", -3]
          ]
        }
        """);
    assertThat(JsonParser.parse(Json.render(t))).isInstanceOf(Map.class);
    assertThat(Json.render(new Table(List.of("a"), List.of())))
        .isEqualTo("{\n  \"columns\": [\"a\"],\n  \"rows\": []\n}\n");
  }

  @Test
  void everyControlCharacterIsEscapedAndComesBackUnchanged() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    all.append("\u007f\"\\/ é\u2028\u2029 😀 </script>");

    String quoted = Json.quote(all.toString());

    assertThat(quoted).startsWith("\"\\u0000\\u0001").contains("\\b\\t\\n\\u000b\\f\\r", "\\u001f", "\\u007f",
        "\\\"\\\\/", "\\u2028\\u2029", "😀");
    assertThat(quoted.chars().filter(c -> c < 0x20 || c == 0x2028 || c == 0x2029)).isEmpty();
    assertThat(JsonParser.parse(quoted)).isEqualTo(all.toString());
  }

  @Test
  void unpairedSurrogatesAreEscapedSoTheTextStaysValidUtf8() {
    String broken = "a\ud800b\udc00c\ud83d";

    assertThat(Json.quote(broken)).isEqualTo("\"a\\ud800b\\udc00c\\ud83d\"");
    assertThat(JsonParser.parse(Json.quote(broken))).isEqualTo(broken);
  }

  @Test
  void kindNamesWithQuotesAndBackslashesRoundTrip() {
    String kind = "weird\"name\\with\ttabs\nand lines";
    Map<String, Object> json = JsonParser.asObject(JsonParser.parse(
        Json.render(Partition.of("Kind \"x\"", List.of(new PartitionRow(1, 8, kind))))));

    assertThat(json.get("kindHeader")).isEqualTo("Kind \"x\"");
    assertThat(JsonParser.asObject(JsonParser.asArray(json.get("rows")).get(0)).get("kind")).isEqualTo(kind);
  }

  @Test
  void theTestParserIsStrict() {
    assertThatThrownBy(() -> JsonParser.parse("\"a\nb\"")).hasMessageContaining("raw control character");
    assertThatThrownBy(() -> JsonParser.parse("[1,]")).hasMessageContaining("expected a value");
    assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key");
    assertThatThrownBy(() -> JsonParser.parse("01")).hasMessageContaining("trailing text");
  }
}
