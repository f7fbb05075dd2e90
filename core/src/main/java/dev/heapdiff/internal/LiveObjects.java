package dev.heapdiff.internal;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;

/**
 * The live objects of a user's heap: what GC roots reach when the objects of heapdiff itself are
 * not there. Objects of heapdiff's own classes (and class objects of them) are neither marked nor
 * followed, so whatever only they reach (parsed graphs of earlier snapshots, tables, buffers) is not
 * part of the user's heap; heapy hides itself the same way. Iterative: graphs are millions deep.
 */
public final class LiveObjects {
  /** Packages of the library itself; its tests and workloads ({@code dev.heapdiff.testdata}) are the user's. */
  private static final String[] LIBRARY_PACKAGES = {
      "dev.heapdiff", "dev.heapdiff.internal", "dev.heapdiff.hprof", "dev.heapdiff.hprof.internal",
      "dev.heapdiff.report", "dev.heapdiff.cli", "dev.heapdiff.junit", "dev.heapdiff.assertj"};

  private LiveObjects() {}

  /** Returns whether a class of this Java name belongs to heapdiff itself. */
  public static boolean isLibraryClass(String className) {
    String name = className;
    while (name.endsWith("[]")) {
      name = name.substring(0, name.length() - 2);
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return false;
    }
    String pkg = name.substring(0, dot);
    for (String library : LIBRARY_PACKAGES) {
      if (pkg.equals(library)) {
        return true;
      }
    }
    return false;
  }

  /** Computes the live set of {@code graph}, excluding heapdiff's own objects. */
  public static long[] compute(HeapGraph graph) {
    int n = graph.objectCount();
    int classes = graph.classes().size();
    boolean[] excludedClass = new boolean[classes];
    boolean any = false;
    for (int c = 0; c < classes; c++) {
      excludedClass[c] = isLibraryClass(graph.classes().get(c).name());
      any |= excludedClass[c];
    }
    long[] live = Bits.empty(n);
    int[] stack = new int[Math.max(n, 1)];
    int top = 0;
    for (var root : graph.roots()) {
      int object = root.object();
      if (!excluded(graph, object, excludedClass, any) && !Bits.get(live, object)) {
        Bits.set(live, object);
        stack[top++] = object;
      }
    }
    boolean[] classDone = new boolean[classes];
    while (true) {
      while (top > 0) {
        int object = stack[--top];
        int refs = graph.referenceCount(object);
        for (int k = 0; k < refs; k++) {
          int target = graph.reference(object, k);
          if (!Bits.get(live, target) && !excluded(graph, target, excludedClass, any)) {
            Bits.set(live, target);
            stack[top++] = target;
          }
        }
      }
      // A live object keeps its class alive.
      for (int i = Bits.next(live, 0); i >= 0; i = Bits.next(live, i + 1)) {
        int c = graph.classIndexOf(i);
        if (!classDone[c]) {
          classDone[c] = true;
          int mirror = graph.classes().get(c).objectIndex();
          if (mirror >= 0 && !Bits.get(live, mirror)) {
            Bits.set(live, mirror);
            stack[top++] = mirror;
          }
        }
      }
      if (top == 0) {
        break;
      }
    }
    return live;
  }

  private static boolean excluded(HeapGraph graph, int object, boolean[] excludedClass, boolean any) {
    if (!any) {
      return false;
    }
    if (excludedClass[graph.classIndexOf(object)]) {
      return true;
    }
    if (graph.kind(object) == ObjectKind.CLASS) {
      return graph.asClass(object).map(c -> excludedClass[c.index()]).orElse(false);
    }
    return false;
  }
}
