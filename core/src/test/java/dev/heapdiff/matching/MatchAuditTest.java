package dev.heapdiff.matching;

import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.LiveObjects;
import dev.heapdiff.matching.MatchAudit.Verdict;
import dev.heapdiff.testdata.HprofWriter;
import dev.heapdiff.testdata.truth.GroundTruthCase;
import dev.heapdiff.testdata.truth.IdForm;
import dev.heapdiff.testdata.truth.Workload;
import dev.heapdiff.testdata.workload.diff.ConcurrentHashMapWork;
import dev.heapdiff.testdata.workload.diff.H2Database;
import dev.heapdiff.testdata.workload.diff.NewClasses;
import dev.heapdiff.testdata.workload.diff.NewThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link MatchAudit}: its verdicts on hand-made pairs of dumps where it is known what can be
 * told apart, then the audit of every workload of {@link MatcherTruthTest} in both id forms, with a
 * table of errors by verdict and the scores counting only the errors the files could have shown.
 */
class MatchAuditTest {
  private static final long OBJECT_CLASS = 0x100;
  private static final long NODE_CLASS = 0x130;
  private static final long OTHER_CLASS = 0x140;
  private static final long HOLDER_CLASS = 0x150;
  private static final List<String> TABLE = new ArrayList<>();

  @TempDir
  Path dir;

  @AfterAll
  static void printTable() {
    System.out.println(WorkloadAudit.header());
    TABLE.forEach(System.out::println);
  }

