package dev.heapdiff.cli;

import static dev.heapdiff.cli.CommandRun.heapdiff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.testdata.truth.Collector;
import dev.heapdiff.testdata.truth.DumpPair;
import dev.heapdiff.testdata.truth.TwoDumps;
import dev.heapdiff.testdata.workload.Marker;
import dev.heapdiff.testdata.workload.diff.Idle;
import dev.heapdiff.testdata.workload.diff.MarkerObjects;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code heapdiff diff} on two dumps of a child JVM (G1, which moves objects between the dumps)
 * whose critical section created exactly {@link MarkerObjects#MARKERS} markers.
 */
class DiffCommandTest {
  @TempDir static Path dir;
  static DumpPair pair;

  @BeforeAll
  static void dumpTwice() throws Exception {
    pair = TwoDumps.run(Collector.G1, MarkerObjects.class, dir);
  }

  @Test
  void theNewObjectsIncludeEveryMarkerTheSectionCreated() {
    CommandRun run = heapdiff("diff", pair.before().toString(), pair.after().toString(), "--format", "csv");
    assertThat(run.exitCode()).as("%s", run).isZero();
    String markerRow = run.outLines().stream().filter(l -> l.endsWith("," + Marker.class.getName()))
        .findFirst().orElseThrow();
    assertThat(markerRow.split(",")[1]).isEqualTo(String.valueOf(MarkerObjects.MARKERS));

    CommandRun text = heapdiff("diff", pair.before().toString(), pair.after().toString());
    assertThat(text.outLines().get(0)).startsWith("Partition of a set of ");
    assertThat(text.out()).contains(" " + MarkerObjects.MARKERS + " ").contains(Marker.class.getName());
    assertThat(text.err()).doesNotContain("note");
  }

  @Test
  void dumpsGivenInTheWrongOrderAreNotedAndShowWhatTheEarlierOneLost() {
    CommandRun run = heapdiff("diff", pair.after().toString(), pair.before().toString());
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.outLines().get(0)).startsWith("Partition of a set of ");
    assertThat(run.out()).doesNotContain(Marker.class.getName());
    assertThat(run.err()).contains("heapdiff: note: BEFORE (" + pair.after().getFileName() + ", written ")
        .contains("is the later dump").contains("swap the two for the new objects");

    CommandRun gone = heapdiff("diff", "--gone", pair.after().toString(), pair.before().toString(), "--format", "csv");
    assertThat(gone.exitCode()).as("%s", gone).isZero();
    assertThat(gone.out()).contains("," + Marker.class.getName());
    assertThat(gone.err()).contains("swap the two for the objects that are gone");
  }

  @Test
  void dumpsOfTwoProgramsAreNoted() throws Exception {
    DumpPair other = TwoDumps.run(Collector.G1, Idle.class, dir.resolve("idle"));
    CommandRun run = heapdiff("diff", pair.before().toString(), other.after().toString());
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.err()).contains("heapdiff: note: BEFORE and AFTER come from different JVMs (the programs they ran"
        + " (sun.java.command) differ)").doesNotContain(Idle.class.getName());
    // Two dumps of one run: no such note (nor in the first test).
    CommandRun same = heapdiff("diff", other.before().toString(), other.after().toString());
    assertThat(same.err()).doesNotContain("different JVMs");
  }

  @Test
  void idsAreObjectsOfTheLaterDumpInAddressOrder() throws Exception {
    CommandRun run = heapdiff("diff", pair.before().toString(), pair.after().toString(), "--format", "ids");
    assertThat(run.exitCode()).isZero();
    List<String> lines = run.outLines();
    assertThat(lines.size()).isGreaterThanOrEqualTo(3 * MarkerObjects.MARKERS); // markers, their names' String and byte[]
    try (HeapGraph after = HeapGraph.open(pair.after())) {
      long previous = 0; // no object has id 0
      int markers = 0;
      for (String line : lines) {
        long id = Long.parseUnsignedLong(line.substring(2), 16);
        assertThat(Long.compareUnsigned(id, previous)).isPositive();
        previous = id;
        int object = after.indexOf(id);
        assertThat(object).as(line).isNotNegative();
        if (after.classOf(object).name().equals(Marker.class.getName())) {
          markers++;
        }
      }
      assertThat(markers).isEqualTo(MarkerObjects.MARKERS);
    }
  }

  @Test
  void goneListsObjectsOfTheEarlierDumpAndNoMarker() {
    CommandRun run = heapdiff("diff", "--gone", pair.before().toString(), pair.after().toString(), "--by", "package");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.outLines().get(0)).startsWith("Partition of a set of ");
    assertThat(run.out()).doesNotContain(Marker.class.getName());
    assertThat(run.err()).doesNotContain("note");
  }

  @Test
  void theSameFileTwiceIsNotedAndNothingIsNewOrGone() {
    String after = pair.after().toString();
    String sameByAnotherName = pair.after().getParent().resolve(".").resolve(pair.after().getFileName()).toString();

    CommandRun run = heapdiff("diff", after, sameByAnotherName);
    CommandRun gone = heapdiff("diff", "--gone", after, after, "--format", "csv");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out()).isEqualTo("Partition of a set of 0 objects. Total size = 0 bytes.\n");
    assertThat(run.err()).isEqualTo("heapdiff: note: BEFORE and AFTER are the same file (" + sameByAnotherName
        + "): nothing is new.\n");
    assertThat(gone.exitCode()).as("%s", gone).isZero();
    assertThat(gone.out()).isEqualTo("index,count,size,kind\r\n");
    assertThat(gone.err()).endsWith("): nothing is gone.\n");
  }

  @Test
  void outputThatCannotBeWrittenIsAnErrorNamingWhy() {
    CommandRun run = CommandRun.heapdiffToAFullDisk("diff", pair.before().toString(), pair.after().toString(),
        "--format", "json");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.err()).isEqualTo("heapdiff: cannot write the output: No space left on device\n");
  }

  @Test
  void aMissingDumpIsNamed() {
    CommandRun run = heapdiff("diff", pair.before().toString(), dir.resolve("nope.hprof").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("nope.hprof");
  }
}
