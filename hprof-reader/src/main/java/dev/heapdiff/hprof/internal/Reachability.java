package dev.heapdiff.hprof.internal;

/**
 * Marks every object reachable from a GC root, following all references (weak ones too, as the
 * JVM's dump does not say which referents were cleared) and from each object to its class.
 * Iterative: heap graphs are millions deep.
 */
final class Reachability {
  private Reachability() {}

  static void compute(GraphData g) {
    int n = g.ids.size();
    long[] marked = new long[(n + 63) >>> 6];
    int[] queue = new int[Math.max(n, 1)];
    int head = 0;
    int tail = 0;
    int[] mirrorOfClass = new int[g.classes.length];
    for (int c = 0; c < g.classes.length; c++) {
      mirrorOfClass[c] = g.classes[c].objectIndex;
    }
    for (int root : g.rootObjects) {
      if (mark(marked, root)) {
        queue[tail++] = root;
      }
    }
    while (head < tail) {
      int object = queue[head++];
      for (int r = g.refStart[object], end = g.refStart[object + 1]; r < end; r++) {
        int target = g.refs[r];
        if (mark(marked, target)) {
          queue[tail++] = target;
        }
      }
      int mirror = mirrorOfClass[g.classOf[object]];
      if (mirror >= 0 && mark(marked, mirror)) {
        queue[tail++] = mirror;
      }
    }
    g.reachable = marked;
    g.reachableCount = tail;
  }

  private static boolean mark(long[] marked, int object) {
    long bit = 1L << object;
    int word = object >>> 6;
    if ((marked[word] & bit) != 0) {
      return false;
    }
    marked[word] |= bit;
    return true;
  }
}
