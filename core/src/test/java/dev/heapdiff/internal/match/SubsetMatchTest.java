package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.Bits;
import dev.heapdiff.internal.LiveObjects;
import dev.heapdiff.testdata.truth.GroundTruthCase;
import dev.heapdiff.testdata.truth.IdForm;
import dev.heapdiff.testdata.truth.Workload;
import dev.heapdiff.testdata.workload.diff.HashMapGrowth;
import dev.heapdiff.testdata.workload.diff.LinkedListEnds;
import dev.heapdiff.testdata.workload.diff.LruCacheEviction;
import dev.heapdiff.testdata.workload.diff.TreeMapRebalance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matcher on sides of some objects only ({@link Matching#matchSubsets}). With every live object
 * as a member, in another order than the graph's, it must pair exactly as on whole sides: every
 * index it uses goes through the side's translation. On the objects the whole matching left
 * unmatched with their neighbours, the neighbours' pairs given, it keeps those pairs and leaves the
 * objects the workload created without a partner.
 */
class SubsetMatchTest {
  /**
   * Workloads where the index order breaks ties between candidates of equal evidence: a TreeMap's
   * rebalancing leaves a few entries with two equally good partners (measured: 16 to 47 of 42,000
   * objects get another partner when the members are in another order, about half of them right
   * either way).
   */
  private static final Set<Class<? extends Workload>> ORDER_BREAKS_TIES = Set.of(TreeMapRebalance.class);

  private static Path dir;
  private static GroundTruthCase hashMap;
  private static GroundTruthCase treeMap;
  private static GroundTruthCase lru;
  private static GroundTruthCase linked;

  @BeforeAll
  static void runWorkloads() throws Exception {
    dir = Files.createTempDirectory("heapdiff-subset-");
    hashMap = GroundTruthCase.run(HashMapGrowth.class, dir);
    treeMap = GroundTruthCase.run(TreeMapRebalance.class, dir);
    lru = GroundTruthCase.run(LruCacheEviction.class, dir);
    linked = GroundTruthCase.run(LinkedListEnds.class, dir);
  }

  @AfterAll
  static void deleteDumps() throws Exception {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Class<? extends Workload> w : List.of(HashMapGrowth.class, LruCacheEviction.class, LinkedListEnds.class,
        TreeMapRebalance.class)) {
      for (IdForm form : IdForm.values()) {
        out.add(Arguments.of(w, form));
      }
    }
    return out;
  }

  private static GroundTruthCase groundTruth(Class<? extends Workload> workload) {
    return workload == HashMapGrowth.class ? hashMap : workload == TreeMapRebalance.class ? treeMap
        : workload == LruCacheEviction.class ? lru : linked;
  }

  /** The two dumps of a case, the later one first (as a snapshot's {@code minus} matches them), and their live sets. */
  private record Dumps(HeapGraph first, long[] liveFirst, HeapGraph second, long[] liveSecond) implements
      AutoCloseable {
    static Dumps of(GroundTruthCase c, IdForm form) throws Exception {
      GroundTruthCase.RewrittenPair pair = c.rewritten(form);
      HeapGraph after = HeapGraph.open(pair.after().file());
      HeapGraph before = HeapGraph.open(pair.before().file());
      return new Dumps(after, LiveObjects.compute(after), before, LiveObjects.compute(before));
    }

    /** The matching of all live objects, as {@code {firstToSecond, secondToFirst}}. */
    int[][] whole() {
      Matching m = Matching.whole(first, liveFirst, second, liveSecond);
      int[][] out = {new int[first.objectCount()], new int[second.objectCount()]};
      for (int i = 0; i < out[0].length; i++) {
        out[0][i] = m.partner(first, i);
      }
      for (int i = 0; i < out[1].length; i++) {
        out[1][i] = m.partner(second, i);
      }
      return out;
    }

    @Override
    public void close() throws Exception {
      first.close();
      second.close();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyLiveObjectAsMemberPairsAsTheWholeSides(Class<? extends Workload> workload, IdForm form)
      throws Exception {
    try (Dumps d = Dumps.of(groundTruth(workload), form)) {
      int[][] whole = d.whole();
      int[] first = live(d.liveFirst);
      int[] second = live(d.liveSecond);
      // The live objects in the graph's order, in id order, and backwards: local indexes unlike the graph's.
      int[][][] runs = {
          Matching.matchSubsets(d.first, d.liveFirst, first, null, d.second, d.liveSecond, second, null, null),
          Matching.matchSubsets(d.first, d.liveFirst, byId(d.first, first), null, d.second, d.liveSecond,
              reversed(second), null, null),
          Matching.matchSubsets(d.first, d.liveFirst, reversed(first), null, d.second, d.liveSecond,
              byId(d.second, second), null, null)};
      int pairs = pairs(whole[0]);
      assertThat(pairs).as("pairs of %s, %s ids", workload.getSimpleName(), form).isGreaterThan(10_000);
      for (int r = 0; r < runs.length; r++) {
        int differ = differ(whole[0], runs[r][0]) + differ(whole[1], runs[r][1]);
        System.out.printf("%s, %s ids, members in order %d: %,d pairs, %d partners differ%n",
            workload.getSimpleName(), form, r, pairs, differ);
        oneToOne(runs[r][0], runs[r][1], d.liveFirst, d.liveSecond);
        if (r == 0 || !ORDER_BREAKS_TIES.contains(workload)) {
          assertThat(runs[r][0]).as("order %d", r).isEqualTo(whole[0]);
          assertThat(runs[r][1]).as("order %d", r).isEqualTo(whole[1]);
        } else {
          // Both partners of a few objects counted, from either side.
          assertThat(differ).as("order %d", r).isLessThanOrEqualTo(4 * pairs / 1000);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void leftoversWithTheirNeighboursPaired(Class<? extends Workload> workload, IdForm form) throws Exception {
    GroundTruthCase c = groundTruth(workload);
    try (Dumps d = Dumps.of(c, form)) {
      int[][] whole = d.whole();
      long[] leftFirst = Bits.filter(d.liveFirst, i -> whole[0][i] < 0);
      long[] leftSecond = Bits.filter(d.liveSecond, i -> whole[1][i] < 0);
      long[] nearFirst = neighbours(d.first, d.liveFirst, leftFirst);
      long[] nearSecond = neighbours(d.second, d.liveSecond, leftSecond);
      // Members: the leftovers, their neighbours, and the partners of the other side's neighbours.
      long[] inFirst = Bits.or(leftFirst, Bits.or(nearFirst, partners(nearSecond, whole[1], d.first)));
      long[] inSecond = Bits.or(leftSecond, Bits.or(nearSecond, partners(nearFirst, whole[0], d.second)));
      int[] membersFirst = reversed(live(inFirst));
      int[] membersSecond = live(inSecond);
      MatchSide.IntList preset = new MatchSide.IntList(1024);
      for (int x : membersFirst) {
        int y = whole[0][x];
        if (y >= 0) {
          assertThat(Bits.get(inSecond, y)).isTrue();
          preset.add(x);
          preset.add(y);
        }
      }
      assertThat(preset.size).isPositive();
      int[][] subset = Matching.matchSubsets(d.first, d.liveFirst, membersFirst,
          popular(d.first, d.liveFirst, membersFirst), d.second, d.liveSecond, membersSecond,
          popular(d.second, d.liveSecond, membersSecond), preset.toArray());

      for (int k = 0; k < preset.size; k += 2) {
        assertThat(subset[0][preset.data[k]]).isEqualTo(preset.data[k + 1]);
      }
      oneToOne(subset[0], subset[1], inFirst, inSecond);
      // What the workload created (true partner none): left without one, as the whole matching left it.
      long[] ids = new long[membersFirst.length];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = d.first.id(membersFirst[k]);
      }
      long[] truePartners = c.truePartnersInBefore(form, ids);
      int created = 0;
      int createdPaired = 0;
      int createdPairedWhole = 0;
      int madeHere = 0;
      for (int k = 0; k < membersFirst.length; k++) {
        int x = membersFirst[k];
        if (whole[0][x] < 0 && subset[0][x] >= 0) {
          madeHere++;
        }
        if (truePartners[k] == -1) {
          created++;
          createdPaired += subset[0][x] >= 0 ? 1 : 0;
          createdPairedWhole += whole[0][x] >= 0 ? 1 : 0;
        }
      }
      System.out.printf("%s, %s ids: %,d + %,d members, %,d preset pairs, %,d pairs made among %,d + %,d"
              + " leftovers; %,d created, %,d of them paired (%,d by the whole matching)%n",
          workload.getSimpleName(), form, membersFirst.length, membersSecond.length, preset.size / 2, madeHere,
          Bits.count(leftFirst), Bits.count(leftSecond), created, createdPaired, createdPairedWhole);
      assertThat(created).isGreaterThan(100);
      // A created object held in place by a preset pair may be paired where the order refused it in the
      // whole matching (the order is on from the start here): one in a thousand at most.
      assertThat(createdPaired).isLessThanOrEqualTo(createdPairedWhole + created / 1000 + 1);
      // The neighbours are as the whole matching left them: the leftovers stay (nearly all) unpaired.
      assertThat(madeHere).isLessThanOrEqualTo(Bits.count(leftFirst) / 100 + 2);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aPresetPairOfObjectsNotMembersIsRefused(Class<? extends Workload> workload, IdForm form) throws Exception {
    if (workload != HashMapGrowth.class) {
      return;
    }
    try (Dumps d = Dumps.of(groundTruth(workload), form)) {
      int[] first = live(d.liveFirst);
      int[] second = live(d.liveSecond);
      int[] notAll = Arrays.copyOf(first, first.length - 1);
      assertThatThrownBy(() -> Matching.matchSubsets(d.first, d.liveFirst, notAll, null, d.second, d.liveSecond,
          second, null, new int[] {first[first.length - 1], second[0]})).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Matching.matchSubsets(d.first, d.liveFirst, first, null, d.second, d.liveSecond,
          second, null, new int[] {first[0], second[0], first[1], second[0]}))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Each pair seen from both sides, and objects that are not members without a partner. */
  private static void oneToOne(int[] firstToSecond, int[] secondToFirst, long[] inFirst, long[] inSecond) {
    for (int x = 0; x < firstToSecond.length; x++) {
      int y = firstToSecond[x];
      if (y >= 0) {
        assertThat(Bits.get(inFirst, x) && Bits.get(inSecond, y)).isTrue();
        assertThat(secondToFirst[y]).isEqualTo(x);
      }
    }
    for (int y = 0; y < secondToFirst.length; y++) {
      int x = secondToFirst[y];
      if (x >= 0) {
        assertThat(firstToSecond[x]).isEqualTo(y);
      }
    }
  }

  /** The set bits of {@code bits}, ascending. */
  private static int[] live(long[] bits) {
    MatchSide.IntList out = new MatchSide.IntList(1024);
    for (int i = Bits.next(bits, 0); i >= 0; i = Bits.next(bits, i + 1)) {
      out.add(i);
    }
    return out.toArray();
  }

  private static int[] reversed(int[] a) {
    int[] out = new int[a.length];
    for (int k = 0; k < a.length; k++) {
      out[k] = a[a.length - 1 - k];
    }
    return out;
  }

  /** {@code objects} in the order of their ids. */
  private static int[] byId(HeapGraph graph, int[] objects) {
    return Arrays.stream(objects).boxed().sorted((p, q) -> Long.compare(graph.id(p), graph.id(q)))
        .mapToInt(Integer::intValue).toArray();
  }

  /** The live referrers and referents of {@code of} (bits over the graph) that are not in it. */
  private static long[] neighbours(HeapGraph graph, long[] live, long[] of) {
    long[] out = Bits.empty(graph.objectCount());
    for (int i = Bits.next(live, 0); i >= 0; i = Bits.next(live, i + 1)) {
      for (int t : graph.referenceSlots(i)) {
        if (t < 0 || !Bits.get(live, t)) {
          continue;
        }
        if (Bits.get(of, t)) {
          Bits.set(out, i);
        }
        if (Bits.get(of, i)) {
          Bits.set(out, t);
        }
      }
    }
    return Bits.andNot(out, of);
  }

  /** The partners (in {@code graph}) of the objects of {@code objects} that have one. */
  private static long[] partners(long[] objects, int[] partner, HeapGraph graph) {
    long[] out = Bits.empty(graph.objectCount());
    for (int i = Bits.next(objects, 0); i >= 0; i = Bits.next(objects, i + 1)) {
      if (partner[i] >= 0) {
        Bits.set(out, partner[i]);
      }
    }
    return out;
  }

  /** Per member (local index), whether more than {@link MatchSide#POPULAR} slots of live objects hold it. */
  private static long[] popular(HeapGraph graph, long[] live, int[] members) {
    int[] holders = new int[graph.objectCount()];
    for (int i = Bits.next(live, 0); i >= 0; i = Bits.next(live, i + 1)) {
      for (int t : graph.referenceSlots(i)) {
        if (t >= 0 && Bits.get(live, t)) {
          holders[t]++;
        }
      }
    }
    long[] out = Bits.empty(members.length);
    for (int k = 0; k < members.length; k++) {
      if (holders[members[k]] > MatchSide.POPULAR) {
        Bits.set(out, k);
      }
    }
    return out;
  }

  private static int differ(int[] p, int[] q) {
    int n = 0;
    for (int i = 0; i < p.length; i++) {
      n += p[i] != q[i] ? 1 : 0;
    }
    return n;
  }

  private static int pairs(int[] partner) {
    int n = 0;
    for (int p : partner) {
      n += p >= 0 ? 1 : 0;
    }
    return n;
  }
}
