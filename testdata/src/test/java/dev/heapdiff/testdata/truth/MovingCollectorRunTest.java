package dev.heapdiff.testdata.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.workload.Marker;
import dev.heapdiff.testdata.workload.diff.Idle;
import dev.heapdiff.testdata.workload.diff.MarkerObjects;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two-dump runner under collectors that move objects. Only the dumps are checked here; what a
 * matcher must find in them is asserted with the matcher (issue #4).
 */
class MovingCollectorRunTest {
  private static int count(Path dump, String className) throws Exception {
    HeapIndex index = HeapIndex.read(dump);
    int n = 0;
    for (int i = 0; i < index.objectCount(); i++) {
      if (index.className(i).equals(className)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void markersAppearOnlyInTheSecondDump() throws Exception {
    for (Collector collector : List.of(Collector.G1, Collector.PARALLEL)) {
      DumpPair pair = SharedRuns.run(collector, MarkerObjects.class);
      assertThat(count(pair.before(), Marker.class.getName())).as("%s", pair).isZero();
      assertThat(count(pair.after(), Marker.class.getName())).as("%s", pair).isEqualTo(MarkerObjects.MARKERS);
    }
  }

  @Test
  void idleRunsWriteTwoDumpsOfTheSameLiveObjects() throws Exception {
    for (Collector collector : List.of(Collector.G1, Collector.PARALLEL)) {
      DumpPair pair = SharedRuns.run(collector, Idle.class);
      HeapIndex before = HeapIndex.read(pair.before());
      HeapIndex after = HeapIndex.read(pair.after());
      // A live dump under a real collector holds (nearly) live objects only; what no dumped root
      // reaches (about 1.6% here: interned strings and other objects the JVM holds weakly) stays in.
      System.out.printf("%s: %d of %d objects of the first dump reachable%n", pair, before.live().cardinality(),
          before.objectCount());
      assertThat(before.live().cardinality()).isGreaterThan(before.objectCount() * 95 / 100);
      assertThat(Math.abs(after.objectCount() - before.objectCount())).as("%s", pair).isLessThan(100);
    }
  }
}
