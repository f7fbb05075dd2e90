package dev.heapdiff.testdata.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.workload.diff.ArrayListGrowth;
import dev.heapdiff.testdata.workload.diff.ConcurrentHashMapWork;
import dev.heapdiff.testdata.workload.diff.EqualStrings;
import dev.heapdiff.testdata.workload.diff.H2Database;
import dev.heapdiff.testdata.workload.diff.HashMapGrowth;
import dev.heapdiff.testdata.workload.diff.JacksonJson;
import dev.heapdiff.testdata.workload.diff.LinkedListEnds;
import dev.heapdiff.testdata.workload.diff.Loadable;
import dev.heapdiff.testdata.workload.diff.LruCacheEviction;
import dev.heapdiff.testdata.workload.diff.NewClasses;
import dev.heapdiff.testdata.workload.diff.NewThreads;
import dev.heapdiff.testdata.workload.diff.TreeMapRebalance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every workload under Epsilon: two dumps whose truth is what the workload says it creates. */
class WorkloadTruthTest {
  private static GroundTruth truth(Class<? extends Workload> workload) throws Exception {
    GroundTruth truth = GroundTruth.of(SharedRuns.epsilon(workload));
    System.out.println(truth);
    assertThat(truth.newIds()).isNotEmpty();
    assertThat(truth.liveBeforeCount()).isGreaterThan(10_000);
    return truth;
  }

  private static long countWithPrefix(Map<String, Integer> byClass, String prefix) {
    return byClass.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }

  @Test
  void hashMapGrowthAddsExactlyItsNodes() throws Exception {
    GroundTruth truth = truth(HashMapGrowth.class);
    assertThat(truth.newCount("java.util.HashMap$Node")).isEqualTo(HashMapGrowth.ADDED);
    assertThat(truth.newCount("java.lang.Long")).isEqualTo(HashMapGrowth.ADDED);
    assertThat(truth.newCount("java.util.HashMap$Node[]")).isEqualTo(1);
    assertThat(truth.goneByClass().get("java.util.HashMap$Node[]")).isEqualTo(1);
  }

  @Test
  void lruCacheKeepsOnlyItsNewestEntries() throws Exception {
    GroundTruth truth = truth(LruCacheEviction.class);
    assertThat(truth.newCount("java.util.LinkedHashMap$Entry")).isEqualTo(LruCacheEviction.NEW_SURVIVORS);
    assertThat(truth.goneByClass().get("java.util.LinkedHashMap$Entry")).isEqualTo(LruCacheEviction.CAPACITY / 2);
  }

  @Test
  void arrayListGrowthKeepsOnlyTheLastBackingArray() throws Exception {
    GroundTruth truth = truth(ArrayListGrowth.class);
    assertThat(truth.newCount(ArrayListGrowth.Element.class.getName())).isEqualTo(ArrayListGrowth.ADDED);
    assertThat(truth.newCount("java.lang.Object[]")).isBetween(1, 3);
    assertThat(truth.goneByClass().get("java.lang.Object[]")).isPositive();
  }

  @Test
  void linkedListChangesAtBothEnds() throws Exception {
    GroundTruth truth = truth(LinkedListEnds.class);
    assertThat(truth.newCount("java.util.LinkedList$Node")).isEqualTo(2 * LinkedListEnds.ADDED);
    assertThat(truth.goneByClass().get("java.util.LinkedList$Node")).isEqualTo(2 * LinkedListEnds.REMOVED);
  }

  @Test
  void treeMapReplacesAsManyEntriesAsItChanged() throws Exception {
    GroundTruth truth = truth(TreeMapRebalance.class);
    assertThat(truth.newCount("java.util.TreeMap$Entry")).isEqualTo(TreeMapRebalance.CHANGED);
    assertThat(truth.goneByClass().get("java.util.TreeMap$Entry")).isEqualTo(TreeMapRebalance.CHANGED);
  }

  @Test
  void concurrentHashMapAddsItsNodes() throws Exception {
    GroundTruth truth = truth(ConcurrentHashMapWork.class);
    int added = truth.newCount("java.util.concurrent.ConcurrentHashMap$Node");
    int gone = truth.goneByClass().get("java.util.concurrent.ConcurrentHashMap$Node");
    assertThat(added).as("resizing copies nodes").isGreaterThan(ConcurrentHashMapWork.ADDED);
    assertThat(added - gone).isEqualTo(ConcurrentHashMapWork.ADDED - ConcurrentHashMapWork.REMOVED);
    assertThat(truth.newCount("java.lang.Long")).isEqualTo(ConcurrentHashMapWork.ADDED + ConcurrentHashMapWork.REPLACED);
    assertThat(truth.newCount("java.util.concurrent.ConcurrentHashMap$Node[]")).isEqualTo(1);
  }

  @Test
  void equalStringsAreNewByIdentityNotByContent() throws Exception {
    GroundTruth truth = truth(EqualStrings.class);
    assertThat(truth.newCount("java.lang.String")).isBetween(EqualStrings.ADDED, EqualStrings.ADDED + 10);
    assertThat(truth.newCount("byte[]")).isBetween(EqualStrings.ADDED / 2, EqualStrings.ADDED / 2 + 10);
    assertThat(truth.goneByClass().get("java.lang.String")).isEqualTo(EqualStrings.BEFORE / 4);
  }

  @Test
  void newThreadsAreNewThreadObjects() throws Exception {
    GroundTruth truth = truth(NewThreads.class);
    assertThat(truth.newCount("java.lang.Thread")).isEqualTo(NewThreads.THREADS);
    assertThat(truth.newCount(NewThreads.Task.class.getName())).isEqualTo(NewThreads.THREADS);
  }

  @Test
  void newClassesAreNewClassObjects() throws Exception {
    GroundTruth truth = truth(NewClasses.class);
    assertThat(truth.newClassNames()).containsAll(NewClasses.JDK_CLASSES);
    assertThat(truth.newClassNames().stream().filter(Loadable.class.getName()::equals)).hasSize(NewClasses.LOADERS);
    assertThat(truth.newCount(Loadable.class.getName())).isEqualTo(NewClasses.LOADERS);
    assertThat(truth.newCount(NewClasses.class.getName() + "$FreshLoader")).isEqualTo(NewClasses.LOADERS);
  }

  @Test
  void h2SectionCreatesH2Objects() throws Exception {
    GroundTruth truth = truth(H2Database.class);
    assertThat(countWithPrefix(truth.newByClass(), "org.h2.")).isGreaterThan(H2Database.ADDED);
    assertThat(truth.newByClass()).containsKey("org.h2.value.ValueVarchar");
  }

  @Test
  void jacksonSectionCreatesJacksonObjects() throws Exception {
    GroundTruth truth = truth(JacksonJson.class);
    assertThat(truth.newCount(JacksonJson.Order.class.getName())).isEqualTo(JacksonJson.ORDERS);
    assertThat(truth.newCount("com.fasterxml.jackson.databind.node.ObjectNode")).isGreaterThanOrEqualTo(JacksonJson.ORDERS);
    assertThat(countWithPrefix(truth.newByClass(), "com.fasterxml.jackson.")).isGreaterThan(2L * JacksonJson.ORDERS);
  }
}
