package dev.heapdiff.internal.match;

import java.util.function.IntPredicate;

/**
 * How much each field proves, learned from the pairs matched so far: per class and reference slot,
 * how often a matched holder's slot points to the matched partner of what the other holder's slot
 * points to; per class and primitive field, how often the values are equal. A field that changes
 * often (links of a rebalancing tree, a replaced value) proves less either way than one that keeps
 * its value. Pairs are accepted on agreement, so what they show about a field is biased towards
 * stability: learning lowers a field's weight below its prior and does not raise it, with one
 * exception: a primitive field of objects without references (value objects) that none of many
 * pairs made by evidence shows changed (the sweep's pairs have equal contents by construction, so
 * they are not counted) is taken to never change, and a difference in it weighs heavily against a
 * pair (a cached value object in the slot of an evicted one). Not for objects with references: the
 * size of a list that grew, its one difference, must not turn it into a new list. Likewise for
 * arrays of references: a class none of many of whose array pairs made by evidence shows an element
 * changed (null in one, or a matched element in another place) has arrays that never change (a
 * database row's values, replaced by a new array on an update), and two that differ are two arrays;
 * a class whose arrays back growing lists ({@code Object[]}) shows changes and is not one.
 */
final class Stability {
  /** Pseudo-observations of the prior, so that a few pairs do not decide a field's weight. */
  private static final double PRIOR_WEIGHT = 8;
  /** The prior stability of a field and of a link field ({@code next}, {@code left}, ...). */
  static final double PRIOR = 0.9;
  static final double LINK_PRIOR = 0.5;
  /** At most this many matched pairs of one class are looked at per learning pass. */
  private static final int SAMPLE = 4_000;
  private static final double MIN_WEIGHT = 0.2;
  /**
   * A primitive field of objects without references that none of at least this many pairs made by
   * evidence (not by the sweep) shows changed is taken to be one that never changes.
   */
  private static final int INVARIANT_PAIRS = 32;
  /** The weight of a disagreement in such a field, against a pair (a changing field's is at most 1). */
  static final float INVARIANT = 8f;

  private Stability() {}

  /** The evidence weight of an agreement in a field of stability {@code p}: 1 at the prior. */
  static float agreement(double p) {
    return (float) Math.max(MIN_WEIGHT, p / PRIOR);
  }

  /** The weight against a pair of a disagreement in a field of stability {@code p}: 1 at the prior. */
  static float disagreement(double p) {
    return (float) Math.max(MIN_WEIGHT, p / PRIOR);
  }

