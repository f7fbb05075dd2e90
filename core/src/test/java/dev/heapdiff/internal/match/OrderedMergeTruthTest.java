package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.internal.Analysis;
import dev.heapdiff.internal.Bits;
import dev.heapdiff.testdata.truth.GroundTruthCase;
import dev.heapdiff.testdata.truth.IdForm;
import dev.heapdiff.testdata.truth.Workload;
import dev.heapdiff.testdata.workload.diff.ConcurrentHashMapWork;
import dev.heapdiff.testdata.workload.diff.EqualStrings;
import dev.heapdiff.testdata.workload.diff.H2Database;
import dev.heapdiff.testdata.workload.diff.LinkedListEnds;
import dev.heapdiff.testdata.workload.diff.TreeMapRebalance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The address-order merge ({@link OrderedMerge}) scored pair by pair against ground truth: every
 * pair it confirms on order-preserving ids must be the same object (Epsilon's ids are identities),
 * and it must pair most of the objects; on random ids it must pair few (the matcher then does the
 * work). Workloads where a walk could be read one object off: runs of equal strings, a linked list
 * that lost its head and gained a tail, a tree that moved keys between entries, a map whose resize
 * copied nodes, a database.
 */
class OrderedMergeTruthTest {
  static List<Class<? extends Workload>> workloads() {
    return List.of(EqualStrings.class, LinkedListEnds.class, TreeMapRebalance.class, ConcurrentHashMapWork.class,
        H2Database.class);
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void confirmedPairsAreTheSameObjects(Class<? extends Workload> workload, @TempDir Path dir) throws Exception {
    GroundTruthCase c = GroundTruthCase.run(workload, dir);
    for (IdForm form : IdForm.values()) {
      GroundTruthCase.RewrittenPair input = c.rewritten(form);
      try (HeapGraph before = HeapGraph.open(input.before().file());
          HeapGraph after = HeapGraph.open(input.after().file())) {
        long[] liveAfter = Analysis.of(after).live();
        long[] liveBefore = Analysis.of(before).live();
        OrderedMerge merge = OrderedMerge.run(after, liveAfter, before, liveBefore, new ClassPairing(after, before));
        int pairs = 0;
        int wrong = 0;
        long[] afterIds = new long[Bits.count(liveAfter)];
        int[] partners = new int[afterIds.length];
        int n = 0;
        for (int x = Bits.next(liveAfter, 0); x >= 0; x = Bits.next(liveAfter, x + 1)) {
          afterIds[n] = after.id(x);
          partners[n++] = merge.aToB[x];
        }
        long[] truth = c.truePartnersInBefore(form, afterIds);
        for (int k = 0; k < n; k++) {
          if (partners[k] >= 0) {
            pairs++;
            assertThat(merge.bToA[partners[k]]).isGreaterThanOrEqualTo(0);
            if (before.id(partners[k]) != truth[k]) {
              wrong++;
            }
          }
        }
        String what = workload.getSimpleName() + ", " + form + ": " + pairs + " pairs of " + n + ", " + wrong
            + " wrong";
        System.out.println(what);
        if (form == IdForm.ORDER_PRESERVING) {
          assertThat(wrong).as(what).isZero();
          assertThat(pairs).as(what).isGreaterThan(n / 2);
          long[][] expected = restByFullScans(merge, after, liveAfter, before, liveBefore);
          OrderedMerge.Rest rest = merge.rest(after, liveAfter, before, liveBefore);
          assertThat(rest.membersA).as(what + ": rest of after").containsExactlyInAnyOrder(members(expected[0]));
          assertThat(rest.membersB).as(what + ": rest of before").containsExactlyInAnyOrder(members(expected[1]));
        } else {
          assertThat(pairs).as(what).isLessThan(n / 10);
        }
      }
    }
  }

  /**
   * What {@link OrderedMerge#rest} must find, by its definition, from a scan of every reference of
   * both dumps (rest scans one): the objects without a partner, the paired objects that hold one of
   * them, the objects they hold (of a large array, the elements the evidence samples), and the
   * partners of the paired ones among these.
   */
  private static long[][] restByFullScans(OrderedMerge merge, HeapGraph a, long[] liveA, HeapGraph b, long[] liveB) {
    long[] inA = unpairedAndNeighbours(a, liveA, merge.aToB);
    long[] inB = unpairedAndNeighbours(b, liveB, merge.bToA);
    long[] addA = new long[inA.length];
    for (int y = Bits.next(inB, 0); y >= 0; y = Bits.next(inB, y + 1)) {
      if (merge.bToA[y] >= 0) {
        Bits.set(addA, merge.bToA[y]);
      }
    }
    for (int x = Bits.next(inA, 0); x >= 0; x = Bits.next(inA, x + 1)) {
      if (merge.aToB[x] >= 0) {
        Bits.set(inB, merge.aToB[x]);
      }
    }
    for (int x = Bits.next(addA, 0); x >= 0; x = Bits.next(addA, x + 1)) {
      Bits.set(inA, x);
    }
    return new long[][] {inA, inB};
  }

  private static long[] unpairedAndNeighbours(HeapGraph g, long[] live, int[] partner) {
    long[] unpaired = new long[live.length];
    for (int x = Bits.next(live, 0); x >= 0; x = Bits.next(live, x + 1)) {
      if (partner[x] < 0) {
        Bits.set(unpaired, x);
      }
    }
    long[] in = unpaired.clone();
    for (int x = Bits.next(live, 0); x >= 0; x = Bits.next(live, x + 1)) {
      boolean sampled = Bits.get(unpaired, x) && g.kind(x) == ObjectKind.OBJECT_ARRAY
          && g.referenceCount(x) > 1 && Evidence.sampleStep(g.arrayLength(x)) > 1;
      int[] targets = sampled ? g.referenceSlots(x) : new int[g.referenceCount(x)];
      if (!sampled) {
        for (int k = 0; k < targets.length; k++) {
          targets[k] = g.reference(x, k);
        }
      }
      int step = sampled ? Evidence.sampleStep(targets.length) : 1;
      for (int k = 0; k < targets.length; k += step) {
        int t = targets[k];
        if (t < 0 || !Bits.get(live, t)) {
          continue;
        }
        if (Bits.get(unpaired, x)) {
          Bits.set(in, t);
        } else if (Bits.get(unpaired, t)) {
          Bits.set(in, x);
        }
      }
    }
    return in;
  }

  private static Integer[] members(long[] bits) {
    List<Integer> out = new ArrayList<>();
    for (int x = Bits.next(bits, 0); x >= 0; x = Bits.next(bits, x + 1)) {
      out.add(x);
    }
    return out.toArray(Integer[]::new);
  }
}
