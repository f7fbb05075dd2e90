package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.ObjectKind;
import java.util.Arrays;

/**
 * Proposes candidate partners for an object and weighs the evidence for a pair. Only matched
 * neighbours propose: the object in the same slot of a matched referrer's partner, and the objects
 * that hold a matched referent's partner in the same slot. The score counts everything at once:
 * matched referrers that hold both in the same slot, referents that agree or disagree, primitive
 * fields and array elements that are equal or not. The score of a pair is the same from either side.
 */
final class Evidence {
  /**
   * An object proposes candidates through at most this many referents; a referent proposes none when
   * it or its partner is {@link MatchSide#popular} (a shared constant).
   */
  private static final int MAX_PROPOSING = MatchSide.POPULAR;
  /** At most this many referrers of one object are looked at, for candidates and for the score. */
  private static final int MAX_HOLDERS = 64;
  /**
   * An array of references with more elements than this is weighed on this many of them, evenly
   * spread, and the sum scaled up: a map's table of millions of slots is weighed in microseconds.
   */
  private static final int SAMPLED_ELEMENTS = 4096;

  /**
   * The stride that looks at {@link #SAMPLED_ELEMENTS} evenly spread elements of an array of {@code
   * n}, or at all of a smaller one: for weighing, searching and learning alike.
   */
  static int sampleStep(int n) {
    return n > SAMPLED_ELEMENTS ? n / SAMPLED_ELEMENTS : 1;
  }

  /** Referents with more referrers than this are not looked at for being held by one object only. */
  private static final int SOLE_HOLDER_SCAN = 8;
  /** What an immutable referent of another value where one object held one value weighs. */
  private static final double REPLACED_VALUE = -1.5;
  /** What an element of an array whose elements never change weighs against a pair where it differs. */
  private static final double INVARIANT_ELEMENT = Stability.INVARIANT / 4;

  private final MatchSide a;
  private final MatchSide b;
  private final ClassPairing classes;
  /** The candidates collected so far by {@link #candidates}. */
  private final Seen seen = new Seen();
  /** Scratch for the primitive fields of the two objects weighed. */
  private final long[] vx;
  private final long[] vy;

  Evidence(MatchSide a, MatchSide b, ClassPairing classes) {
    this.a = a;
    this.b = b;
    this.classes = classes;
    int fields = Math.max(a.maxPrimitiveFields, b.maxPrimitiveFields);
    this.vx = new long[fields];
    this.vy = new long[fields];
  }

  MatchSide other(MatchSide side) {
    return side == a ? b : a;
  }

  /** The pairing of {@code side}'s classes with the other side's (class index to class index, or -1). */
  private int[] classMap(MatchSide side) {
    return side == a ? classes.aToB : classes.bToA;
  }

  /**
   * Whether {@code x} of {@code from} and the unmatched live {@code y} of the other side can be one
   * object: paired classes, the same number of slots (for arrays: length), equal contents for
   * immutable values. Class objects pair only as anchors.
   */
  boolean compatible(MatchSide from, int x, int y) {
    MatchSide to = other(from);
    if (y < 0 || to.partner[y] >= 0 || !to.isLive(y)) {
      return false;
    }
    int cx = from.classIndexOf(x);
    int[] map = classMap(from);
    if (map[cx] != to.classIndexOf(y) || from.kinds[x] != to.kinds[y]) {
      return false;
    }
    ObjectKind kind = from.kind(x);
    if (kind == ObjectKind.CLASS) {
      return false;
    }
    if (from.slotCount(x) != to.slotCount(y)) {
      return false;
    }
    if (kind == ObjectKind.PRIMITIVE_ARRAY && from.arrayLength(x) != to.arrayLength(y)) {
      return false;
    }
    return !from.immutable[cx] || from.content[x] == to.content[y];
  }