  /** A dump with classes {@code Node(next, value)}, {@code Other(next, value)} and {@code Holder} with statics A and B. */
  private HeapGraph dump(String name, long a, long b, Consumer<HprofWriter> objects) throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(NODE_CLASS, "com/example/Node").classDump(NODE_CLASS).superclass(OBJECT_CLASS)
        .field("next", OBJECT).field("value", INT).end();
    w.loadClass(OTHER_CLASS, "com/example/Other").classDump(OTHER_CLASS).superclass(OBJECT_CLASS)
        .field("next", OBJECT).field("value", INT).end();
    w.loadClass(HOLDER_CLASS, "com/example/Holder").classDump(HOLDER_CLASS).superclass(OBJECT_CLASS)
        .staticField("A", OBJECT, a).staticField("B", OBJECT, b).end();
    w.rootStickyClass(OBJECT_CLASS).rootStickyClass(NODE_CLASS).rootStickyClass(OTHER_CLASS).rootStickyClass(HOLDER_CLASS);
    objects.accept(w);
    Path file = dir.resolve(name + ".hprof");
    Files.write(file, w.finish().bytes());
    return HeapGraph.open(file);
  }

  /**
   * The verdict on the cluster of {@code after}'s object {@code id} when the matcher pairs the ids
   * {@code matcher} (after id, before id, ...) and the truth {@code truth}; every class object is
   * paired with its own id in both.
   */
  private static Verdict verdict(HeapGraph after, HeapGraph before, long id, long[] matcher, long[] truth) {
    MatchAudit audit = MatchAudit.of(after, LiveObjects.compute(after), before, LiveObjects.compute(before),
        pairing(after, before, matcher), pairing(after, before, truth));
    MatchAudit.Cluster cluster = audit.clusterOf(after.indexOf(id));
    assertThat(cluster).as("the pairings disagree on 0x%x", id).isNotNull();
    System.out.println("0x" + Long.toHexString(id) + ": " + cluster.verdict() + ", matcher minus truth "
        + cluster.matcherMinusTruth());
    return cluster.verdict();
  }

  private static int[] pairing(HeapGraph after, HeapGraph before, long[] pairs) {
    int[] out = new int[after.objectCount()];
    Arrays.fill(out, -1);
    for (long c : new long[] {OBJECT_CLASS, NODE_CLASS, OTHER_CLASS, HOLDER_CLASS}) {
      out[after.indexOf(c)] = before.indexOf(c);
    }
    for (int i = 0; i < pairs.length; i += 2) {
      out[after.indexOf(pairs[i])] = before.indexOf(pairs[i + 1]);
    }
    return out;
  }

  @Test
  void twoEqualObjectsSwappedWithTheirChainsAreIndistinguishable() throws Exception {
    // Before and after: two JNI-global nodes (value 1), each holding a leaf (value 2), at other ids.
    try (HeapGraph before = dump("before", 0, 0, w -> w.instance(0x1000, NODE_CLASS, 0x1010L, 1)
        .instance(0x1010, NODE_CLASS, 0L, 2).instance(0x1020, NODE_CLASS, 0x1030L, 1).instance(0x1030, NODE_CLASS, 0L, 2)
        .rootJniGlobal(0x1000, 1).rootJniGlobal(0x1020, 2));
        HeapGraph after = dump("after", 0, 0, w -> w.instance(0x2000, NODE_CLASS, 0x2010L, 1)
            .instance(0x2010, NODE_CLASS, 0L, 2).instance(0x2020, NODE_CLASS, 0x2030L, 1)
            .instance(0x2030, NODE_CLASS, 0L, 2).rootJniGlobal(0x2000, 1).rootJniGlobal(0x2020, 2))) {
      long[] truth = {0x2000, 0x1000, 0x2010, 0x1010, 0x2020, 0x1020, 0x2030, 0x1030};
      long[] swapped = {0x2000, 0x1020, 0x2010, 0x1030, 0x2020, 0x1000, 0x2030, 0x1010};
      assertThat(verdict(after, before, 0x2000, swapped, truth)).isEqualTo(Verdict.INDISTINGUISHABLE);
      // Swapping the heads only breaks both heads' next: the truth explains the dumps better.
      long[] headsOnly = {0x2000, 0x1020, 0x2010, 0x1010, 0x2020, 0x1000, 0x2030, 0x1030};
      assertThat(verdict(after, before, 0x2000, headsOnly, truth)).isEqualTo(Verdict.DISTINGUISHABLE);
      // And the leaves only: the heads' next again.
      long[] leavesOnly = {0x2000, 0x1000, 0x2010, 0x1030, 0x2020, 0x1020, 0x2030, 0x1010};
      assertThat(verdict(after, before, 0x2010, leavesOnly, truth)).isEqualTo(Verdict.DISTINGUISHABLE);
    }
  }

  @Test
  void swappingObjectsHeldInDifferentSlotsBreaksEdges() throws Exception {
    // Holder.A and Holder.B hold equal nodes; the matcher swaps them.
    try (HeapGraph before = dump("before", 0x1000, 0x1010, w -> w.instance(0x1000, NODE_CLASS, 0L, 1)
        .instance(0x1010, NODE_CLASS, 0L, 1));
        HeapGraph after = dump("after", 0x2000, 0x2010, w -> w.instance(0x2000, NODE_CLASS, 0L, 1)
            .instance(0x2010, NODE_CLASS, 0L, 1))) {
      long[] truth = {0x2000, 0x1000, 0x2010, 0x1010};
      assertThat(verdict(after, before, 0x2000, new long[] {0x2000, 0x1010, 0x2010, 0x1000}, truth))
          .isEqualTo(Verdict.DISTINGUISHABLE);
      // Leaving a survivor without partner: a new and a gone node and a changed Holder.A more.
      assertThat(verdict(after, before, 0x2000, new long[] {0x2010, 0x1010}, truth)).isEqualTo(Verdict.DISTINGUISHABLE);
    }
  }

  @Test
  void anEqualReplacementPairedWithWhatItReplacedIsIndistinguishable() throws Exception {
    // Before: Holder.A -> node(1) -> leaf(2). After: Holder.A -> a new node(1) holding the same leaf;
    // the old node is gone (as a resize copies a map node). Pairing the copy with the old node
    // explains the dumps with fewer changes than the truth (no new, no gone, Holder.A unchanged).
    try (HeapGraph before = dump("before", 0x1000, 0, w -> w.instance(0x1000, NODE_CLASS, 0x1010L, 1)
        .instance(0x1010, NODE_CLASS, 0L, 2));
        HeapGraph after = dump("after", 0x2000, 0, w -> w.instance(0x2000, NODE_CLASS, 0x2010L, 1)
            .instance(0x2010, NODE_CLASS, 0L, 2))) {
      long[] truth = {0x2010, 0x1010};
      assertThat(verdict(after, before, 0x2000, new long[] {0x2000, 0x1000, 0x2010, 0x1010}, truth))
          .isEqualTo(Verdict.INDISTINGUISHABLE);
    }
    // The same with a replacement of other contents: one field more changed, one node pair fewer.
    try (HeapGraph before = dump("before2", 0x1000, 0, w -> w.instance(0x1000, NODE_CLASS, 0L, 1));
        HeapGraph after = dump("after2", 0x2000, 0, w -> w.instance(0x2000, NODE_CLASS, 0L, 7))) {
      assertThat(verdict(after, before, 0x2000, new long[] {0x2000, 0x1000}, new long[0])).isEqualTo(Verdict.TRADE_OFF);
    }
    // With a replacement of another class, no history makes the pair.
    try (HeapGraph before = dump("before3", 0x1000, 0, w -> w.instance(0x1000, NODE_CLASS, 0L, 1));
        HeapGraph after = dump("after3", 0x2000, 0, w -> w.instance(0x2000, OTHER_CLASS, 0L, 1))) {
      assertThat(verdict(after, before, 0x2000, new long[] {0x2000, 0x1000}, new long[0]))
          .isEqualTo(Verdict.DISTINGUISHABLE);
    }
  }

  /** The workloads of {@link MatcherTruthTest}: about 12 s for all (the four below target alone, about 7 s). */
  static List<Class<? extends Workload>> workloads() {
    return MatcherTruthTest.workloads();
  }

  /**
   * Workload, the precision and recall it must reach with random ids when only distinguishable
   * errors count: measured (2026-11-25, JDK 17 and 25), rounded down, and for NewThreads below the
   * lowest of 18 runs on JDK 17 (six runs, three rewriting seeds each: 98.66% to 99.80%; 99.13% on
   * JDK 25), and for NewClasses below JDK 25's 99.03%. ConcurrentHashMap measured no distinguishable
   * error; H2's were most of its errors (rows paired through ValueInteger's cache) until the matcher
   * learned that a value's contents do not change (99.98% to 99.99% since, both JDKs; see README).
   * The others (at least 99.83% measured): issue 4's 99.5%.
   */
  private static final Map<Class<? extends Workload>, Double> DISTINGUISHABLE_FLOORS = Map.of(
      ConcurrentHashMapWork.class, 0.999,
      H2Database.class, 0.995,
      NewThreads.class, 0.98,
      NewClasses.class, 0.985);
  /**
   * The share of ConcurrentHashMap's random-id errors that are indistinguishable (resize copies whose
   * links and value agree with the old node's): measured 263 of 584 (JDK 17), 262 of 583 (JDK 25).
   */
  private static final double CONCURRENT_HASH_MAP_INDISTINGUISHABLE_SHARE = 0.4;

  /**
   * By hand ({@code -Dheapdiff.audit.runs=6}): where NewThreads' spread from run to run comes from.
   * Each run of the workload is rewritten with three seeds (the harness uses one fixed seed per
   * workload), the pair of the second seed matched twice (the matcher is deterministic: same result).
   */
  @Test
  @EnabledIfSystemProperty(named = "heapdiff.audit.runs", matches = "\\d+")
  void newThreadsFromRunToRun() throws Exception {
    int runs = Integer.getInteger("heapdiff.audit.runs");
    System.out.println(WorkloadAudit.header());
    for (int run = 0; run < runs; run++) {
      Path work = Files.createTempDirectory("heapdiff-audit-");
      try {
        GroundTruthCase c = GroundTruthCase.run(NewThreads.class, work);
        System.out.println("run " + run + ": " + c.truth().newByClass());
        for (long seed : new long[] {NewThreads.class.getName().hashCode(), 1, 2}) {
          Path seedDir = Files.createDirectories(work.resolve("seed" + seed));
          GroundTruthCase s = GroundTruthCase.of(c.original(), seedDir, seed);
          WorkloadAudit audit = WorkloadAudit.of("NewThreads run " + run + " seed " + seed, s, IdForm.RANDOM);
          System.out.println(audit.row());
          System.out.println(audit.details());
          if (seed == 1) {
            WorkloadAudit again = WorkloadAudit.of("NewThreads run " + run + " seed " + seed + " again", s, IdForm.RANDOM);
            System.out.println(again.row());
          }
        }
      } finally {
        try (var files = Files.walk(work)) {
          for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void errorsOfAWorkloadByVerdict(Class<? extends Workload> workload) throws Exception {
    Path work = Files.createTempDirectory("heapdiff-audit-");
    try {
      GroundTruthCase c = GroundTruthCase.run(workload, work);
      for (IdForm form : IdForm.values()) {
        WorkloadAudit audit = WorkloadAudit.of(workload.getSimpleName(), c, form);
        System.out.println(audit.row());
        System.out.println(audit.details());
        TABLE.add(audit.row());
        // The audit's truth pairing and its counts agree with the harness's score of the same prediction,
        // but for the objects of the dump call (live to the harness, not to core: missed in its score).
        assertThat(audit.newOutsideLive()).as("new objects of the dump call").isBetween(0, 4);
        assertThat(audit.truthNew() + audit.newOutsideLive()).isEqualTo(audit.score().truthCount());
        assertThat(audit.predicted()).isEqualTo(audit.score().predictedCount());
        int fp = 0;
        int fn = 0;
        for (Verdict v : Verdict.values()) {
          fp += audit.falsePositives(v);
          fn += audit.falseNegatives(v);
        }
        assertThat(fp).isEqualTo(audit.score().falsePositiveCount());
        assertThat(fn + audit.newOutsideLive()).isEqualTo(audit.score().falseNegativeCount());
        // The clusters account for every change in which the two pairings differ.
        assertThat(audit.differences()[1]).as("changes, matcher minus truth, by clusters and whole")
            .isEqualTo(audit.differences()[0]);
        double floor = form == IdForm.ORDER_PRESERVING ? 0.995 : DISTINGUISHABLE_FLOORS.getOrDefault(workload, 0.995);
        Verdict[] excused = {Verdict.INDISTINGUISHABLE, Verdict.TRADE_OFF};
        assertThat(audit.adjustedPrecision(excused)).as("precision of %s, %s, distinguishable errors only", workload,
            form).isGreaterThanOrEqualTo(floor);
        assertThat(audit.adjustedRecall(excused)).as("recall of %s, %s, distinguishable errors only", workload, form)
            .isGreaterThanOrEqualTo(floor);
        // Counting an error as right never lowers a score.
        assertThat(audit.adjustedPrecision(Verdict.INDISTINGUISHABLE)).isBetween(audit.score().precision(),
            audit.adjustedPrecision(excused));
        assertThat(audit.adjustedRecall(Verdict.INDISTINGUISHABLE)).isGreaterThanOrEqualTo(audit.score().recall());
        if (workload == ConcurrentHashMapWork.class && form == IdForm.RANDOM) {
          assertThat(audit.indistinguishableShare()).as("%s", audit.row())
              .isGreaterThanOrEqualTo(CONCURRENT_HASH_MAP_INDISTINGUISHABLE_SHARE);
        }
      }
    } finally {
      try (var files = Files.list(work)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(work);
    }
  }
}
