package dev.heapdiff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Snapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small dumps the first snapshot of a JVM analyses beforehand are well-formed and differ as
 * written: its failure would be swallowed there (a warm-up is best effort), so it is checked here.
 */
class WarmUpDumpTest {
  @TempDir Path dir;

  @Test
  void thePairReadsAndTheLaterHoldsTwoMoreNodesWithTheirNamesAndALongerArray() throws Exception {
    Path earlier = dir.resolve("earlier.hprof");
    Path later = dir.resolve("later.hprof");
    WarmUpDump.write(earlier, false);
    WarmUpDump.write(later, true);
    try (Snapshot a = Heap.load(earlier); Snapshot b = Heap.load(later)) {
      assertThat(a.ofClass("warmup.Node").count()).isEqualTo(3);
      assertThat(b.ofClass("warmup.Node").count()).isEqualTo(5);
      ObjectSet fresh = b.minus(a);
      assertThat(fresh.ofClass("warmup.Node").count()).isEqualTo(2);
      assertThat(fresh.ofClass("java.lang.String").count()).isEqualTo(2);
      assertThat(fresh.ofClass("byte[]").count()).isEqualTo(2);
      assertThat(fresh.ofClass("java.lang.Object[]").count()).isEqualTo(1);
      assertThat(fresh.count()).isEqualTo(7);
      assertThat(a.minus(b).count()).as("the earlier array").isEqualTo(1);
      assertThat(fresh.byId().toString()).contains("\"node-4\"");
    }
  }
}