  /** Collects the candidate partners of unmatched {@code x} of {@code from} into {@code out}. */
  void candidates(MatchSide from, int x, MatchSide.IntList out) {
    MatchSide to = other(from);
    seen.clear();
    out.size = 0;
    int holders = Math.min(from.inDegree(x), MAX_HOLDERS);
    for (int e = from.inStart[x], end = e + holders; e < end; e++) {
      int q = from.partner[from.inFrom[e]];
      if (q >= 0) {
        int y = to.slot(q, from.inSlot[e]);
        if (y >= 0 && !seen.contains(y) && compatible(from, x, y)) {
          seen.add(y);
          out.add(y);
        }
      }
    }
    int n = from.slotCount(x);
    int proposing = 0;
    // A large array's elements are looked at evenly spread, as for its score.
    int step = from.kinds[x] != MatchSide.INSTANCE ? sampleStep(n) : 1;
    for (int k = 0; k < n && proposing < MAX_PROPOSING; k += step) {
      int xs = from.slots[from.slotStart[x] + k];
      int r = xs < 0 ? -1 : from.partner[xs];
      // Popular on either side, it proposes on neither: candidates stay symmetric (y a candidate of
      // x through this pair of referents if and only if x is one of y), so the check from the other
      // side in the matcher sees every rival that proposed it. A referent held by 43 objects before
      // and 86 after proposed one old array to a new one, and the old array's true partner, an
      // array equal to it in every element, was never weighed against it.
      if (r < 0 || to.popular(r) || from.popular(xs)) {
        continue;
      }
      proposing++;
      for (int e = to.inStart[r]; e < to.inStart[r + 1]; e++) {
        int y = to.inFrom[e];
        if (to.inSlot[e] == k && !seen.contains(y) && compatible(from, x, y)) {
          seen.add(y);
          out.add(y);
        }
      }
    }
  }

  /**
   * How many references the pair last weighed by {@link #score} makes agree: matched referrers that
   * hold both in the same slot, and slots whose referents are a pair (of a large array, the elements
   * looked at). Unweighted: each is one change fewer that the pairing implies, whatever the learned
   * stability of its field.
   */
  int agreeingReferences;

  /**
   * Whether a pair that makes {@code best} references agree outnumbers a rival that makes {@code
   * rival} agree, whatever their weights: at least twice as many, and at least three more.
   */
  static boolean outnumbers(int best, int rival) {
    return best >= 2 * rival && best - rival >= 3;
  }

