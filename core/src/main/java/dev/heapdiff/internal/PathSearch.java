package dev.heapdiff.internal;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapReference;
import dev.heapdiff.hprof.ObjectKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All shortest paths from the roots ({@link RootEdges}) to the nearest members of a set, through
 * live objects, counted without enumerating them.
 *
 * <p>A breadth-first search from every root edge at once records each object's level and the
 * number of shortest paths that reach it: an object first met at level {@code d+1} starts with the
 * count of the object it was met from, and every further edge from level {@code d} adds that
 * object's count (edges, not objects: two fields holding the same object are two paths). The
 * search stops at the first level holding members. Path number {@code i} is then found by walking
 * back from a target through referrers one level up, choosing the referrer whose block of path
 * numbers holds {@code i}; nothing is ever enumerated, and nothing recurses.
 *
 * <p>The {@code referent} field of {@code java.lang.ref.Reference} and its subclasses is not an
 * edge: weak, soft, phantom and final references do not keep objects alive.
 */
public final class PathSearch {
  /**
   * One path: {@code objects[0]} is the object the root edge holds, {@code steps[j]} how
   * {@code objects[j]} holds {@code objects[j + 1]} ({@code .field}, {@code [i]}, {@code <super>}).
   */
  public record Found(RootEdges.Edge root, int[] objects, String[] steps) {}

  private final HeapGraph graph;
  private final long[] live;
  private final RootEdges roots;
  private final boolean[] referenceClass;
  private final int[] level;
  private final long[] count;
  private final int[] targets;
  private final long total;
  private final Map<String, String> fieldSteps = new ConcurrentHashMap<>();

  private PathSearch(HeapGraph graph, long[] live, RootEdges roots, long[] members) {
    this.graph = graph;
    this.live = live;
    this.roots = roots;
    this.referenceClass = referenceClasses(graph);
    int n = graph.objectCount();
    this.level = new int[n];
    this.count = new long[n];
    int[] frontier = new int[roots.objects().size()];
    int size = 0;
    for (int object : roots.objects()) {
      level[object] = 1;
      count[object] = roots.into(object).size();
      frontier[size++] = object;
    }
    int[] found = new int[0];
    int depth = 1;
    int[] next = new int[16];
    while (size > 0) {
      found = membersOf(frontier, size, members);
      if (found.length > 0) {
        break;
      }
      int nextSize = 0;
      for (int f = 0; f < size; f++) {
        int u = frontier[f];
        long paths = count[u];
        int[] targetsOfU = edgesOf(u);
        if (nextSize + targetsOfU.length > next.length) {
          next = Arrays.copyOf(next, Math.max(next.length * 2, nextSize + targetsOfU.length));
        }
        for (int v : targetsOfU) {
          if (!Bits.get(live, v)) {
            continue;
          }
          if (level[v] == 0) {
            level[v] = depth + 1;
            count[v] = paths;
            next[nextSize++] = v;
          } else if (level[v] == depth + 1) {
            count[v] = saturatedAdd(count[v], paths);
          }
        }
      }
      int[] swap = frontier;
      frontier = next;
      next = swap;
      size = nextSize;
      depth++;
    }
    this.targets = found;
    long sum = 0;
    for (int t : found) {
      sum = saturatedAdd(sum, count[t]);
    }
    this.total = sum;
  }

  /** Searches the shortest paths from the roots of {@code live} to the nearest objects of {@code members}. */
  public static PathSearch run(HeapGraph graph, long[] live, long[] members) {
    return new PathSearch(graph, live, RootEdges.of(graph, live), members);
  }

  private static boolean[] referenceClasses(HeapGraph graph) {
    List<HeapClass> classes = graph.classes();
    boolean[] out = new boolean[classes.size()];
    for (HeapClass c : classes) {
      for (HeapClass k = c; k != null; k = k.superclassIndex() < 0 ? null : classes.get(k.superclassIndex())) {
        if (k.name().equals("java.lang.ref.Reference")) {
          out[c.index()] = true;
          break;
        }
      }
    }
    return out;
  }

