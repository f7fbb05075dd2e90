package dev.heapdiff.hprof.internal;

import java.util.function.IntPredicate;

/**
 * Marks every object reachable from a GC root, following all references (weak ones too, as the
 * dump does not say which referents were cleared) and from each reachable object to its class.
 *
 * <p>A depth-first walk with an explicit stack (heap graphs are millions deep): objects allocated
 * together sit next to each other in the dump, and depth-first visits them together, which keeps
 * the walk in cache far better than breadth-first. Classes of reachable objects are then marked in
 * one linear pass, and the walk resumes from them until nothing changes.
 */
public final class Reachability {
  private final GraphData g;
  /** Objects treated as absent (neither marked nor followed), or null for none. */
  private final IntPredicate excluded;
  /** Root records (by index) that are not roots, or null for none. */
  private final IntPredicate excludedRoot;
  private final long[] marked;
  private int[] stack;
  private int count;

  private Reachability(GraphData g, IntPredicate excluded, IntPredicate excludedRoot) {
    this.g = g;
    this.excluded = excluded;
    this.excludedRoot = excludedRoot;
    int n = g.ids.size();
    this.marked = new long[(n + 63) >>> 6];
    // A depth-first stack rarely holds more than a small part of the graph; it grows when needed.
    this.stack = new int[Math.min(Math.max(n, 1), 1 << 16)];
  }

  /** Marks what the roots reach in {@code g.reachable} and counts it in {@code g.reachableCount}. */
  static void compute(GraphData g) {
    Reachability walk = new Reachability(g, null, null);
    walk.run();
    g.reachable = walk.marked;
    g.reachableCount = walk.count;
  }

  /**
   * Returns what the roots reach when the objects {@code excluded} accepts are not there and the
   * root records {@code excludedRoot} accepts (either may be null) are not roots: one bit per
   * object index.
   */
  public static long[] without(GraphData g, IntPredicate excluded, IntPredicate excludedRoot) {
    Reachability walk = new Reachability(g, excluded, excludedRoot);
    walk.run();
    return walk.marked;
  }

  private void run() {
    int top = 0;
    for (int r = 0; r < g.rootObjects.length; r++) {
      int root = g.rootObjects[r];
      if ((excludedRoot == null || !excludedRoot.test(r)) && mark(root)) {
        push(top++, root);
      }
    }
    boolean[] classDone = new boolean[g.classes.length];
    int n = g.ids.size();
    while (true) {
      walk(top);
      top = 0;
      // Every reachable object keeps its class alive: mark the classes not reached yet.
      for (int i = 0; i < n; i++) {
        if ((marked[i >>> 6] & (1L << i)) != 0) {
          int c = g.classOf[i];
          if (!classDone[c]) {
            classDone[c] = true;
            int mirror = g.classes[c].objectIndex;
            if (mirror >= 0 && mark(mirror)) {
              push(top++, mirror);
            }
          }
        }
      }
      if (top == 0) {
        break;
      }
    }
  }

  private void walk(int top) {
    int[] refStart = g.refStart;
    int[] refs = g.refs;
    while (top > 0) {
      int object = stack[--top];
      for (int r = refStart[object], end = refStart[object + 1]; r < end; r++) {
        int target = refs[r];
        if (mark(target)) {
          push(top++, target);
        }
      }
    }
  }

  private void push(int at, int object) {
    if (at == stack.length) {
      stack = java.util.Arrays.copyOf(stack, (int) Math.min((long) stack.length * 2, Integer.MAX_VALUE - 16));
    }
    stack[at] = object;
  }

  private boolean mark(int object) {
    long bit = 1L << object;
    int word = object >>> 6;
    if ((marked[word] & bit) != 0 || excluded != null && excluded.test(object)) {
      return false;
    }
    marked[word] |= bit;
    count++;
    return true;
  }
}
