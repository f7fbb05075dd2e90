package dev.heapdiff.cli;

import static dev.heapdiff.cli.CommandRun.heapdiff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapThread;
import dev.heapdiff.hprof.RootKind;
import dev.heapdiff.testdata.ChildJvm;
import dev.heapdiff.testdata.workload.Population;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code heapdiff show} on a real dump of {@link Population}, checked against the reader's own
 * per-class counts (computed here from {@link HeapGraph}) and against what the workload created.
 */
class ShowCommandTest {
  private static final String ORDER = "dev.heapdiff.testdata.workload.Order";
  private static final String DUMP_CALL = "com.sun.management.internal.HotSpotDiagnostic";

  @TempDir static Path dir;
  static Path dump;
  static Map<String, long[]> expected;
  static long liveObjects;
  static long liveBytes;
  static long firstLiveId;

  @BeforeAll
  static void dumpThePopulation() throws Exception {
    ChildJvm.current().run(Population.class, 120, dir.toString(), "pop", "1");
    dump = dir.resolve("pop.hprof");
    expected = new HashMap<>();
    firstLiveId = -1;
    try (HeapGraph graph = HeapGraph.open(dump)) {
      // Live: what the roots reach, but for what only the frames of the JDK's dump call (at the top of
      // the thread that called it) hold: that call's own objects, not the program's.
      List<GcRoot> roots = graph.roots();
      Map<Integer, Integer> dumpCallFrames = new HashMap<>();
      for (HeapThread t : graph.threads()) {
        int k = 0;
        while (k < t.frames().size() && t.frames().get(k).className().equals(DUMP_CALL)) {
          k++;
        }
        if (k > 0) {
          dumpCallFrames.put(t.serial(), k - 1);
        }
      }
      assertThat(dumpCallFrames).as("Population dumps itself with HotSpotDiagnosticMXBean").hasSize(1);
      long[] live = graph.reachableWithout(object -> false, r -> {
        GcRoot root = roots.get(r);
        Integer deepest = dumpCallFrames.get(root.threadSerial());
        return deepest != null && root.frame() >= 0 && root.frame() <= deepest
            && (root.kind() == RootKind.JAVA_FRAME || root.kind() == RootKind.JNI_LOCAL);
      });
      int liveCount = 0;
      for (int i = 0; i < graph.objectCount(); i++) {
        liveCount += (live[i >>> 6] & (1L << i)) != 0 ? 1 : 0;
      }
      // JDK 17's dumpHeap holds a lambda of its own (1 object); JDK 25's nothing only it holds.
      assertThat(graph.reachableCount() - liveCount).as("the dump call's own objects").isBetween(0, 5);
      for (int i = 0; i < graph.objectCount(); i++) {
        if ((live[i >>> 6] & (1L << i)) != 0) {
          long[] row = expected.computeIfAbsent(graph.classOf(i).name(), k -> new long[2]);
          row[0]++;
          row[1] += graph.shallowSize(i);
          liveBytes += graph.shallowSize(i);
          if (firstLiveId == -1 || Long.compareUnsigned(graph.id(i), firstLiveId) < 0) {
            firstLiveId = graph.id(i); // the smallest live id
          }
        }
      }
      liveObjects = liveCount;
    }
  }

  @Test
  void textShowsTheLabelHeaderTenRowsAndHowManyMore() {
    CommandRun run = heapdiff("show", dump.toString());

    assertThat(run.exitCode()).as("%s", run).isZero();
    List<String> lines = run.outLines();
    assertThat(lines.get(0)).isEqualTo("Partition of a set of " + liveObjects + " objects. Total size = "
        + liveBytes + " bytes.");
    assertThat(lines.get(1)).isEqualTo(" Index  Count   %     Size   % Cumulative  % Class");
    assertThat(HeapyRows.parse(lines)).hasSize(10);
    assertThat(lines).last().isEqualTo("<" + (expected.size() - 10) + " more rows; --all prints every row.>");
  }

  @Test
  void textWithAllHasEveryClassWithTheReadersCountsAndSizesLargestFirst() {
    CommandRun run = heapdiff("show", dump.toString(), "--all");

    assertThat(run.exitCode()).as("%s", run).isZero();
    Map<String, long[]> shown = HeapyRows.parse(run.outLines());
    assertSameRows(shown);
    long[] sizes = shown.values().stream().mapToLong(r -> r[1]).toArray();
    long[] sorted = Arrays.stream(sizes).boxed().sorted((a, b) -> Long.compare(b, a)).mapToLong(Long::longValue).toArray();
    assertThat(sizes).containsExactly(sorted);
    assertThat(run.out()).doesNotContain("more rows");
  }

  @Test
  void theWorkloadsOwnClassesHaveTheCountsItCreated() {
    Map<String, long[]> shown = HeapyRows.parse(heapdiff("show", "--all", dump.toString()).outLines());

    assertThat(shown.get(ORDER)).as("Order: 10,000 objects of 40 bytes (JDK 17 default layout)")
        .containsExactly(10_000, 400_000);
    assertThat(shown.get("dev.heapdiff.testdata.workload.Item")[0]).isEqualTo(10_000);
    assertThat(shown.get("dev.heapdiff.testdata.workload.DiscountedItem")[0]).isEqualTo(5_000);
    assertThat(shown.get("dev.heapdiff.testdata.workload.Order[]")[0]).isEqualTo(1_000);
  }

