package dev.heapdiff.testdata.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.workload.diff.HashMapGrowth;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTruthTest {
  @TempDir
  static Path dir;

  private static GroundTruth truth(Class<? extends Workload> workload) throws Exception {
    GroundTruth truth = GroundTruth.of(TwoDumps.run(Collector.EPSILON, workload, dir));
    System.out.println(truth);
    return truth;
  }

  @Test
  void hashMapGrowthAddsExactlyItsNodes() throws Exception {
    GroundTruth truth = truth(HashMapGrowth.class);
    assertThat(truth.newCount("java.util.HashMap$Node")).isEqualTo(HashMapGrowth.ADDED);
    assertThat(truth.newCount("java.lang.Long")).isEqualTo(HashMapGrowth.ADDED);
    assertThat(truth.newCount("java.util.HashMap$Node[]")).isEqualTo(1);
  }
}
