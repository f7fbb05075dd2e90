package dev.heapdiff.testdata.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.workload.diff.HashMapGrowth;
import dev.heapdiff.testdata.workload.diff.LruCacheEviction;
import org.junit.jupiter.api.Test;

class WorkloadTruthTest {
  private static GroundTruth truth(Class<? extends Workload> workload) throws Exception {
    GroundTruth truth = GroundTruth.of(SharedRuns.epsilon(workload));
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

  @Test
  void lruCacheKeepsOnlyItsNewestEntries() throws Exception {
    GroundTruth truth = truth(LruCacheEviction.class);
    assertThat(truth.newCount("java.util.LinkedHashMap$Entry")).isEqualTo(LruCacheEviction.NEW_SURVIVORS);
    assertThat(truth.goneByClass().get("java.util.LinkedHashMap$Entry")).isEqualTo(LruCacheEviction.CAPACITY / 2);
  }
}
