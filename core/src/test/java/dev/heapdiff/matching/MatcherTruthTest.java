package dev.heapdiff.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Snapshot;
import dev.heapdiff.testdata.truth.GroundTruthCase;
import dev.heapdiff.testdata.truth.IdForm;
import dev.heapdiff.testdata.truth.Score;
import dev.heapdiff.testdata.truth.Workload;
import dev.heapdiff.testdata.workload.diff.ArrayListGrowth;
import dev.heapdiff.testdata.workload.diff.ConcurrentHashMapWork;
import dev.heapdiff.testdata.workload.diff.EqualStrings;
import dev.heapdiff.testdata.workload.diff.H2Database;
import dev.heapdiff.testdata.workload.diff.HashMapGrowth;
import dev.heapdiff.testdata.workload.diff.JacksonJson;
import dev.heapdiff.testdata.workload.diff.LinkedListEnds;
import dev.heapdiff.testdata.workload.diff.LruCacheEviction;
import dev.heapdiff.testdata.workload.diff.NewClasses;
import dev.heapdiff.testdata.workload.diff.NewThreads;
import dev.heapdiff.testdata.workload.diff.TreeMapRebalance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code after.minus(before)} scored against ground truth: each workload runs once under Epsilon in a
 * child JVM, both dumps are rewritten (random ids with shuffled records; order-preserving sliding
 * ids), and the new set the matcher finds on the rewritten files is compared with the truth. The
 * levels asserted are those measured; the target of issue 4 is 99.5% for both everywhere.
 */
class MatcherTruthTest {
  /**
   * Workload, the precision and recall it must reach with random ids: what was measured, rounded
   * down (issue 4's target, 99.5%, where it is reached), and below the lowest of repeated runs where
   * the workload itself varies. NewThreads (the JDK's method-handle internals its lambda makes):
   * 97.4% to 99.5% over the runs of 2026-11-24, 99.56% to 99.93% on 2026-11-25 (JDK 17 and 25) once
   * candidates through popular referents were made symmetric. NewClasses: 99.50% to 100% on
   * 2026-11-25 (JDK 17 and 25) once an own part's changed fields weigh against a pair, three misses
   * left in about 600. H2: 99.97% to 99.98% precision, 98.86% to 98.88% recall on 2026-11-25 (JDK 17
   * and 25), rows an update replaced by a new row that differs in one value paired with the old row
   * (a trade-off in {@link MatchAudit}'s terms), 99.60% to 99.62% recall once array classes whose
   * elements never change are learned.
   */
  private static final Map<Class<? extends Workload>, Double> FLOORS = Map.ofEntries(
      Map.entry(HashMapGrowth.class, 0.995),
      Map.entry(LruCacheEviction.class, 0.995),
      Map.entry(ArrayListGrowth.class, 0.995),
      Map.entry(LinkedListEnds.class, 0.995),
      Map.entry(TreeMapRebalance.class, 0.995),
      Map.entry(ConcurrentHashMapWork.class, 0.97),
      Map.entry(EqualStrings.class, 0.995),
      Map.entry(NewThreads.class, 0.99),
      Map.entry(NewClasses.class, 0.99),
      Map.entry(H2Database.class, 0.995),
      Map.entry(JacksonJson.class, 0.995));
  /** With order-preserving ids, where address order breaks ties, every workload reaches issue 4's target. */
  private static final double ORDER_PRESERVING_FLOOR = 0.995;
  /**
   * Below that floor with order-preserving ids: NewClasses, 99.50% recall measured (three misses in
   * about 600: an {@code Inflater} with its parts, swapped for an equal new one and paired by the
   * sweep, which the address order no longer undoes since G1's dumps showed the cost; 99.83% before),
   * so at times a hair below 99.5%.
   */
  private static final Map<Class<? extends Workload>, Double> ORDER_PRESERVING_FLOORS = Map.of(NewClasses.class, 0.99);
  private static final List<String> TABLE = new ArrayList<>();

  @AfterAll
  static void printTable() {
    System.out.println("| workload | ids | new | predicted | precision | recall | match time |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    TABLE.forEach(System.out::println);
  }

  static List<Class<? extends Workload>> workloads() {
    return List.of(HashMapGrowth.class, LruCacheEviction.class, ArrayListGrowth.class, LinkedListEnds.class,
        TreeMapRebalance.class, ConcurrentHashMapWork.class, EqualStrings.class, NewThreads.class, NewClasses.class,
        H2Database.class, JacksonJson.class);
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void newObjectsOfAWorkload(Class<? extends Workload> workload) throws Exception {
    check(workload);
  }

  private static void check(Class<? extends Workload> workload) throws Exception {
    Path dir = Files.createTempDirectory("heapdiff-match-");
    try {
      GroundTruthCase c = GroundTruthCase.run(workload, dir);
      Map<IdForm, Score> scores = new EnumMap<>(IdForm.class);
      for (IdForm form : IdForm.values()) {
        GroundTruthCase.RewrittenPair input = c.rewritten(form);
        try (Snapshot before = Heap.load(input.before().file()); Snapshot after = Heap.load(input.after().file())) {
          before.count();
          after.count();
          long start = System.nanoTime();
          ObjectSet fresh = after.minus(before);
          long ms = (System.nanoTime() - start) / 1_000_000;
          long[] ids = fresh.stream().mapToLong(o -> o.id()).toArray();
          Score score = c.scoreNew(form, ids);
          System.out.println(workload.getSimpleName() + " " + form + ": " + score);
          TABLE.add(String.format("| %s | %s | %,d | %,d | %.2f%% | %.2f%% | %d ms |", workload.getSimpleName(),
              form.name().toLowerCase().replace('_', '-'), score.truthCount(), score.predictedCount(),
              100 * score.precision(), 100 * score.recall(), ms));
          scores.put(form, score);
        }
      }
      scores.forEach((form, score) -> {
        double floor = form == IdForm.ORDER_PRESERVING
            ? ORDER_PRESERVING_FLOORS.getOrDefault(workload, ORDER_PRESERVING_FLOOR) : FLOORS.get(workload);
        assertThat(score.precision()).as("precision of %s, %s ids: %s", workload.getSimpleName(), form, score)
            .isGreaterThanOrEqualTo(floor);
        assertThat(score.recall()).as("recall of %s, %s ids: %s", workload.getSimpleName(), form, score)
            .isGreaterThanOrEqualTo(floor);
      });
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
