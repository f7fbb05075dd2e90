package dev.heapdiff.hprof.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.testdata.truth.Collector;
import dev.heapdiff.testdata.truth.DumpPair;
import dev.heapdiff.testdata.truth.GroundTruth;
import dev.heapdiff.testdata.truth.IdForm;
import dev.heapdiff.testdata.truth.IdMap;
import dev.heapdiff.testdata.truth.IdRewriter;
import dev.heapdiff.testdata.truth.RewrittenDump;
import dev.heapdiff.testdata.truth.TwoDumps;
import dev.heapdiff.testdata.workload.diff.LruCacheEviction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground-truth tools of {@code testdata} seen through the reader: {@code GroundTruth}'s own
 * reachability agrees with {@link HeapGraph#isReachable}, and a rewritten dump is the same graph as
 * its original's live part, object by object through the id map.
 */
class RewrittenDumpGraphTest {
  @TempDir
  static Path dir;
  static DumpPair pair;

  @BeforeAll
  static void run() throws Exception {
    pair = TwoDumps.run(Collector.EPSILON, LruCacheEviction.class, dir);
  }

  @Test
  void groundTruthReachabilityIsTheReaders() throws Exception {
    for (Path dump : List.of(pair.before(), pair.after())) {
      try (HeapGraph graph = HeapGraph.open(dump)) {
        List<Long> reachable = new ArrayList<>();
        for (int rank = 0; rank < graph.objectCount(); rank++) {
          int i = graph.objectAtIdRank(rank);
          if (graph.isReachable(i)) {
            reachable.add(graph.id(i));
          }
        }
        assertThat(reachable.size()).as("Epsilon keeps dead objects").isLessThan(graph.objectCount());
        assertThat(GroundTruth.liveIds(dump)).as("live ids of %s", dump).containsExactly(
            reachable.stream().mapToLong(Long::longValue).toArray());
      }
    }
  }

  @Test
  void rewrittenDumpsAreTheSameGraphInBothForms() throws Exception {
    for (IdForm form : IdForm.values()) {
      RewrittenDump rewritten = IdRewriter.rewrite(pair.after(), dir.resolve("after-" + form + ".hprof"), form, 3);
      try (HeapGraph original = HeapGraph.open(pair.after()); HeapGraph copy = HeapGraph.open(rewritten.file())) {
        assertSameGraph(original, copy, rewritten.ids(), form == IdForm.ORDER_PRESERVING);
        assertThat(copy.layout().headerSize()).isEqualTo(original.layout().headerSize());
        assertThat(copy.layout().referenceSize()).isEqualTo(original.layout().referenceSize());
      }
    }
  }

  /**
   * @param addressesKept whether the copy keeps the gaps between objects, from which the reader
   *     infers the size of class mirrors (random ids do not, and on JDK 25 dumps the reader's fallback
   *     is 8 bytes per mirror short of the size gaps show)
   */
  private static void assertSameGraph(HeapGraph original, HeapGraph copy, IdMap map, boolean addressesKept) {
    assertThat(copy.objectCount()).isEqualTo(original.reachableCount());
    assertThat(copy.reachableCount()).isEqualTo(copy.objectCount());
    Map<String, Integer> histogram = new HashMap<>();
    Map<String, Integer> copyHistogram = new HashMap<>();
    long size = 0;
    long copySize = 0;
    for (int i = 0; i < original.objectCount(); i++) {
      if (!original.isReachable(i)) {
        assertThat(map.newId(original.id(i))).isEqualTo(-1L);
        continue;
      }
      long newId = map.newId(original.id(i));
      assertThat(newId).isNotEqualTo(original.id(i));
      int j = copy.indexOf(newId);
      assertThat(j).as("0x%x", original.id(i)).isNotNegative();
      assertThat(copy.kind(j)).isEqualTo(original.kind(i));
      assertThat(copy.classOf(j).name()).isEqualTo(original.classOf(i).name());
      assertThat(copy.arrayLength(j)).isEqualTo(original.arrayLength(i));
      int[] refs = original.references(i);
      long[] mapped = new long[refs.length];
      for (int k = 0; k < refs.length; k++) {
        mapped[k] = map.newId(original.id(refs[k]));
      }
      int[] copyRefs = copy.references(j);
      long[] copyIds = new long[copyRefs.length];
      for (int k = 0; k < copyRefs.length; k++) {
        copyIds[k] = copy.id(copyRefs[k]);
      }
      assertThat(copyIds).as("references of 0x%x", original.id(i)).containsExactly(mapped);
      histogram.merge(original.classOf(i).name(), 1, Integer::sum);
      copyHistogram.merge(copy.classOf(j).name(), 1, Integer::sum);
      if (addressesKept || original.kind(i) != ObjectKind.CLASS) {
        size += original.shallowSize(i);
        copySize += copy.shallowSize(j);
      }
    }
    assertThat(copyHistogram).isEqualTo(histogram);
    assertThat(copySize).as("shallow sizes").isEqualTo(size);
    assertThat(roots(copy, null)).containsExactlyInAnyOrderElementsOf(roots(original, map));
    assertThat(copy.threads()).hasSameSizeAs(original.threads());
    assertThat(copy.systemProperties()).isEqualTo(original.systemProperties());
  }

  private static List<String> roots(HeapGraph graph, IdMap map) {
    List<String> out = new ArrayList<>();
    for (GcRoot root : graph.roots()) {
      long id = graph.id(root.object());
      out.add(root.kind() + " " + (map == null ? id : map.newId(id)) + " " + root.threadSerial() + " " + root.frame());
    }
    return out;
  }
}