  /** Weighs the evidence that {@code x} of {@code from} and {@code y} of the other side are one object. */
  double score(MatchSide from, int x, int y) {
    MatchSide to = other(from);
    double s = 0;
    int agreeing = 0;
    int holders = Math.min(from.inDegree(x), MAX_HOLDERS);
    for (int e = from.inStart[x], end = e + holders; e < end; e++) {
      int p = from.inFrom[e];
      int q = from.partner[p];
      if (q >= 0 && to.slot(q, from.inSlot[e]) == y) {
        // A class's static field, the class an anchor, weighs a little more than an object's field: a
        // static holds one object for the program's life more often than an object's field does (an
        // empty list in a static, which its first element gives an array of its own in place of the
        // shared empty one, and a new size, is still that list).
        s += from.kind(p) == ObjectKind.OBJECT_ARRAY ? 1.5 : from.kind(p) == ObjectKind.CLASS ? 2.5
            : 2 * from.agreement(p, from.inSlot[e]);
        agreeing++;
      }
    }
    ObjectKind kind = from.kind(x);
    boolean array = kind == ObjectKind.OBJECT_ARRAY;
    int n = from.slotCount(x);
    int xBase = from.slotStart[x];
    int yBase = to.slotStart[y];
    int ownAgreeing = 0;
    int ownReplaced = 0;
    int step = array ? sampleStep(n) : 1;
    boolean invariant = array && from.invariantElements[from.classIndexOf(x)];
    double before = s;
    for (int k = 0; k < n; k += step) {
      int xs = from.slots[xBase + k];
      int ys = to.slots[yBase + k];
      float w = array ? 1f : from.agreement(x, k);
      float d = array ? 1f : from.disagreement(x, k);
      if (invariant) {
        // An array whose elements never change: one element that is not the same is another array.
        if (xs < 0 && ys < 0) {
          continue;
        }
        if (xs < 0 || ys < 0 || differ(from, xs, ys)) {
          s -= INVARIANT_ELEMENT;
          continue;
        }
      }
      if (xs < 0 && ys < 0) {
        s += array ? 0 : 0.1 * w;
      } else if (xs < 0 || ys < 0) {
        s -= array ? 0.25 : 0.5 * d;
      } else {
        int px = from.partner[xs];
        boolean own = !array && !from.isLink(x, k);
        if (px == ys) {
          s += w;
          agreeing++;
          ownAgreeing += own ? 1 : 0;
          if (own && soleHolder(from, x, xs, k) && soleHolder(to, y, ys, k)) {
            // The one object of its class that holds this referent in this slot, on both sides: a
            // map's entry for a key, an object's own part. Not for links, which move between objects.
            s += w;
          }
        } else if (px >= 0 || to.partner[ys] >= 0) {
          // A field that took an object of its own in place of a shared one is a change, as leaving
          // null is; another object that lives on in its place speaks fully against the pair.
          s -= tookOwnInPlaceOfShared(from, x, y, xs, ys, k) ? 0.5 * d : d;
        } else {
          double v = unmatchedReferents(from, xs, ys);
          if (v == 0 && own && from.kinds[xs] == MatchSide.INSTANCE && soleHolder(from, x, xs, k)
              && soleHolder(to, y, ys, k)) {
            v = -changedPart(from, xs, ys);
          }
          s += v * (v > 0 ? w : d);
          if (own) {
            ownAgreeing += v > 0 ? 1 : 0;
            ownReplaced += v == REPLACED_VALUE ? 1 : 0;
          }
        }
      }
    }
    if (step > 1) {
      s = before + (s - before) * ((double) n / ((n + step - 1) / step));
    }
    agreeingReferences = agreeing;
    if (ownReplaced > 0 && ownAgreeing == 0) {
      // Every own field (not a link) that can be compared holds another value: only its place in a
      // structure speaks for the pair, as for a new tree entry in the place of a removed one.
      s -= ownReplaced;
    }
    switch (kind) {
      case INSTANCE -> {
        int c = from.classIndexOf(x);
        if (from.immutable[c]) {
          s += 1;
        } else if (from.content[x] == to.content[y]) {
          s += 0.5 * from.primitiveDisagree[c].length; // every primitive field equal (the hash of them all)
        } else {
          int fields = from.primitiveValues(x, vx);
          to.primitiveValues(y, vy);
          float[] d = from.primitiveDisagree[c];
          for (int f = 0; f < fields; f++) {
            s += vx[f] == vy[f] ? 0.5 : -0.25 * (f < d.length ? d[f] : 1f);
          }
        }
      }
      case PRIMITIVE_ARRAY -> s += from.content[x] == to.content[y] ? 2 : -0.5;
      default -> {
        // arrays of references: their slots were counted above
      }
    }
    return s;
  }

  /** Whether {@code holder} is the only live object of its class holding {@code target} in slot {@code k}. */
  private static boolean soleHolder(MatchSide side, int holder, int target, int k) {
    int start = side.inStart[target];
    int end = side.inStart[target + 1];
    if (end - start > SOLE_HOLDER_SCAN) {
      return false;
    }
    int c = side.classIndexOf(holder);
    for (int e = start; e < end; e++) {
      int p = side.inFrom[e];
      if (p != holder && side.inSlot[e] == k && side.kinds[p] == side.kinds[holder] && side.classIndexOf(p) == c) {
        return false;
      }
    }
    return true;
  }

