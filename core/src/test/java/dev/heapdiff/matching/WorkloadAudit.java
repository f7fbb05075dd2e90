package dev.heapdiff.matching;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.Bits;
import dev.heapdiff.internal.LiveObjects;
import dev.heapdiff.internal.match.Matching;
import dev.heapdiff.matching.MatchAudit.Cluster;
import dev.heapdiff.matching.MatchAudit.Verdict;
import dev.heapdiff.testdata.truth.GroundTruthCase;
import dev.heapdiff.testdata.truth.IdForm;
import dev.heapdiff.testdata.truth.IdMap;
import dev.heapdiff.testdata.truth.Score;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link MatchAudit} of one workload in one id form: the matcher runs on the two rewritten dumps
 * as {@code after.minus(before)} runs it (live objects as {@code core} computes them, the later dump
 * first), the truth pairs each object of {@code after} with the object of {@code before} of the same
 * original id, and the errors of the "new" set (false positives: survivors called new; false
 * negatives: new objects paired) are counted by the verdict of their cluster.
 *
 * <p>Adjusted precision and recall count an indistinguishable error as right: the truth is taken to
 * be what the matcher said for those objects, which no pairing seen only through the two files could
 * have refuted.
 */
final class WorkloadAudit {
  private final String workload;
  private final IdForm form;
  private final Score score;
  private final int predicted;
  private final int truthNew;
  /** Truly new objects that are not live as {@code core} counts them (what only the dump call's frames hold). */
  private final int newOutsideLive;
  private final int truePositives;
  private final Map<Verdict, int[]> errors = new EnumMap<>(Verdict.class); // {false positives, false negatives}
  private final int wrongPartners;
  private final long wholeDifference;
  private final long clusterDifference;
  private final int clusters;
  private final int largestCluster;
  private final Map<Verdict, Map<String, Integer>> errorsByClass = new EnumMap<>(Verdict.class);
  /** By verdict, by the kinds of change in which the matcher's pairing differs from the truth: errors and an example. */
  private final Map<Verdict, Map<String, Pattern>> patterns = new EnumMap<>(Verdict.class);

  /** Clusters whose changes differ from the truth's in the same kinds, the same way. */
  private static final class Pattern {
    int errors;
    String example;
  }

  private WorkloadAudit(String workload, IdForm form, GroundTruthCase c) throws IOException {
    this.workload = workload;
    this.form = form;
    GroundTruthCase.RewrittenPair input = c.rewritten(form);
    try (HeapGraph before = HeapGraph.open(input.before().file()); HeapGraph after = HeapGraph.open(input.after().file())) {
      long[] liveBefore = LiveObjects.compute(before);
      long[] liveAfter = LiveObjects.compute(after);
      Matching matching = Matching.of(after, liveAfter, before, liveBefore);
      int n = after.objectCount();
      long[] ids = new long[n];
      for (int a = 0; a < n; a++) {
        ids[a] = after.id(a);
      }
      long[] trueIds = c.truePartnersInBefore(form, ids);
      int[] matcher = new int[n];
      int[] truth = new int[n];
      for (int a = 0; a < n; a++) {
        matcher[a] = Bits.get(liveAfter, a) ? matching.partner(after, a) : -1;
        truth[a] = trueIds[a] < 0 ? -1 : before.indexOf(trueIds[a]);
      }
      MatchAudit audit = MatchAudit.of(after, liveAfter, before, liveBefore, matcher, truth);
      this.wholeDifference = audit.wholeDifference();
      this.clusterDifference = audit.clusterDifference();
      for (Verdict v : Verdict.values()) {
        errors.put(v, new int[2]);
        errorsByClass.put(v, new TreeMap<>());
        patterns.put(v, new TreeMap<>());
      }
      List<Long> predictedIds = new ArrayList<>();
      int newCount = 0;
      int wrong = 0;
      for (int a = 0; a < n; a++) {
        if (!Bits.get(liveAfter, a)) {
          continue;
        }
        int m = audit.matcherPartner(a);
        int t = audit.truePartner(a);
        newCount += t < 0 ? 1 : 0;
        if (m < 0) {
          predictedIds.add(ids[a]);
        }
        Cluster cluster = audit.clusterOf(a);
        if (cluster == null) {
          continue;
        }
        if (m >= 0 && t >= 0) {
          wrong++;
          continue;
        }
        Verdict v = cluster.verdict();
        errors.get(v)[m < 0 ? 0 : 1]++;
        errorsByClass.get(v).merge(after.classOf(a).name(), 1, Integer::sum);
        Pattern p = patterns.get(v).computeIfAbsent(kinds(cluster), k -> new Pattern());
        p.errors++;
        if (p.example == null) {
          p.example = describe(cluster, after, before, audit, input.after().ids(), input.before().ids());
        }
      }
      this.score = c.scoreNew(form, predictedIds.stream().mapToLong(Long::longValue).toArray());
      // Objects the harness counts live and core does not: scored as their true newness says.
      List<Long> outside = new ArrayList<>();
      for (int a = 0; a < n; a++) {
        if (!Bits.get(liveAfter, a) && truth[a] < 0) {
          outside.add(ids[a]);
        }
      }
      Score outsideScore = c.scoreNew(form, outside.stream().mapToLong(Long::longValue).toArray());
      this.newOutsideLive = outsideScore.predictedCount() - outsideScore.falsePositiveCount();
      this.predicted = predictedIds.size();
      this.truthNew = newCount;
      this.truePositives = predicted - errors.values().stream().mapToInt(e -> e[0]).sum();
      this.wrongPartners = wrong;
      this.clusters = audit.clusters().size();
      this.largestCluster = audit.clusters().stream().mapToInt(k -> k.after().length + k.before().length).max().orElse(0);
    }
  }