  @Test
  void csvHasAHeaderAndOneRowPerLiveClass() {
    CommandRun run = heapdiff("show", dump.toString(), "--format", "csv");

    assertThat(run.exitCode()).as("%s", run).isZero();
    String[] lines = run.out().split("\r\n");
    assertThat(lines[0]).isEqualTo("index,count,size,kind");
    assertThat(lines).hasSize(expected.size() + 1);
    Map<String, long[]> shown = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",", 4);
      assertThat(cells[0]).isEqualTo(Integer.toString(i - 1));
      shown.put(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
    }
    assertSameRows(shown);
  }

  @Test
  void idsListsEveryLiveObjectOnceInIdOrder() {
    CommandRun run = heapdiff("show", dump.toString(), "--format=ids");

    assertThat(run.exitCode()).as("%s", run).isZero();
    List<String> lines = run.outLines();
    assertThat(lines).hasSize((int) liveObjects);
    assertThat(lines.get(0)).isEqualTo("0x" + Long.toHexString(firstLiveId));
    long previous = 0; // no object has id 0
    for (String line : lines) {
      assertThat(line).startsWith("0x");
      long id = Long.parseUnsignedLong(line.substring(2), 16);
      assertThat(Long.compareUnsigned(id, previous)).as("ids in increasing order at %s", line).isPositive();
      previous = id;
    }
  }

  @Test
  void otherGroupingsPartitionTheSameObjects() {
    for (String by : List.of("size", "package", "loader", "referrers", "via")) {
      CommandRun run = heapdiff("show", dump.toString(), "--by", by);
      assertThat(run.exitCode()).as("%s", run).isZero();
      assertThat(run.outLines().get(0)).as("--by %s", by)
          .isEqualTo("Partition of a set of " + liveObjects + " objects. Total size = " + liveBytes + " bytes.");
    }
    assertThat(heapdiff("show", dump.toString(), "--by", "package").out())
        .contains(" dev.heapdiff.testdata.workload\n");
  }

  @Test
  void sizesArePlainNumbersInEveryFormatButTextWhichAlignsThem() {
    CommandRun csv = heapdiff("show", dump.toString(), "--by", "size", "--format", "csv");
    assertThat(csv.exitCode()).as("%s", csv).isZero();
    List<String> rows = csv.outLines().subList(1, csv.outLines().size());
    assertThat(rows).isNotEmpty().allMatch(l -> l.matches("[0-9]+,[0-9]+,[0-9]+,[0-9]+"));
    assertThat(heapdiff("show", dump.toString(), "--by", "size", "--format", "json").out())
        .contains("\"kind\": \"40\"}").doesNotContain("\"kind\": \" ");
    assertThat(heapdiff("show", dump.toString(), "--by", "size", "--format", "markdown").out())
        .contains(" | 40 |\n").doesNotContain("|  ");
    assertThat(heapdiff("show", dump.toString(), "--by", "size", "--format", "html").out())
        .contains(">40</td>").doesNotContain(">  ");
    // The text table keeps heapy's layout: sizes right-aligned in nine columns after the fixed part.
    List<String> text = heapdiff("show", dump.toString(), "--by", "size", "--all").outLines();
    assertThat(text.get(1)).endsWith("% Individual Size");
    assertThat(text.subList(2, text.size())).isNotEmpty()
        .allMatch(l -> l.length() == 45 + 9 && l.substring(45).strip().matches("[0-9]+"), "aligned");
    assertThat(text).anyMatch(l -> l.endsWith(String.format(" %9d", 40)));
  }

  @Test
  void jsonMarkdownAndHtmlCarryEveryRow() {
    CommandRun json = heapdiff("show", dump.toString(), "--format", "json");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out()).startsWith("{").contains("\"count\": " + liveObjects)
        .contains("\"kind\": \"" + ORDER + "\"");
    CommandRun markdown = heapdiff("show", dump.toString(), "--format", "markdown");
    assertThat(markdown.out()).contains("| " + ORDER.replace("_", "\\_") + " |");
    assertThat(markdown.outLines().stream().filter(l -> l.startsWith("| ")).count())
        .isEqualTo(expected.size() + 2); // the header and alignment rows, then a row per class
    CommandRun html = heapdiff("show", dump.toString(), "--format", "html");
    assertThat(html.out()).startsWith("<!DOCTYPE html>").contains(ORDER).doesNotContain("http://", "https://");
  }

  @Test
  void outputThatCannotBeWrittenIsAnErrorNamingWhy() {
    CommandRun run = CommandRun.heapdiffToAFullDisk("show", dump.toString(), "--all");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.err()).isEqualTo("heapdiff: cannot write the output: No space left on device\n");
  }

  @Test
  void aTruncatedDumpIsNamedWithTheOffsetWhereReadingFailed() throws Exception {
    Path truncated = dir.resolve("truncated.hprof");
    try (var in = Files.newInputStream(dump)) {
      Files.write(truncated, in.readNBytes(100_000));
    }

    CommandRun run = heapdiff("show", truncated.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("heapdiff: not a readable heap dump: " + truncated + ": at byte offset ");
  }

  private static void assertSameRows(Map<String, long[]> shown) {
    assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((name, row) -> assertThat(shown.get(name)).as("count and size of %s", name).containsExactly(row));
  }
}
