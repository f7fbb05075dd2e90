package dev.heapdiff.internal;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;

/**
 * The live objects of a user's heap: what GC roots reach when the objects of heapdiff itself are
 * not there. Objects of heapdiff's own classes (and class objects of them) are neither marked nor
 * followed, so whatever only they reach (parsed graphs of earlier snapshots, tables, buffers) is not
 * part of the user's heap; heapy hides itself the same way. The walk is the reader's
 * ({@link HeapGraph#reachableWithout}); this class only says what is heapdiff's own.
 */
public final class LiveObjects {
  /** Packages of the library itself; its tests and workloads ({@code dev.heapdiff.testdata}) are the user's. */
  private static final String[] LIBRARY_PACKAGES = {
      "dev.heapdiff", "dev.heapdiff.internal", "dev.heapdiff.hprof", "dev.heapdiff.hprof.internal",
      "dev.heapdiff.report", "dev.heapdiff.cli", "dev.heapdiff.junit", "dev.heapdiff.assertj"};

  private LiveObjects() {}

  /** Returns whether a class of this Java name belongs to heapdiff itself. */
  public static boolean isLibraryClass(String className) {
    String pkg = Classifiers.packageOf(className);
    for (String library : LIBRARY_PACKAGES) {
      if (pkg.equals(library)) {
        return true;
      }
    }
    return false;
  }


  /** Computes the live set of {@code graph}, excluding heapdiff's own objects. */
  public static long[] compute(HeapGraph graph) {
    int classes = graph.classes().size();
    boolean[] excludedClass = new boolean[classes];
    boolean any = false;
    for (int c = 0; c < classes; c++) {
      excludedClass[c] = isLibraryClass(graph.classes().get(c).name());
      any |= excludedClass[c];
    }
    boolean anyExcluded = any;
    return graph.reachableWithout(object -> excluded(graph, object, excludedClass, anyExcluded));
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