  /**
   * How much of an own part's state differs: the weighed share of the primitive fields of {@code xs}
   * of {@code from} and {@code ys} of the other side (unmatched, of one mutable class, their contents
   * not equal) that differ, from 0 to 1. A part that one object alone holds is part of it; one none of
   * whose fields kept its value (an {@code Inflater}'s native stream, its address) looks like another
   * object's part.
   */
  private double changedPart(MatchSide from, int xs, int ys) {
    MatchSide to = other(from);
    int fields = from.primitiveValues(xs, vx);
    if (fields == 0 || to.primitiveValues(ys, vy) != fields) {
      return 0;
    }
    int c = from.classIndexOf(xs);
    float[] d = from.primitiveDisagree[c];
    boolean[] counter = from.counter[c];
    double differing = 0;
    for (int f = 0; f < fields; f++) {
      if (vx[f] != vy[f]) {
        // A collection's size or count of changes changes with every element it gains: half as much.
        differing += (f < d.length ? Math.min(1f, d[f]) : 1f) * (f < counter.length && counter[f] ? 0.5 : 1);
      }
    }
    return differing / fields;
  }

  /**
   * Whether {@code x} of {@code from} and {@code y} of the other side, unmatched, cannot be one object
   * because of an array whose elements never change ({@link MatchSide#invariantElements}): they are
   * such arrays and differ, or an own field (not a link) of theirs holds such arrays, unmatched, that
   * differ. For pairs that are not weighed (equal colours).
   */
  boolean replacesInvariantArray(MatchSide from, int x, int y) {
    return replacesArray(from, x, y, false);
  }

  /**
   * As {@link #replacesInvariantArray}, for arrays of any class when {@code anyClass}: before it is
   * learned which classes' elements never change.
   */
  boolean replacesArray(MatchSide from, int x, int y, boolean anyClass) {
    if (from.kinds[x] == MatchSide.OBJECT_ARRAY) {
      return arraysDiffer(from, x, y, anyClass);
    }
    return someUnmatchedOwnParts(from, x, y, (xs, ys) -> from.kinds[xs] == MatchSide.OBJECT_ARRAY
        && arraysDiffer(from, xs, ys, anyClass));
  }

  /**
   * Whether the arrays {@code xs} of {@code from} and {@code ys} of the other side differ in the
   * sense of {@link #replacesArray}: with {@code anyClass}, in an element unmatched on both sides;
   * otherwise, when their class's elements never change, in any element.
   */
  private boolean arraysDiffer(MatchSide from, int xs, int ys, boolean anyClass) {
    return anyClass ? elementsDiffer(from, xs, ys, true)
        : from.invariantElements[from.classIndexOf(xs)] && elementsDiffer(from, xs, ys, false);
  }

  /**
   * How many elements {@code x} of {@code from} and {@code y} of the other side, arrays of references
   * of one length, have in common: the same pair, or unmatched objects without references of equal
   * contents; -1 where an element is not in common and cannot be, or none is matched and in common.
   */
  int sharedElements(MatchSide from, int x, int y) {
    MatchSide to = other(from);
    int n = from.slotCount(x);
    if (n != to.slotCount(y) || n > SAMPLED_ELEMENTS) {
      return -1;
    }
    int shared = 0;
    int matched = 0;
    for (int k = 0; k < n; k++) {
      int ex = from.slots[from.slotStart[x] + k];
      int ey = to.slots[to.slotStart[y] + k];
      if (ex < 0 || ey < 0) {
        continue;
      }
      if (from.partner[ex] == ey) {
        shared++;
        matched++;
      } else if (copiedValue(from, ex, ey)) {
        shared++;
      }
    }
    return matched == 0 ? -1 : shared;
  }

  /**
   * Whether {@code ex} of {@code from} and {@code ey} of the other side are unmatched objects without
   * references, of paired classes, with equal contents.
   */
  boolean copiedValue(MatchSide from, int ex, int ey) {
    MatchSide to = other(from);
    int[] map = classMap(from);
    return from.partner[ex] < 0 && to.partner[ey] < 0 && from.kinds[ex] == MatchSide.INSTANCE
        && to.kinds[ey] == MatchSide.INSTANCE && map[from.classIndexOf(ex)] == to.classIndexOf(ey)
        && from.slotCount(ex) == 0 && to.slotCount(ey) == 0 && from.content[ex] == to.content[ey]
        && to.isLive(ey) && from.isLive(ex);
  }

