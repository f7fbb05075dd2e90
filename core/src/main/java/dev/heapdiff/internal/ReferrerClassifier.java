package dev.heapdiff.internal;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import java.util.List;

/**
 * heapy's {@code byrcs}: each object's kind is the set of classes of its live referrers. A class
 * object that refers (through a static field, mostly) counts as {@code class com.acme.Cache}, not
 * as {@code java.lang.Class}, since which class holds the object is the point.
 *
 * <p>Kinds are computed once for all members: each member's referrer classes go into a scratch
 * array and the distinct sorted set is looked up in an {@link IntSetTable}, so no string is built
 * per object; labels exist only for the sets that occur.
 */
public final class ReferrerClassifier {
  /** Labels of members without live referrers. */
  public static final String ROOT_ONLY = "<none: held by a GC root only>";
  public static final String NONE = "<none>";

  private static final int KIND_ROOT_ONLY = 0;
  private static final int KIND_NONE = 1;
  private static final int FIRST_SET = 2;

  private ReferrerClassifier() {}

  /** Classifies the objects of {@code members} by the classes of their referrers in {@code live}. */
  public static Classifier of(HeapGraph graph, long[] members, long[] live) {
    List<HeapClass> classes = graph.classes();
    int[] wordRanks = Bits.wordRanks(members);
    int classCount = classes.size();
    IntSetTable sets = new IntSetTable(2 * classCount);
    long[] rooted = rootedObjects(graph);
    int[] kindOfMember = new int[Bits.count(members)];
    int[] scratch = new int[16];
    int m = 0;
    for (int i = Bits.next(members, 0); i >= 0; i = Bits.next(members, i + 1), m++) {
      int[] referrers = graph.referrers(i);
      if (referrers.length > scratch.length) {
        scratch = new int[referrers.length];
      }
      int n = 0;
      for (int r : referrers) {
        if (Bits.get(live, r)) {
          scratch[n++] = referrerKey(graph, r, classCount);
        }
      }
      kindOfMember[m] = n == 0 ? (Bits.get(rooted, i) ? KIND_ROOT_ONLY : KIND_NONE)
          : FIRST_SET + sets.numberOf(scratch, n);
    }
    String[] fixed = new String[FIRST_SET];
    fixed[KIND_ROOT_ONLY] = ROOT_ONLY;
    fixed[KIND_NONE] = NONE;
    return new SetClassifier("Referrers by class", members, wordRanks, kindOfMember, sets, fixed,
        key -> key < classCount ? classes.get(key).name() : "class " + classes.get(key - classCount).name());
  }

  /** A class index for instances and arrays; the class count plus the class's index for class objects. */
  private static int referrerKey(HeapGraph graph, int referrer, int classCount) {
    if (graph.kind(referrer) == ObjectKind.CLASS) {
      var mirrored = graph.asClass(referrer);
      if (mirrored.isPresent()) {
        return classCount + mirrored.get().index();
      }
    }
    return graph.classIndexOf(referrer);
  }

  static long[] rootedObjects(HeapGraph graph) {
    long[] rooted = Bits.empty(graph.objectCount());
    for (GcRoot root : graph.roots()) {
      Bits.set(rooted, root.object());
    }
    return rooted;
  }
}