  /** Runs the matcher on {@code c}'s dumps rewritten in {@code form} and audits its pairing. */
  static WorkloadAudit of(String workload, GroundTruthCase c, IdForm form) throws IOException {
    return new WorkloadAudit(workload, form, c);
  }

  /** The kinds in which a cluster's changes under the matcher exceed (+) or fall short of (-) the truth's. */
  private static String kinds(Cluster cluster) {
    StringBuilder s = new StringBuilder();
    cluster.matcherMinusTruth().forEach((kind, d) -> s.append(s.length() == 0 ? "" : ", ").append(d > 0 ? "+" : "-")
        .append(kind));
    return s.toString();
  }

  private static String describe(Cluster cluster, HeapGraph after, HeapGraph before, MatchAudit audit, IdMap afterIds,
      IdMap beforeIds) {
    StringBuilder s = new StringBuilder(String.format("cluster of %d + %d objects:", cluster.after().length,
        cluster.before().length));
    for (int i = 0; i < Math.min(4, cluster.after().length); i++) {
      int a = cluster.after()[i];
      s.append(String.format(" %s 0x%x matcher %s, truth %s;", after.classOf(a).name(), afterIds.oldId(after.id(a)),
          name(before, beforeIds, audit.matcherPartner(a)), name(before, beforeIds, audit.truePartner(a))));
    }
    if (cluster.after().length > 4) {
      s.append(" …;");
    }
    return s.append(" matcher minus truth: ").append(cluster.matcherMinusTruth()).toString();
  }

  private static String name(HeapGraph before, IdMap beforeIds, int b) {
    return b < 0 ? "new" : String.format("0x%x", beforeIds.oldId(before.id(b)));
  }

  /** Returns the score of the matcher's "new" set, as {@code MatcherTruthTest} computes it. */
  Score score() {
    return score;
  }

  /** Returns the number of truly new objects, by the truth pairing of the audit. */
  int truthNew() {
    return truthNew;
  }

  /**
   * Returns the number of truly new objects that {@code core} does not count live, so that the audit
   * leaves them out and the harness's score counts them missed: what only the frames of the call
   * that wrote the dump hold (the JDK's dump call's own objects).
   */
  int newOutsideLive() {
    return newOutsideLive;
  }

  /** Returns the number of objects the matcher calls new. */
  int predicted() {
    return predicted;
  }

  /** Returns the number of false positives whose cluster has verdict {@code v}. */
  int falsePositives(Verdict v) {
    return errors.get(v)[0];
  }

  /** Returns the number of false negatives whose cluster has verdict {@code v}. */
  int falseNegatives(Verdict v) {
    return errors.get(v)[1];
  }

  /** Returns the number of errors (false positives and negatives) whose cluster has verdict {@code v}. */
  int errors(Verdict v) {
    return falsePositives(v) + falseNegatives(v);
  }