  private boolean isReferenceObject(int object) {
    return referenceClass[graph.classIndexOf(object)] && graph.kind(object) == ObjectKind.INSTANCE;
  }

  /** The targets of the edges of {@code object}, once per edge, without a Reference's referent. */
  private int[] edgesOf(int object) {
    if (!isReferenceObject(object)) {
      return graph.references(object);
    }
    List<HeapReference> named = graph.namedReferences(object);
    int[] out = new int[named.size()];
    int n = 0;
    for (HeapReference ref : named) {
      if (!ref.name().equals("referent")) {
        out[n++] = ref.target();
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] membersOf(int[] frontier, int size, long[] members) {
    int n = 0;
    for (int f = 0; f < size; f++) {
      if (Bits.get(members, frontier[f])) {
        n++;
      }
    }
    int[] out = new int[n];
    n = 0;
    for (int f = 0; f < size; f++) {
      if (Bits.get(members, frontier[f])) {
        out[n++] = frontier[f];
      }
    }
    Arrays.sort(out);
    return out;
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }

  /** Returns the number of shortest paths; {@code Long.MAX_VALUE} if there are that many or more. */
  public long count() {
    return total;
  }

  /** Returns the nearest members, in index order. */
  public int[] targets() {
    return targets.clone();
  }

  /** Returns the number of objects on each shortest path, or 0 if there is none. */
  public int length() {
    return targets.length == 0 ? 0 : level[targets[0]];
  }

  /** Returns path number {@code index}, from 0 to {@link #count()} - 1. */
  public Found path(long index) {
    if (index < 0 || index >= total) {
      throw new IndexOutOfBoundsException("path " + index + " of " + total);
    }
    long i = index;
    int target = -1;
    for (int t : targets) {
      if (i < count[t]) {
        target = t;
        break;
      }
      i -= count[t];
    }
    int length = level[target];
    int[] objects = new int[length];
    String[] steps = new String[length - 1];
    int v = target;
    for (int d = length; d > 1; d--) {
      objects[d - 1] = v;
      int[] referrers = graph.referrers(v);
      Arrays.sort(referrers);
      int chosen = -1;
      for (int k = 0; k < referrers.length && chosen < 0; k++) {
        int u = referrers[k];
        if ((k > 0 && referrers[k - 1] == u) || level[u] != d - 1 || !Bits.get(live, u)) {
          continue;
        }
        List<String> via = stepsBetween(u, v);
        long block = saturatedMultiply(count[u], via.size());
        if (i < block) {
          steps[d - 2] = via.get((int) (i / count[u]));
          i %= count[u];
          chosen = u;
        } else {
          i -= block;
        }
      }
      if (chosen < 0) {
        throw new IllegalStateException("no referrer of object " + v + " at level " + (d - 1));
      }
      v = chosen;
    }
    objects[0] = v;
    return new Found(roots.into(v).get((int) i), objects, steps);
  }

  /** The names of the edges from {@code from} to {@code to}, in the order of {@code from}'s references. */
  private List<String> stepsBetween(int from, int to) {
    List<String> out = new ArrayList<>(1);
    if (graph.kind(from) == ObjectKind.OBJECT_ARRAY) {
      long id = graph.id(to);
      for (int s = 0, n = graph.arrayLength(from); s < n; s++) {
        if ((Long) graph.arrayElement(from, s) == id) {
          out.add("[" + s + "]");
        }
      }
      return out;
    }
    boolean reference = isReferenceObject(from);
    for (HeapReference ref : graph.namedReferences(from)) {
      if (ref.target() == to && !(reference && ref.name().equals("referent"))) {
        String name = ref.name();
        out.add(name.startsWith("<") ? name : fieldSteps.computeIfAbsent(name, f -> "." + f));
      }
    }
    return out;
  }

  /** Returns the roots the paths start from. */
  public RootEdges roots() {
    return roots;
  }
}
