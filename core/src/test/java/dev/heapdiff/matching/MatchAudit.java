package dev.heapdiff.matching;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapField;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.hprof.ValueType;
import dev.heapdiff.internal.Bits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a matcher's pairing M of two dumps disagrees with the true pairing T, could anything in the
 * two files have told T from M? Each disagreement is judged by a swap argument on the changes each
 * pairing implies.
 *
 * <p><b>Changes.</b> A pairing P (one-to-one, partial, between the live objects of {@code after} and
 * {@code before}) explains {@code after} as {@code before} changed by these events, counted by kind:
 * <ul>
 *   <li>{@code new C}: an object of class C of {@code after} without partner; {@code gone C}: one of
 *       {@code before} without partner;
 *   <li>for each pair (a, b): {@code field C.f} for each primitive field of a whose value differs
 *       from b's, and for each reference field whose targets do not correspond ({@code static C.f}
 *       for the statics of class objects); {@code element C} for each element of an array that
 *       differs (primitive) or does not correspond (reference); {@code roots C} if the two are not
 *       GC roots of the same kinds; {@code different class} (class name, object kind or the class a
 *       class object describes) and {@code different length} (arrays) for pairs no history can make.
 * </ul>
 * Targets x (of a's slot) and y (of b's) correspond when both are null or P(x) = y. Only paired
 * objects' slots count: a new object's references are part of its making, a gone one's of its end.
 *
 * <p><b>Clusters.</b> S is the set of objects whose partner differs between M and T (another
 * partner, or one where the other has none). Clusters are the connected parts of S under "is the
 * M-partner of", "is the T-partner of", and "is the target of a slot of an M- or T-pair of the
 * cluster" (an {@code after}-side slot: whether P(x) = y is a fact about x's pairing). So T_K,
 * that is T with the pairs of one cluster K replaced by M's, is again one-to-one, and the changes
 * of T_K differ from T's only in the events of K's objects, of the pairs made by either pairing
 * among them, and of the slots of unchanged pairs (in M and T) that point into K. Those events are
 * counted for K under M and under T; summed over the clusters, the differences are exactly the
 * difference of the whole pairings' changes.
 *
 * <p><b>Verdict</b> of a cluster, and of each of its objects:
 * <ul>
 *   <li>{@link Verdict#INDISTINGUISHABLE}: for every kind, M's count is at most T's (M pairs at
 *       least as many objects of each class, every content and slot T explains M explains too, or
 *       as many of them of each field). Then every preference that charges a non-negative price to
 *       each kind of change, whatever the prices, rates T_K at least as well as T: nothing in the
 *       files makes T the better explanation. All counts equal is a symmetry of the two dumps (two
 *       equal objects swapped: every edge and content kept).
 *   <li>{@link Verdict#TRADE_OFF}: M has more changes of some kind, but no more changes in all
 *       than T (typically it pairs a new object with a gone one of equal contents at the price of a
 *       changed link): with every change at the same price the files favour M, or neither; only
 *       unequal prices, a prior about how programs change (that a map copies its nodes on a resize
 *       rather than relinking them, that a database replaces a row rather than updating it), favour T.
 *   <li>{@link Verdict#DISTINGUISHABLE}: M implies a {@code different class} or {@code different
 *       length}, or more changes in all than T: a matcher that counts every change alike would have
 *       chosen T, so this is a mistake of the matcher (by any prices when M's count is at least T's
 *       in every kind).
 * </ul>
 * The audit sees what the matcher can see except ids: with random ids and shuffled records they
 * carry nothing, but order-preserving ids carry address order, which the audit ignores, so there
 * "indistinguishable" means by contents and structure only.
 */
final class MatchAudit {
  /** How a cluster of disagreements between the matcher's pairing and the truth is judged. */
  enum Verdict {
    /** Nothing in the two files prefers the truth: the matcher's choice implies no change the truth's does not. */
    INDISTINGUISHABLE,
    /** The matcher's choice implies more changes of some kind, but no more in all: only a prior prefers the truth. */
    TRADE_OFF,
    /** The truth implies fewer changes in all (or the matcher pairs objects no history can make one): a mistake. */
    DISTINGUISHABLE
  }

  private static final String DIFFERENT_CLASS = "different class";
  private static final String DIFFERENT_LENGTH = "different length";

  /**
   * One cluster of disagreements.
   *
   * @param after its objects of {@code after}, ascending
   * @param before its objects of {@code before}, ascending
   * @param underMatcher the changes counted for the cluster under the matcher's pairing
   * @param underTruth the same under the true pairing
   * @param verdict the judgement of the cluster
   */
  record Cluster(int[] after, int[] before, Map<String, Integer> underMatcher, Map<String, Integer> underTruth,
      Verdict verdict) {
    /** Returns, by kind, how many more changes the matcher's pairing implies than the truth (negative: fewer); zeros left out. */
    Map<String, Integer> matcherMinusTruth() {
      Map<String, Integer> d = new TreeMap<>(underMatcher);
      underTruth.forEach((kind, n) -> d.merge(kind, -n, Integer::sum));
      d.values().removeIf(n -> n == 0);
      return d;
    }
  }

  private final HeapGraph after;
  private final HeapGraph before;
  private final long[] liveAfter;
  private final long[] liveBefore;
  private final int[] matcherOfAfter;
  private final int[] matcherOfBefore;
  private final int[] truthOfAfter;
  private final int[] truthOfBefore;
  private final int[] clusterOfAfter;
  private final int[] clusterOfBefore;
  private final Names namesAfter;
  private final Names namesBefore;
  private final List<Cluster> clusters = new ArrayList<>();

  private MatchAudit(HeapGraph after, long[] liveAfter, HeapGraph before, long[] liveBefore, int[] matcher, int[] truth) {
    this.after = after;
    this.before = before;
    this.liveAfter = liveAfter;
    this.liveBefore = liveBefore;
    this.matcherOfAfter = restricted(matcher, liveAfter, liveBefore);
    this.truthOfAfter = restricted(truth, liveAfter, liveBefore);
    this.matcherOfBefore = inverse(matcherOfAfter, before.objectCount());
    this.truthOfBefore = inverse(truthOfAfter, before.objectCount());
    this.namesAfter = new Names(after);
    this.namesBefore = new Names(before);
    this.clusterOfAfter = new int[after.objectCount()];
    this.clusterOfBefore = new int[before.objectCount()];
    findClusters();
  }

  /**
   * Audits the matcher's pairing against the truth.
   *
   * @param liveAfter one bit per object of {@code after}, set for the objects matched (as {@code Matching.of} takes)
   * @param matcher for each object of {@code after}, its partner in {@code before} by the matcher, or -1
   * @param truth the same by the truth
   */
  static MatchAudit of(HeapGraph after, long[] liveAfter, HeapGraph before, long[] liveBefore, int[] matcher,
      int[] truth) {
    return new MatchAudit(after, liveAfter, before, liveBefore, matcher, truth);
  }

  /** Returns the clusters of disagreement, in the order of their smallest {@code after} object. */
  List<Cluster> clusters() {
    return clusters;
  }

  /** Returns the cluster of an object of {@code after} on which the pairings disagree, or null if they agree. */
  Cluster clusterOf(int afterObject) {
    int k = clusterOfAfter[afterObject];
    return k < 0 ? null : clusters.get(k);
  }

  /** Returns an object's partner by the matcher, or -1. */
  int matcherPartner(int afterObject) {
    return matcherOfAfter[afterObject];
  }

  /** Returns an object's partner by the truth, or -1. */
  int truePartner(int afterObject) {
    return truthOfAfter[afterObject];
  }

  /**
   * Returns the number of changes the matcher's pairing implies for the whole of both dumps minus the
   * number the truth's does, computed object by object without clusters: it equals the sum over the
   * clusters of their differences, which checks that the clusters account for every change that differs.
   */
  long wholeDifference() {
    return wholeChanges(matcherOfAfter, matcherOfBefore) - wholeChanges(truthOfAfter, truthOfBefore);
  }

  /** Returns the sum over the clusters of the matcher's changes minus the truth's. */
  long clusterDifference() {
    return clusters.stream().mapToLong(k -> total(k.underMatcher()) - total(k.underTruth())).sum();
  }

  private long wholeChanges(int[] pa, int[] pb) {
    Map<String, Integer> out = new HashMap<>();
    long unpaired = 0;
    for (int a = 0; a < pa.length; a++) {
      if (Bits.get(liveAfter, a)) {
        if (pa[a] < 0) {
          unpaired++;
        } else {
          pairChanges(a, pa[a], pa, out);
        }
      }
    }
    for (int b = 0; b < pb.length; b++) {
      unpaired += Bits.get(liveBefore, b) && pb[b] < 0 ? 1 : 0;
    }
    return unpaired + total(out);
  }

  private static int[] restricted(int[] pairing, long[] liveA, long[] liveB) {
    int[] out = new int[pairing.length];
    for (int a = 0; a < out.length; a++) {
      int b = pairing[a];
      out[a] = Bits.get(liveA, a) && b >= 0 && Bits.get(liveB, b) ? b : -1;
    }
    return out;
  }

  private static int[] inverse(int[] pairing, int size) {
    int[] out = new int[size];
    Arrays.fill(out, -1);
    for (int a = 0; a < pairing.length; a++) {
      if (pairing[a] >= 0) {
        if (out[pairing[a]] >= 0) {
          throw new IllegalArgumentException("two objects paired with object " + pairing[a]);
        }
        out[pairing[a]] = a;
      }
    }
    return out;
  }

  private void findClusters() {
    int na = after.objectCount();
    int[] parent = new int[na + before.objectCount()];
    Arrays.fill(parent, -1);
    for (int a = 0; a < na; a++) {
      if (matcherOfAfter[a] != truthOfAfter[a]) {
        parent[a] = a;
      }
    }
    for (int b = 0; b < before.objectCount(); b++) {
      if (matcherOfBefore[b] != truthOfBefore[b]) {
        parent[na + b] = na + b;
      }
    }
    for (int a = 0; a < na; a++) {
      if (parent[a] < 0) {
        continue;
      }
      for (int[] pairing : new int[][] {matcherOfAfter, truthOfAfter}) {
        int b = pairing[a];
        if (b < 0) {
          continue;
        }
        union(parent, a, na + b);
        for (int x : after.referenceSlots(a)) {
          if (x >= 0 && parent[x] >= 0) {
            union(parent, a, x);
          }
        }
      }
    }
    Arrays.fill(clusterOfAfter, -1);
    Arrays.fill(clusterOfBefore, -1);
    Map<Integer, Integer> numberOfRoot = new HashMap<>();
    List<List<Integer>> membersAfter = new ArrayList<>();
    List<List<Integer>> membersBefore = new ArrayList<>();
    for (int i = 0; i < parent.length; i++) {
      if (parent[i] < 0) {
        continue;
      }
      int k = numberOfRoot.computeIfAbsent(find(parent, i), r -> numberOfRoot.size());
      if (k == membersAfter.size()) {
        membersAfter.add(new ArrayList<>());
        membersBefore.add(new ArrayList<>());
      }
      if (i < na) {
        clusterOfAfter[i] = k;
        membersAfter.get(k).add(i);
      } else {
        clusterOfBefore[i - na] = k;
        membersBefore.get(k).add(i - na);
      }
    }
    for (int k = 0; k < membersAfter.size(); k++) {
      int[] a = membersAfter.get(k).stream().mapToInt(Integer::intValue).toArray();
      int[] b = membersBefore.get(k).stream().mapToInt(Integer::intValue).toArray();
      Map<String, Integer> m = changes(a, b, matcherOfAfter, matcherOfBefore);
      Map<String, Integer> t = changes(a, b, truthOfAfter, truthOfBefore);
      clusters.add(new Cluster(a, b, m, t, verdict(m, t)));
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int i, int j) {
    int ri = find(parent, i);
    int rj = find(parent, j);
    if (ri != rj) {
      parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  }

  /** The verdict of a cluster from its changes under the matcher ({@code m}) and the truth ({@code t}). */
  static Verdict verdict(Map<String, Integer> m, Map<String, Integer> t) {
    if (m.getOrDefault(DIFFERENT_CLASS, 0) > t.getOrDefault(DIFFERENT_CLASS, 0)
        || m.getOrDefault(DIFFERENT_LENGTH, 0) > t.getOrDefault(DIFFERENT_LENGTH, 0)) {
      return Verdict.DISTINGUISHABLE;
    }
    boolean more = false;
    TreeSet<String> kinds = new TreeSet<>(m.keySet());
    kinds.addAll(t.keySet());
    for (String kind : kinds) {
      more |= m.getOrDefault(kind, 0) > t.getOrDefault(kind, 0);
    }
    if (!more) {
      return Verdict.INDISTINGUISHABLE;
    }
    return total(m) <= total(t) ? Verdict.TRADE_OFF : Verdict.DISTINGUISHABLE;
  }

  private static int total(Map<String, Integer> changes) {
    return changes.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The changes of one cluster under one pairing ({@code pa}: after to before, {@code pb} its inverse). */
  private Map<String, Integer> changes(int[] clusterAfter, int[] clusterBefore, int[] pa, int[] pb) {
    Map<String, Integer> out = new TreeMap<>();
    for (int a : clusterAfter) {
      int b = pa[a];
      if (b < 0) {
        out.merge("new " + after.classOf(a).name(), 1, Integer::sum);
      } else {
        pairChanges(a, b, pa, out);
      }
    }
    for (int b : clusterBefore) {
      if (pb[b] < 0) {
        out.merge("gone " + before.classOf(b).name(), 1, Integer::sum);
      }
    }
    // Slots of pairs both pairings make (holders outside every cluster) that point into this one:
    // counted once, from the after side when the target there is in a cluster (then it is this one).
    // Those found only from the before side correspond under neither pairing (their after-side
    // target is paired alike by both, and not with this cluster's object): the same count under
    // both, kept so that the counts shown are complete.
    for (int a : clusterAfter) {
      for (int h : distinct(after.referrers(a))) {
        int g = matcherOfAfter[h];
        if (clusterOfAfter[h] >= 0 || g < 0) {
          continue;
        }
        int[] hs = after.referenceSlots(h);
        int[] gs = before.referenceSlots(g);
        for (int s = 0; s < hs.length; s++) {
          if (hs[s] == a && !corresponds(hs[s], s < gs.length ? gs[s] : -1, pa)) {
            out.merge(namesAfter.slot(h, s), 1, Integer::sum);
          }
        }
      }
    }
    for (int b : clusterBefore) {
      for (int g : distinct(before.referrers(b))) {
        int h = matcherOfBefore[g];
        if (clusterOfBefore[g] >= 0 || h < 0) {
          continue;
        }
        int[] hs = after.referenceSlots(h);
        int[] gs = before.referenceSlots(g);
        for (int s = 0; s < gs.length; s++) {
          int x = s < hs.length ? hs[s] : -1;
          if (gs[s] == b && (x < 0 || clusterOfAfter[x] < 0) && !corresponds(x, b, pa)) {
            out.merge(namesBefore.slot(g, s), 1, Integer::sum);
          }
        }
      }
    }
    return out;
  }

  private static int[] distinct(int[] objects) {
    return Arrays.stream(objects).distinct().toArray();
  }

  private static boolean corresponds(int x, int y, int[] pa) {
    return x < 0 ? y < 0 : y >= 0 && pa[x] == y;
  }

  private void pairChanges(int a, int b, int[] pa, Map<String, Integer> out) {
    ObjectKind kind = after.kind(a);
    String name = after.classOf(a).name();
    if (kind != before.kind(b) || !name.equals(before.classOf(b).name())) {
      out.merge(DIFFERENT_CLASS, 1, Integer::sum);
      return;
    }
    switch (kind) {
      case CLASS -> {
        HeapClass ca = after.asClass(a).orElseThrow();
        HeapClass cb = before.asClass(b).orElseThrow();
        if (!ca.name().equals(cb.name()) || ca.staticFields().size() != cb.staticFields().size()) {
          out.merge(DIFFERENT_CLASS, 1, Integer::sum);
          return;
        }
        for (int f = 0; f < ca.staticFields().size(); f++) {
          HeapField fa = ca.staticFields().get(f);
          if (fa.type() != ValueType.OBJECT && !fa.value().equals(cb.staticFields().get(f).value())) {
            out.merge("static " + ca.name() + "." + fa.name(), 1, Integer::sum);
          }
        }
      }
      case INSTANCE -> {
        long[] va = after.primitiveValues(a);
        long[] vb = before.primitiveValues(b);
        for (int f = 0; f < va.length; f++) {
          if (f >= vb.length || va[f] != vb[f]) {
            out.merge(namesAfter.primitive(a, f), 1, Integer::sum);
          }
        }
      }
      case OBJECT_ARRAY, PRIMITIVE_ARRAY -> {
        int length = after.arrayLength(a);
        if (length != before.arrayLength(b)) {
          out.merge(DIFFERENT_LENGTH, 1, Integer::sum);
          return;
        }
        if (kind == ObjectKind.PRIMITIVE_ARRAY && after.arrayContentHash(a) != before.arrayContentHash(b)) {
          for (int i = 0; i < length; i++) {
            if (!after.arrayElement(a, i).equals(before.arrayElement(b, i))) {
              out.merge("element " + name, 1, Integer::sum);
            }
          }
        }
      }
    }
    int[] hs = after.referenceSlots(a);
    int[] gs = before.referenceSlots(b);
    for (int s = 0; s < Math.max(hs.length, gs.length); s++) {
      if (!corresponds(s < hs.length ? hs[s] : -1, s < gs.length ? gs[s] : -1, pa)) {
        out.merge(namesAfter.slot(a, s), 1, Integer::sum);
      }
    }
    if (namesAfter.roots(a) != namesBefore.roots(b)) {
      out.merge("roots " + name, 1, Integer::sum);
    }
  }

  /** Names of slots and fields of one dump's objects, for the kinds of change, and its GC root kinds. */
  private static final class Names {
    private final HeapGraph graph;
    private final Map<Integer, String[]> references = new HashMap<>();
    private final Map<Integer, String[]> primitives = new HashMap<>();
    private final int[] rootKinds;

    Names(HeapGraph graph) {
      this.graph = graph;
      this.rootKinds = new int[graph.objectCount()];
      for (GcRoot root : graph.roots()) {
        if (root.object() >= 0) {
          rootKinds[root.object()] |= 1 << root.kind().ordinal();
        }
      }
    }

    int roots(int object) {
      return rootKinds[object];
    }

    /** The kind of change of reference slot {@code s} of {@code object}, as {@link HeapGraph#referenceSlots} numbers them. */
    String slot(int object, int s) {
      return switch (graph.kind(object)) {
        case CLASS -> {
          HeapClass c = graph.asClass(object).orElseThrow();
          List<HeapField> statics = c.staticFields().stream().filter(f -> f.type() == ValueType.OBJECT).toList();
          yield "static " + c.name() + "." + (s < statics.size() ? statics.get(s).name() : "?");
        }
        case INSTANCE -> {
          String[] names = fieldNames(object, true);
          yield "field " + graph.classOf(object).name() + "." + (s < names.length ? names[s] : "?");
        }
        default -> "element " + graph.classOf(object).name();
      };
    }

    /** The kind of change of primitive field {@code f} of an instance, as {@link HeapGraph#primitiveValues} numbers them. */
    String primitive(int object, int f) {
      String[] names = fieldNames(object, false);
      return "field " + graph.classOf(object).name() + "." + (f < names.length ? names[f] : "?");
    }

    private String[] fieldNames(int instance, boolean ofReferences) {
      Map<Integer, String[]> cache = ofReferences ? references : primitives;
      return cache.computeIfAbsent(graph.classIndexOf(instance), c -> graph.fields(instance).stream()
          .filter(f -> (f.type() == ValueType.OBJECT) == ofReferences).map(HeapField::name).toArray(String[]::new));
    }
  }
}