  /**
   * Whether the arrays {@code xs} of {@code from} and {@code ys} of the other side, unmatched, of a
   * class whose elements never change, differ in an element ({@link #differ}); with {@code
   * unmatchedOnly}, in an element unmatched on both sides (not one seen changed, whose pair shows the
   * class's arrays do change).
   */
  private boolean elementsDiffer(MatchSide from, int xs, int ys, boolean unmatchedOnly) {
    MatchSide to = other(from);
    int n = from.slotCount(xs);
    if (n != to.slotCount(ys)) {
      return !unmatchedOnly;
    }
    int step = sampleStep(n);
    for (int k = 0; k < n; k += step) {
      int ex = from.slots[from.slotStart[xs] + k];
      int ey = to.slots[to.slotStart[ys] + k];
      if (ex < 0 && ey < 0) {
        continue;
      }
      if (unmatchedOnly) {
        if (ex >= 0 && ey >= 0 && from.partner[ex] < 0 && to.partner[ey] < 0 && differ(from, ex, ey)) {
          return true;
        }
      } else if (ex < 0 || ey < 0 || differ(from, ex, ey)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code ex} of {@code from} and {@code ey} of the other side cannot be one object: {@link
   * #differAtOnce}, or, for instances, their referents in one slot do ({@link #differAtOnce} on them:
   * two levels in all, without recursion).
   */
  private boolean differ(MatchSide from, int ex, int ey) {
    if (differAtOnce(from, ex, ey)) {
      return true;
    }
    MatchSide to = other(from);
    if (from.partner[ex] >= 0 || to.partner[ey] >= 0 || from.kinds[ex] != MatchSide.INSTANCE
        || from.immutable[from.classIndexOf(ex)]) {
      return false;
    }
    for (int k = 0, n = from.slotCount(ex); k < n; k++) {
      int rx = from.slots[from.slotStart[ex] + k];
      int ry = to.slots[to.slotStart[ey] + k];
      if (rx < 0 && ry < 0) {
        continue;
      }
      if (rx < 0 || ry < 0 || differAtOnce(from, rx, ry)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code ex} of {@code from} and {@code ey} of the other side cannot be one object by what
   * they are themselves: one is matched and not to the other, or, both unmatched, their classes,
   * kinds or numbers of slots differ, or an immutable value's contents do.
   */
  private boolean differAtOnce(MatchSide from, int ex, int ey) {
    MatchSide to = other(from);
    int px = from.partner[ex];
    if (px >= 0 || to.partner[ey] >= 0) {
      return px != ey;
    }
    int[] map = classMap(from);
    int c = from.classIndexOf(ex);
    if (map[c] != to.classIndexOf(ey) || from.kinds[ex] != to.kinds[ey]) {
      return true;
    }
    if (from.immutable[c]) {
      return from.content[ex] != to.content[ey];
    }
    return from.slotCount(ex) != to.slotCount(ey);
  }

  /**
   * Referents in the same slot, neither matched yet: different values disagree, equal values agree a
   * little; instances whose own referents are paired agree, or disagree, as those do ({@link
   * #pairedReferentsBalance}).
   */
  private double unmatchedReferents(MatchSide from, int xs, int ys) {
    MatchSide to = other(from);
    int[] map = classMap(from);
    int c = from.classIndexOf(xs);
    if (map[c] != to.classIndexOf(ys)) {
      return -1;
    }
    boolean equal = from.content[xs] == to.content[ys];
    if (from.kinds[xs] == MatchSide.OBJECT_ARRAY && from.invariantElements[c]) {
      // An array whose elements never change (a row's values) that differs in one: another array,
      // as another value of an immutable class is.
      return elementsDiffer(from, xs, ys, false) ? REPLACED_VALUE : 0.25;
    }
    if (from.immutable[c]) {
      // Two different values where one object held one value: a map entry's key, a name. Structure
      // alone (the same neighbours, the same bucket) must not outweigh it.
      return equal ? 1 : REPLACED_VALUE;
    }
    if (from.kinds[xs] == MatchSide.INSTANCE) {
      // One level further, without recursion: their own referents that are already paired tell
      // whether the two are one object. A cleaner list's new entry, inserted at the head in the old
      // first entry's place, holds a new call site; its target is new, while the old call site's
      // target is paired with the surviving call site's.
      int balance = pairedReferentsBalance(from, xs, ys);
      if (balance != 0) {
        return balance > 0 ? 1 : -1;
      }
    }
    return equal ? 0.25 : 0;
  }

  /**
   * For unmatched instances {@code xs} of {@code from} and {@code ys} of the other side, of paired
   * classes: how many of their slots hold a pair, less how many hold a matched object whose partner
   * the other does not hold there, except a field that took an object of its own in place of a shared
   * one ({@link #tookOwnInPlaceOfShared}). {@link MatchSide#popular} referents (a shared constant, a
   * list's head) are not counted.
   */
  private int pairedReferentsBalance(MatchSide from, int xs, int ys) {
    MatchSide to = other(from);
    int n = Math.min(from.slotCount(xs), to.slotCount(ys));
    int balance = 0;
    for (int k = 0; k < n; k++) {
      int rx = from.slots[from.slotStart[xs] + k];
      int ry = to.slots[to.slotStart[ys] + k];
      if (rx < 0 && ry < 0 || rx >= 0 && from.popular(rx) || ry >= 0 && to.popular(ry)) {
        continue;
      }
      int px = rx < 0 ? -1 : from.partner[rx];
      if (px >= 0 && px == ry) {
        balance++;
      } else if ((px >= 0 || ry >= 0 && to.partner[ry] >= 0) && !tookOwnInPlaceOfShared(from, xs, ys, rx, ry, k)) {
        balance--;
      }
    }
    return balance;
  }

  /**
   * Whether slot {@code k} of instance {@code x} of {@code from}, holding {@code rx}, and of {@code y}
   * of the other side, holding {@code ry}, an own field (not a link), took an object of its own in
   * place of a shared one or the reverse: both hold an object, one of which lives on in both dumps
   * (matched) and the other has no partner, and no unmatched object of the holder's class holds the
   * live one's partner in that field (it might be the other holder's partner). An empty list's first
   * element replaces the shared empty array, which matched lists hold, with an array of its own.
   */
  private boolean tookOwnInPlaceOfShared(MatchSide from, int x, int y, int rx, int ry, int k) {
    if (rx < 0 || ry < 0 || from.kinds[x] != MatchSide.INSTANCE || from.isLink(x, k)) {
      return false;
    }
    MatchSide to = other(from);
    int px = from.partner[rx];
    int py = to.partner[ry];
    if ((px >= 0) == (py >= 0)) {
      return false;
    }
    return px >= 0 ? !heldByUnmatched(to, px, k, y) : !heldByUnmatched(from, py, k, x);
  }

  /**
   * Whether an unmatched live object of {@code side} other than {@code holder}, of its kind and class,
   * holds {@code target} in slot {@code k}. A {@link MatchSide#popular} target (a shared constant) has
   * no such rival: no more than {@link MatchSide#POPULAR} referrers are looked at.
   */
  private static boolean heldByUnmatched(MatchSide side, int target, int k, int holder) {
    if (side.popular(target)) {
      return false;
    }
    int c = side.classIndexOf(holder);
    int end = Math.min(side.inStart[target + 1], side.inStart[target] + MatchSide.POPULAR);
    for (int e = side.inStart[target]; e < end; e++) {
      int p = side.inFrom[e];
      if (p != holder && side.inSlot[e] == k && side.partner[p] < 0 && side.isLive(p)
          && side.kinds[p] == side.kinds[holder] && side.classIndexOf(p) == c) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether pairing unmatched {@code x} of {@code from} with {@code y} of the other side would make
   * the sweep pair two referents that another object is a better partner for: in an own slot (not a
   * link), unmatched referents with equal {@link MatchSide#sweepKey}s (each held there only, paired at
   * once with the pair), one of which holds a matched object in a slot where the other does not hold
   * its partner, while an unmatched object of the other side that can be it does ({@link
   * #heldByRival}). A cleaner list's new entry, inserted at the head in an old entry's place, holds a
   * new call site; the old entry's call site holds a target that is paired, and the surviving call
   * site holding that target's partner is the old one's partner, not the new entry's.
   */
  boolean sweepsPartsOfARival(MatchSide from, int x, int y) {
    MatchSide to = other(from);
    return someUnmatchedOwnParts(from, x, y, (xs, ys) -> from.kinds[xs] == MatchSide.INSTANCE
        && from.sweepKey[xs] == to.sweepKey[ys] && (heldByRival(from, xs, ys) || heldByRival(to, ys, xs)));
  }

  /** A test of the objects {@code xs} and {@code ys} that one slot of two instances holds. */
  private interface PartTest {
    boolean test(int xs, int ys);
  }

  /**
   * Whether instances {@code x} of {@code from} and {@code y} of the other side hold, in the same
   * slot that is not a link, two unmatched objects that pass {@code test}.
   */
  private boolean someUnmatchedOwnParts(MatchSide from, int x, int y, PartTest test) {
    MatchSide to = other(from);
    if (from.kinds[x] != MatchSide.INSTANCE) {
      return false;
    }
    int n = Math.min(from.slotCount(x), to.slotCount(y));
    for (int k = 0; k < n; k++) {
      int xs = from.slots[from.slotStart[x] + k];
      int ys = to.slots[to.slotStart[y] + k];
      if (xs >= 0 && ys >= 0 && from.partner[xs] < 0 && to.partner[ys] < 0 && !from.isLink(x, k)
          && test.test(xs, ys)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code xs} of {@code from} holds in some slot a matched, not {@link MatchSide#popular},
   * object whose partner {@code ys} of the other side does not hold there, while an unmatched object
   * of the other side other than {@code ys}, {@link #compatible} with {@code xs}, does.
   */
  private boolean heldByRival(MatchSide from, int xs, int ys) {
    MatchSide to = other(from);
    for (int j = 0, n = from.slotCount(xs); j < n; j++) {
      int r = from.slots[from.slotStart[xs] + j];
      int q = r < 0 ? -1 : from.partner[r];
      if (q < 0 || from.popular(r) || to.popular(q) || to.slot(ys, j) == q) {
        continue;
      }
      for (int e = to.inStart[q]; e < to.inStart[q + 1]; e++) {
        int z = to.inFrom[e];
        if (to.inSlot[e] == j && z != ys && compatible(from, xs, z)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A set of object indexes, emptied in constant time: an open-addressing table whose entries count
   * only while they carry the current mark. Its memory follows the most candidates one object had,
   * not the number of objects.
   */
  static final class Seen {
    private int[] keys = new int[64];
    private int[] marks = new int[64];
    private int mark = 1;
    private int size;

    void clear() {
      size = 0;
      if (++mark == Integer.MAX_VALUE) {
        Arrays.fill(marks, 0);
        mark = 1;
      }
    }

    boolean contains(int key) {
      int mask = keys.length - 1;
      for (int h = spread(key) & mask; marks[h] == mark; h = (h + 1) & mask) {
        if (keys[h] == key) {
          return true;
        }
      }
      return false;
    }

    /** Adds {@code key}, which must not be in the set. */
    void add(int key) {
      if (2 * (size + 1) > keys.length) {
        int[] oldKeys = keys;
        int[] oldMarks = marks;
        keys = new int[2 * oldKeys.length];
        marks = new int[keys.length];
        size = 0;
        for (int h = 0; h < oldKeys.length; h++) {
          if (oldMarks[h] == mark) {
            put(oldKeys[h]);
          }
        }
      }
      put(key);
    }

    private void put(int key) {
      int mask = keys.length - 1;
      int h = spread(key) & mask;
      while (marks[h] == mark) {
        h = (h + 1) & mask;
      }
      keys[h] = key;
      marks[h] = mark;
      size++;
    }

    private static int spread(int key) {
      int h = key * 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }
}
