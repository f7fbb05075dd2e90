package dev.heapdiff.internal;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapThread;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.hprof.RootKind;
import dev.heapdiff.hprof.StackFrame;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The live objects of a user's heap: what GC roots reach when the objects of heapdiff itself are
 * not there. Objects of heapdiff's own classes (and class objects of them) are neither marked nor
 * followed, so whatever only they reach (parsed graphs of earlier snapshots, tables, buffers) is not
 * part of the user's heap; heapy hides itself the same way. Nor are the stack frames of the call
 * that wrote the dump (the JDK's {@code dumpHeap}, and {@code Heap.snapshot} when it made the call)
 * roots: what only they hold, such as the file's name, belongs to the call. The walk is the reader's
 * ({@link HeapGraph#reachableWithout}); this class only says what is heapdiff's own.
 */
public final class LiveObjects {
  /** The library's packages: {@code dev.heapdiff} and every package below it but these. */
  private static final String LIBRARY = "dev.heapdiff";
  /**
   * Packages below {@link #LIBRARY} whose classes are the user's: the tests' workloads, the
   * benchmarks' and the demo's service, each a program heapdiff looks at. {@code LiveObjectsTest}
   * checks every package of the repository against its module.
   */
  private static final String[] USER_PACKAGES = {
      "dev.heapdiff.testdata", "dev.heapdiff.bench", "dev.heapdiff.cli.demo"};

  private LiveObjects() {}

  /**
   * Returns whether a class of this Java name belongs to heapdiff itself: its package is {@code
   * dev.heapdiff} or below it (a new package is heapdiff's without being listed: the matcher's was
   * missed when it came), except the workloads' and the demo's.
   */
  public static boolean isLibraryClass(String className) {
    String pkg = Classifiers.packageOf(className);
    if (!pkg.equals(LIBRARY) && !pkg.startsWith(LIBRARY + ".")) {
      return false;
    }
    for (String user : USER_PACKAGES) {
      if (pkg.equals(user) || pkg.startsWith(user + ".")) {
        return false;
      }
    }
    return true;
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
    IntPredicate excludedObject = object -> excluded(graph, object, excludedClass, anyExcluded);
    int[] ownFrames = ownFrames(graph);
    if (ownFrames.length == 0) {
      return graph.reachableWithout(excludedObject);
    }
    List<GcRoot> roots = graph.roots();
    return graph.reachableWithout(excludedObject, r -> inOwnFrame(roots.get(r), ownFrames));
  }

  /** The class of the JDK's {@code HotSpotDiagnosticMXBean.dumpHeap}, whoever calls it. */
  private static final String DUMP_CALL = "com.sun.management.internal.HotSpotDiagnostic";

  /**
   * Per thread serial, the deepest stack frame of the dump call at the top of that thread's stack
   * when the dump was written (the JDK's {@code dumpHeap} and heapdiff's {@code Heap.snapshot}
   * below it), or -1; empty when no thread was in such a call. What only those frames hold (the
   * dump's file name, the JDK's own objects of the call) is the dump call's, not the program's.
   */
  private static int[] ownFrames(HeapGraph graph) {
    int[] deepest = new int[0];
    for (HeapThread thread : graph.threads()) {
      int own = -1;
      List<StackFrame> frames = thread.frames();
      for (int k = 0; k < frames.size(); k++) {
        String className = frames.get(k).className();
        if (isLibraryClass(className) || className.equals(DUMP_CALL)) {
          own = k;
        } else if (!isJdkClass(className)) {
          break; // the program's own code: its frames and those below are the program's
        }
      }
      if (own >= 0 && thread.serial() >= 0) {
        if (deepest.length <= thread.serial()) {
          int old = deepest.length;
          deepest = Arrays.copyOf(deepest, thread.serial() + 1);
          Arrays.fill(deepest, old, deepest.length, -1);
        }
        deepest[thread.serial()] = own;
      }
    }
    return deepest;
  }

  private static boolean inOwnFrame(GcRoot root, int[] ownFrames) {
    int serial = root.threadSerial();
    return (root.kind() == RootKind.JAVA_FRAME || root.kind() == RootKind.JNI_LOCAL)
        && serial >= 0 && serial < ownFrames.length && root.frame() >= 0 && root.frame() <= ownFrames[serial];
  }

  private static boolean isJdkClass(String className) {
    return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
        || className.startsWith("sun.") || className.startsWith("com.sun.");
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
