package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void thePageHasTheLabelAsTitleAndHeadingAndEveryRow() {
    List<PartitionRow> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(new PartitionRow(i + 1, 100L * (i + 1), "com.example.K" + i));
    }
    Partition p = Partition.of("Class", rows);

    String html = Html.render(p);

    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
        .contains("<title>" + p.label() + "</title>", "<h1>" + p.label() + "</h1>")
        .endsWith("</html>\n");
    assertThat(count(html, "<tr>")).isEqualTo(41);
    for (int i = 0; i < 40; i++) {
      assertThat(html).contains("<td class=\"t\">com.example.K" + i + "</td>");
    }
  }

  @Test
  void aRowShowsItsNumbersAndPercentagesAndSortsByExactValues() {
    Partition p = Partition.of("Class", List.of(new PartitionRow(1, 72, "list"), new PartitionRow(2, 28, "int")));

    // 1/3 = 33%, 72/100 = 72%; a percentage sorts by the amount it is a percentage of
    assertThat(Html.render(p)).contains("<tr><td class=\"n\" data-value=\"0\">0</td>"
        + "<td class=\"n\" data-value=\"1\">1</td><td class=\"n\" data-value=\"1\">33%</td>"
        + "<td class=\"n\" data-value=\"72\">72</td><td class=\"n\" data-value=\"72\">72%</td>"
        + "<td class=\"n\" data-value=\"72\">72</td><td class=\"n\" data-value=\"72\">72%</td>"
        + "<td class=\"t\">list</td></tr>");
  }

  @Test
  void headersNameTheirKeysAndTypesForSorting() {
    String html = Html.render(IdPartition.of("java.lang.Long", "Address", List.of(new IdRow(24, "0x10"))));

    assertThat(html).contains(
        "<th scope=\"col\" class=\"n\" data-key=\"size\" data-type=\"number\" aria-sort=\"none\">"
            + "<button type=\"button\">Size</button></th>",
        "<th scope=\"col\" data-key=\"representation\" data-type=\"text\" aria-sort=\"none\">"
            + "<button type=\"button\">Address</button></th>",
        "<td class=\"n\" data-value=\"24\">100.0%</td>",
        "<h1>Set of 1 &lt;java.lang.Long&gt; object. Total size = 24 bytes.</h1>");
  }

  @Test
  void markupInKindNamesIsEscapedEverywhere() {
    String evil = "<script>alert('x')</script><img src=x onerror=\"alert(1)\">&amp;";
    String html = Html.render(Partition.of(evil, List.of(new PartitionRow(1, 8, evil))));

    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
            + "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;")
        .doesNotContain("<img", "<script>alert");
    // the page's own script is the only one
    assertThat(count(html, "<script")).isEqualTo(1);
  }

  @Test
  void controlCharactersAndLoneSurrogatesBecomeReplacementCharacters() {
    assertThat(Html.escape("a\u0000b\u001bc\u007fd\ud800e\tf\n😀"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\n😀");
  }

  @Test
  void thePageLoadsNothingAndItsPolicyAllowsOnlyItsOwnInlineBlocks() {
    String html = Html.render("Numbers", new Table(List.of("name", "n"), List.of(List.of("a", 1))));

    assertThat(html).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
        .doesNotContain("src=", "href=", "@import", "url(", "@font-face");
    Matcher policy = Pattern.compile("Content-Security-Policy\" content=\"default-src 'none'; "
        + "style-src 'sha256-([A-Za-z0-9+/=]{44})'; script-src 'sha256-([A-Za-z0-9+/=]{44})'; "
        + "base-uri 'none'; form-action 'none'\"").matcher(html);
    assertThat(policy.find()).isTrue();
    assertThat(policy.group(1)).isEqualTo(sha256(between(html, "<style>", "</style>")));
    assertThat(policy.group(2)).isEqualTo(sha256(between(html, "<script>", "</script>")));
  }

  @Test
  void thePageHasDarkColoursAndATableColumnOfNumbersSortsAsNumbers() {
    String html = Html.render("Numbers", new Table(List.of("name", "n"), List.of(List.of("a", 1), List.of("b", 2.5))));

    assertThat(html).contains("prefers-color-scheme: dark", "color-scheme: light dark",
        "data-key=\"n\" data-type=\"number\"", "data-key=\"name\" data-type=\"text\"",
        "<td class=\"n\" data-value=\"2.5\">2.5</td>");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static String sha256(String text) {
    try {
      return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