  /** Returns the number of errors of every verdict. */
  int errors() {
    return errors.values().stream().mapToInt(e -> e[0] + e[1]).sum();
  }

  /** Returns the share of errors that are indistinguishable, 1 if there are none. */
  double indistinguishableShare() {
    return errors() == 0 ? 1 : (double) errors(Verdict.INDISTINGUISHABLE) / errors();
  }

  /** Returns the precision when the errors of the verdicts {@code excused} count as right. */
  double adjustedPrecision(Verdict... excused) {
    int excusedFalsePositives = 0;
    for (Verdict v : excused) {
      excusedFalsePositives += falsePositives(v);
    }
    return predicted == 0 ? 1 : (double) (truePositives + excusedFalsePositives) / predicted;
  }

  /** Returns the recall when the errors of the verdicts {@code excused} count as right. */
  double adjustedRecall(Verdict... excused) {
    int fp = 0;
    int fn = 0;
    for (Verdict v : excused) {
      fp += falsePositives(v);
      fn += falseNegatives(v);
    }
    int truth = truthNew + fp - fn;
    return truth == 0 ? 1 : (double) (truePositives + fp) / truth;
  }

  /** The header of {@link #row()}'s table. */
  static String header() {
    return "| workload | ids | new | predicted | precision | recall | errors | indistinguishable | trade-off"
        + " | distinguishable | precision, recall without indistinguishable | with distinguishable only |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  }

  /**
   * One row of the audit table: raw scores, errors by verdict, the scores counting trade-offs and
   * distinguishable errors only, and counting distinguishable errors only.
   */
  String row() {
    Verdict indistinguishable = Verdict.INDISTINGUISHABLE;
    Verdict tradeOff = Verdict.TRADE_OFF;
    return String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.2f%% | %.2f%% | %,d | %,d | %,d | %,d | %.2f%%, %.2f%%"
            + " | %.2f%%, %.2f%% |", workload, form.name().toLowerCase(Locale.ROOT).replace('_', '-'), truthNew,
        predicted, 100 * score.precision(), 100 * score.recall(), errors(), errors(indistinguishable), errors(tradeOff),
        errors(Verdict.DISTINGUISHABLE), 100 * adjustedPrecision(indistinguishable),
        100 * adjustedRecall(indistinguishable), 100 * adjustedPrecision(indistinguishable, tradeOff),
        100 * adjustedRecall(indistinguishable, tradeOff));
  }

  /**
   * Returns the changes the matcher's pairing implies minus the truth's, over both whole dumps and
   * summed over the clusters (equal when the clusters account for every difference).
   */
  long[] differences() {
    return new long[] {wholeDifference, clusterDifference};
  }

  /** Returns the number of objects paired with another partner than the truth's (not errors of the "new" set). */
  int wrongPartners() {
    return wrongPartners;
  }

  /** Returns the number of clusters of disagreement and the number of objects in the largest. */
  String clusterSizes() {
    return String.format("%,d clusters, the largest of %,d objects", clusters, largestCluster);
  }

  /** The errors by verdict and class, and by the kinds of change in which the matcher differs from the truth, with an example of each. */
  String details() {
    StringBuilder s = new StringBuilder(String.format("%s %s: %s; %,d objects paired with another partner than the"
        + " truth's", workload, form, clusterSizes(), wrongPartners));
    for (Verdict v : Verdict.values()) {
      Map<String, Integer> byClass = sortedByCount(errorsByClass.get(v));
      if (byClass.isEmpty()) {
        continue;
      }
      s.append(String.format("%n  %s errors by class: %s", v, byClass));
      List<Map.Entry<String, Pattern>> rows = new ArrayList<>(patterns.get(v).entrySet());
      rows.sort((x, y) -> Integer.compare(y.getValue().errors, x.getValue().errors));
      for (int i = 0; i < Math.min(6, rows.size()); i++) {
        s.append(String.format("%n    %,d errors in clusters with %s; e.g. %s", rows.get(i).getValue().errors,
            rows.get(i).getKey().isEmpty() ? "the same changes" : rows.get(i).getKey(), rows.get(i).getValue().example));
      }
      if (rows.size() > 6) {
        s.append(String.format("%n    and %d more patterns", rows.size() - 6));
      }
    }
    return s.toString();
  }

  private static Map<String, Integer> sortedByCount(Map<String, Integer> counts) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
