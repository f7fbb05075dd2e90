package dev.heapdiff.testdata.truth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * How well a predicted "new" set matches the true one: precision (the share of predicted objects
 * that are truly new) and recall (the share of truly new objects predicted), with the false
 * positives and negatives themselves. Both sets are in the original ids; {@link #of(long[], long[],
 * IdMap)} maps a prediction made on a rewritten dump back first.
 *
 * <p>An empty prediction has precision 1, an empty truth recall 1.
 */
public final class Score {
  private final int truthCount;
  private final int predictedCount;
  private final long[] falsePositives;
  private final long[] falseNegatives;
  private final int unknownIds;
  private final LongFunction<String> className;

  private Score(long[] truth, long[] predicted, int unknownIds, LongFunction<String> className) {
    this.truthCount = truth.length;
    this.predictedCount = predicted.length + unknownIds;
    this.falsePositives = GroundTruth.minus(predicted, truth);
    this.falseNegatives = GroundTruth.minus(truth, predicted);
    this.unknownIds = unknownIds;
    this.className = className;
  }

  /** Scores {@code predicted} against {@code truth}, both in the same ids (duplicates count once). */
  public static Score of(long[] truth, long[] predicted) {
    return new Score(distinctSorted(truth), distinctSorted(predicted), 0, null);
  }

  /**
   * Scores ids predicted on a rewritten dump: each is mapped back through {@code map}; an id the map
   * does not know (no object of the rewritten dump) counts as a false positive.
   */
  public static Score of(long[] truth, long[] predictedRewrittenIds, IdMap map) {
    long[] distinct = distinctSorted(predictedRewrittenIds);
    long[] old = map.toOld(distinct);
    long[] known = Arrays.stream(old).filter(id -> id != -1).toArray();
    return new Score(distinctSorted(truth), distinctSorted(known), old.length - known.length, null);
  }

  /** Returns this score with the class names of its false positives and negatives in {@link #toString()}. */
  public Score withClassNames(LongFunction<String> classNameOfOriginalId) {
    return new Score(this, classNameOfOriginalId);
  }

  private Score(Score other, LongFunction<String> className) {
    this.truthCount = other.truthCount;
    this.predictedCount = other.predictedCount;
    this.falsePositives = other.falsePositives;
    this.falseNegatives = other.falseNegatives;
    this.unknownIds = other.unknownIds;
    this.className = className;
  }

  private static long[] distinctSorted(long[] ids) {
    return Arrays.stream(ids).sorted().distinct().toArray();
  }

  /** Returns the number of truly new objects. */
  public int truthCount() {
    return truthCount;
  }

  /** Returns the number of distinct ids predicted. */
  public int predictedCount() {
    return predictedCount;
  }

  /** Returns the number of predicted objects that are truly new. */
  public int truePositives() {
    return predictedCount - unknownIds - falsePositives.length;
  }

  /** Returns the number of predicted objects that are not new (unknown ids included). */
  public int falsePositiveCount() {
    return falsePositives.length + unknownIds;
  }

  /** Returns the number of truly new objects not predicted. */
  public int falseNegativeCount() {
    return falseNegatives.length;
  }

  /** Returns the number of predicted ids that name no object of the rewritten dump. */
  public int unknownIds() {
    return unknownIds;
  }

  /** Returns the original ids, ascending, of the predicted objects that are not new. */
  public long[] falsePositives() {
    return falsePositives.clone();
  }

  /** Returns the original ids, ascending, of the new objects not predicted. */
  public long[] falseNegatives() {
    return falseNegatives.clone();
  }

  /** Returns true positives / predicted, 1 if nothing was predicted. */
  public double precision() {
    return predictedCount == 0 ? 1 : (double) truePositives() / predictedCount;
  }

  /** Returns true positives / truly new, 1 if nothing is new. */
  public double recall() {
    return truthCount == 0 ? 1 : (double) truePositives() / truthCount;
  }

  /** Returns whether precision and recall both reach {@code target} (such as 0.995). */
  public boolean meets(double target) {
    return precision() >= target && recall() >= target;
  }

  /**
   * For example {@code precision 99.80% (6 false positives), recall 99.93% (2 false negatives): 3,000
   * new, 3,004 predicted}, followed by the classes of the misses when class names are known.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(String.format(
        "precision %.2f%% (%,d false positive%s%s), recall %.2f%% (%,d false negative%s): %,d new, %,d predicted",
        100 * precision(), falsePositiveCount(), falsePositiveCount() == 1 ? "" : "s",
        unknownIds == 0 ? "" : String.format(", %,d unknown ids", unknownIds), 100 * recall(), falseNegativeCount(),
        falseNegativeCount() == 1 ? "" : "s", truthCount, predictedCount));
    if (className != null) {
      appendClasses(s, "false positives", falsePositives);
      appendClasses(s, "false negatives", falseNegatives);
    }
    return s.toString();
  }

  private void appendClasses(StringBuilder s, String label, long[] ids) {
    if (ids.length == 0) {
      return;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (long id : ids) {
      String name = className.apply(id);
      counts.merge(name == null ? "?" : name, 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
    rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    s.append(String.format("%n  %s by class:", label));
    for (int i = 0; i < Math.min(5, rows.size()); i++) {
      s.append(String.format(" %s %,d%s", rows.get(i).getKey(), rows.get(i).getValue(), i + 1 < Math.min(5, rows.size()) ? "," : ""));
    }
    if (rows.size() > 5) {
      s.append(String.format(" and %d more classes", rows.size() - 5));
    }
  }
}
