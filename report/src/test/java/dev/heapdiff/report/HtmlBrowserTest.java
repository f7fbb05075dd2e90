package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens generated pages in headless Chromium and checks that they really work: the rows are there,
 * markup in a class name stays text, and sorting by fragment or by clicking orders the rows.
 * Skipped where no Chromium is installed ({@code .ci/run} installs it).
 */
class HtmlBrowserTest {
  /** A class name that would run a script, and mark the page, if it were not escaped. */
  private static final String EVIL = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
  private static final Pattern KIND_CELL = Pattern.compile("<td class=\"t\">(.*?)</td>");
  private static final Path OUT = Path.of("target", "browser-test");

  private static Chromium chromium;
  private static Path page;

  @BeforeAll
  static void writePage() throws IOException {
    chromium = Chromium.find().orElse(null);
    Assumptions.assumeTrue(chromium != null, "no Chromium installed: the browser test is skipped");
    Files.createDirectories(OUT);
    page = OUT.resolve("partition.html");
    Files.writeString(page, Html.render(partition()));
  }

  /** Sizes descending 480000, 400000, 4096, 288, 72, 16; two rows with count 10000; names not in order. */
  private static Partition partition() {
    return Partition.of("Class", List.of(new PartitionRow(10000, 480000, "com.example.Order"),
        new PartitionRow(10000, 400000, "com.example.Item"), new PartitionRow(3, 72, EVIL),
        new PartitionRow(12, 288, "java.lang.String"), new PartitionRow(9, 4096, "byte[]"),
        new PartitionRow(1, 16, "Zebra")));
  }

  @Test
  void withoutAFragmentEveryRowIsShownInHeapysOrderAndMarkupStaysText() throws Exception {
    String dom = chromium.dumpDom(page, "");

    assertThat(dom).contains("<h1>Partition of a set of 20025 objects. Total size = 884472 bytes.</h1>")
        .doesNotContain("data-pwned=");
    assertThat(kinds(dom)).containsExactly("com.example.Order", "com.example.Item", "byte[]", "java.lang.String",
        escaped(EVIL), "Zebra");
  }

  @Test
  void aSizeFragmentSortsNumericallyAscending() throws Exception {
    String dom = chromium.dumpDom(page, "#sort=size:asc");

    // numerically 16 < 72 < 288 < 4096 < 400000 < 480000 (as text, "4096" would come after "400000")
    assertThat(kinds(dom)).containsExactly("Zebra", escaped(EVIL), "java.lang.String", "byte[]", "com.example.Item",
        "com.example.Order");
    assertThat(dom).contains("data-key=\"size\" data-type=\"number\" aria-sort=\"ascending\"");
  }

  @Test
  void aKindFragmentSortsByCodeUnitDescendingAndTiesKeepTheirOrder() throws Exception {
    String kindDesc = chromium.dumpDom(page, "#sort=kind:desc");
    // code units: '<' (0x3C) < 'Z' (0x5A) < 'b' < 'c' < 'j'
    assertThat(kinds(kindDesc)).containsExactly("java.lang.String", "com.example.Order", "com.example.Item", "byte[]",
        "Zebra", escaped(EVIL));
    assertThat(kindDesc).contains("data-key=\"kind\" data-type=\"text\" aria-sort=\"descending\"");

    String countDesc = chromium.dumpDom(page, "#sort=count:desc");
    // Order and Item both count 10000: they keep the table's order
    assertThat(kinds(countDesc)).containsExactly("com.example.Order", "com.example.Item", "java.lang.String",
        "byte[]", escaped(EVIL), "Zebra");
  }

  @Test
  void clickingAHeaderSortsAscendingThenDescendingAndWritesTheFragment() throws Exception {
    String kinds = "[...document.querySelectorAll('td.t')].map(td => td.textContent).join('\\n')";
    String result = chromium.evaluate(page, "(() => {"
        + " const size = document.querySelector('th[data-key=size] button');"
        + " const kind = document.querySelector('th[data-key=kind] button');"
        + " const out = [];"
        + " size.click(); out.push(location.hash, " + kinds + ");"
        + " size.click(); out.push(location.hash, " + kinds + ");"
        + " kind.click(); out.push(location.hash, " + kinds + ");"
        + " out.push(String(document.body.hasAttribute('data-pwned')));"
        + " return out.join('\\n---\\n'); })()");

    assertThat(result.split("\n---\n")).containsExactly(
        "#sort=size:asc", String.join("\n", "Zebra", EVIL, "java.lang.String", "byte[]", "com.example.Item",
            "com.example.Order"),
        "#sort=size:desc", String.join("\n", "com.example.Order", "com.example.Item", "byte[]", "java.lang.String",
            EVIL, "Zebra"),
        "#sort=kind:asc", String.join("\n", EVIL, "Zebra", "byte[]", "com.example.Item", "com.example.Order",
            "java.lang.String"),
        "false");
  }

  @Test
  void screenshotsInLightAndDarkColours() throws Exception {
    Path light = OUT.resolve("partition-light.png");
    Path dark = OUT.resolve("partition-dark.png");
    Files.deleteIfExists(light);
    Files.deleteIfExists(dark);

    chromium.screenshot(page, "#sort=size:desc", light, 1000, 420, false);
    chromium.screenshot(page, "#sort=kind:asc", dark, 1000, 420, true);

    for (Path png : List.of(light, dark)) {
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
      assertThat(bytes.length).isGreaterThan(10_000); // a drawn table, not a blank page
    }
  }

  private static List<String> kinds(String dom) {
    List<String> kinds = new ArrayList<>();
    Matcher m = KIND_CELL.matcher(dom);
    while (m.find()) {
      kinds.add(m.group(1));
    }
    return kinds;
  }

  /** How Chromium serializes the text: it escapes only &, < and > (and the no-break space). */
  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