  /** Re-learns the weights of both sides from the current pairs. */
  static void learn(MatchSide a, MatchSide b, ClassPairing classes, IntPredicate swept) {
    int classCount = a.agree.length;
    int[] sampled = new int[classCount];
    int[][] refAgree = new int[classCount][];
    int[][] refSeen = new int[classCount][];
    int[][] primEqual = new int[classCount][];
    int[][] primSeen = new int[classCount][];
    int[] sampledUnswept = new int[classCount];
    int[][] primDifferUnswept = new int[classCount][];
    int[][] primSeenUnswept = new int[classCount][];
    long[] vx = new long[Math.max(a.maxPrimitiveFields, b.maxPrimitiveFields)];
    long[] vy = new long[vx.length];
    int[] arraysSeen = new int[classCount];
    boolean[] arrayChanged = new boolean[classCount];
    for (int x = MatchSide.next(a, 0); x >= 0; x = MatchSide.next(a, x + 1)) {
      int y = a.partner[x];
      if (y >= 0 && a.kinds[x] == MatchSide.OBJECT_ARRAY && !swept.test(x) && a.slotCount(x) > 0) {
        int c = a.classIndexOf(x);
        if (arraysSeen[c] < SAMPLE && !arrayChanged[c]) {
          arraysSeen[c]++;
          arrayChanged[c] = elementChanged(a, b, x, y);
        }
      }
      if (y < 0 || a.kinds[x] != MatchSide.INSTANCE) {
        continue;
      }
      int c = a.classIndexOf(x);
      if (classes.aToB[c] < 0) {
        continue;
      }
      boolean unsweptValue = !swept.test(x) && a.slotCount(x) == 0;
      // The pair's primitive fields, read once for both counts below (-1 until read).
      int fields = -1;
      if (unsweptValue && sampledUnswept[c] < SAMPLE && !a.immutable[c]) {
        // Pairs the sweep made have equal contents by construction: only the others show whether a
        // field of a value object ever changes.
        sampledUnswept[c]++;
        fields = a.primitiveValues(x, vx);
        b.primitiveValues(y, vy);
        if (primSeenUnswept[c] == null) {
          primSeenUnswept[c] = new int[fields];
          primDifferUnswept[c] = new int[fields];
        }
        for (int f = 0; f < fields && f < primSeenUnswept[c].length; f++) {
          primSeenUnswept[c][f]++;
          primDifferUnswept[c][f] += vx[f] == vy[f] ? 0 : 1;
        }
      }
      if (sampled[c] >= SAMPLE) {
        continue;
      }
      sampled[c]++;
      int n = a.slotCount(x);
      if (refAgree[c] == null) {
        refAgree[c] = new int[n];
        refSeen[c] = new int[n];
      }
      for (int k = 0; k < n && k < refAgree[c].length; k++) {
        int xs = a.slots[a.slotStart[x] + k];
        int ys = b.slots[b.slotStart[y] + k];
        if (xs < 0 && ys < 0) {
          continue;
        }
        if (xs >= 0 && ys >= 0 && a.partner[xs] == ys) {
          refAgree[c][k]++;
          refSeen[c][k]++;
        } else if (xs < 0 || ys < 0 || a.partner[xs] >= 0 || b.partner[ys] >= 0) {
          refSeen[c][k]++;
        }
      }
      if (!a.immutable[c]) {
        if (fields < 0) {
          fields = a.primitiveValues(x, vx);
          b.primitiveValues(y, vy);
        }
        if (primEqual[c] == null) {
          primEqual[c] = new int[fields];
          primSeen[c] = new int[fields];
        }
        for (int f = 0; f < fields && f < primEqual[c].length; f++) {
          primSeen[c][f]++;
          if (vx[f] == vy[f]) {
            primEqual[c][f]++;
          }
        }
      }
    }
    for (int c = 0; c < classCount; c++) {
      int cb = classes.aToB[c];
      a.invariantElements[c] = cb >= 0 && arraysSeen[c] >= INVARIANT_PAIRS && !arrayChanged[c];
      if (cb >= 0) {
        b.invariantElements[cb] = a.invariantElements[c];
      }
      if (refAgree[c] != null) {
        for (int k = 0; k < refAgree[c].length && k < a.agree[c].length; k++) {
          double p = Math.min(a.prior[c][k], estimate(refAgree[c][k], refSeen[c][k], a.prior[c][k]));
          a.agree[c][k] = agreement(p);
          a.disagree[c][k] = disagreement(p);
        }
      }
      if (primEqual[c] != null) {
        for (int f = 0; f < primEqual[c].length && f < a.primitiveDisagree[c].length; f++) {
          float d = disagreement(Math.min(PRIOR, estimate(primEqual[c][f], primSeen[c][f], PRIOR)));
          a.primitiveDisagree[c][f] = d * d;
          if (primSeenUnswept[c] != null && f < primSeenUnswept[c].length && primSeenUnswept[c][f] >= INVARIANT_PAIRS
              && primDifferUnswept[c][f] == 0) {
            a.primitiveDisagree[c][f] = INVARIANT;
          }
        }
      }
      if (cb >= 0) {
        b.agree[cb] = a.agree[c];
        b.disagree[cb] = a.disagree[c];
        b.primitiveDisagree[cb] = a.primitiveDisagree[c];
      }
    }
  }

  /**
   * Whether the pair {@code x} of {@code a}, {@code y} of {@code b} (arrays of references of one
   * length) shows an element changed: null in one and not in the other, or a matched element whose
   * partner is not in the same place. Unmatched elements on both sides show nothing yet.
   */
  private static boolean elementChanged(MatchSide a, MatchSide b, int x, int y) {
    int n = Math.min(a.slotCount(x), b.slotCount(y));
    int step = Evidence.sampleStep(n);
    for (int k = 0; k < n; k += step) {
      int xs = a.slots[a.slotStart[x] + k];
      int ys = b.slots[b.slotStart[y] + k];
      if (xs < 0 && ys < 0) {
        continue;
      }
      if (xs < 0 || ys < 0 || a.partner[xs] != ys && (a.partner[xs] >= 0 || b.partner[ys] >= 0)) {
        return true;
      }
    }
    return false;
  }

  private static double estimate(int agreeing, int seen, double prior) {
    return (agreeing + prior * PRIOR_WEIGHT) / (seen + PRIOR_WEIGHT);
  }
}
