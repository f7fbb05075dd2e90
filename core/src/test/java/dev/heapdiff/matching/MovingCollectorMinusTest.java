package dev.heapdiff.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Snapshot;
import dev.heapdiff.testdata.truth.Collector;
import dev.heapdiff.testdata.truth.DumpPair;
import dev.heapdiff.testdata.truth.TwoDumps;
import dev.heapdiff.testdata.workload.Marker;
import dev.heapdiff.testdata.workload.diff.Idle;
import dev.heapdiff.testdata.workload.diff.MarkerObjects;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code after.minus(before)} on dumps of collectors that move objects and reuse addresses (G1,
 * Parallel), where no ground truth exists: what the section created must all be new, and a section
 * that does nothing must leave (nearly) nothing new or gone.
 */
class MovingCollectorMinusTest {
  @TempDir Path dir;

  @Test
  void everyMarkerTheSectionMadeIsNew() throws Exception {
    for (Collector collector : List.of(Collector.G1, Collector.PARALLEL)) {
      DumpPair pair = TwoDumps.run(collector, MarkerObjects.class, dir);
      try (Snapshot before = Heap.load(pair.before()); Snapshot after = Heap.load(pair.after())) {
        ObjectSet fresh = after.minus(before);
        System.out.printf("MarkerObjects under %s: %,d new of %,d, %,d gone of %,d%n%s%n", collector.label(),
            fresh.count(), after.count(), before.minus(after).count(), before.count(), fresh.byClass());
        assertThat(fresh.ofClass(Marker.class).count()).as("%s", collector).isEqualTo(MarkerObjects.MARKERS);
        // The markers with their names (String and byte[]), the list and its array, and about 900
        // objects the JDK made for the string concatenation's first call (method handles, lambda forms).
        assertThat(fresh.count()).as("%s", collector).isBetween(3 * MarkerObjects.MARKERS + 2, 3 * MarkerObjects.MARKERS + 1500);
      }
    }
  }

  @Test
  void nothingDoneLeavesNearlyNothingNew() throws Exception {
    for (Collector collector : List.of(Collector.G1, Collector.PARALLEL)) {
      DumpPair pair = TwoDumps.run(collector, Idle.class, dir);
      try (Snapshot before = Heap.load(pair.before()); Snapshot after = Heap.load(pair.after())) {
        ObjectSet fresh = after.minus(before);
        ObjectSet gone = before.minus(after);
        System.out.printf("Idle under %s: %,d new of %,d, %,d gone of %,d%n%s%n", collector.label(), fresh.count(),
            after.count(), gone.count(), before.count(), fresh.byClass());
        // Measured: 2 new (a String and its byte[]) and 0 to 2 gone, under both collectors.
        assertThat(fresh.count()).as("%s", collector).isLessThan(20);
        assertThat(gone.count()).as("%s", collector).isLessThan(20);
      }
    }
  }
}
