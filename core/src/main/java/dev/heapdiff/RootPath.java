package dev.heapdiff;

import dev.heapdiff.internal.PathSearch;
import java.util.AbstractList;
import java.util.List;

/**
 * One shortest path from a GC root to an object, read like code:
 *
 * <pre>
 * Root(static) com.acme.Cache.INSTANCE .map .table[17] .value -&gt; com.acme.Order@0x7f3a1c0
 * Root(local in "worker-1" at com.acme.Job.run(Job.java:42)) [5] .next -&gt; com.acme.Node@0x7f3a200
 * </pre>
 *
 * <p>The root comes first: a static field ({@code Root(static) Class.FIELD}), a thread
 * ({@code Root(thread "main")}), a local variable of a stack frame, a JNI global, a system class
 * ({@code Root(system class) java.lang.System}) and so on. Each step names the field
 * ({@code .name}) or array slot ({@code [i]}) that holds the next object; the target is last.
 */
public final class RootPath {
  private static final int SHOWN_STEPS_HEAD = 40;
  private static final int SHOWN_STEPS_TAIL = 10;

  private final Snapshot snapshot;
  private final String root;
  private final int[] objects;
  private final String[] steps;

  RootPath(Snapshot snapshot, String root, PathSearch.Found found) {
    this.snapshot = snapshot;
    this.root = root;
    this.objects = found.objects();
    this.steps = found.steps();
  }

  /**
   * Returns how the path begins, such as {@code Root(static) com.acme.Cache.INSTANCE}.
   *
   * @return {@code Root(...)} naming the kind of root (and the thread and frame of a local), then the
   *     class and field of a static field, or the class that a rooted class object stands for
   */
  public String root() {
    return root;
  }

  /**
   * Returns the number of objects on the path: the object the root holds, every object between,
   * and the target. A path of length 1 is a root holding the target itself.
   *
   * @return 1 or more
   */
  public int length() {
    return objects.length;
  }

  /**
   * Returns the objects on the path, from the one the root holds to the target.
   *
   * @return an unmodifiable list of {@link #length()} objects
   */
  public List<HeapObject> objects() {
    return new AbstractList<>() {
      @Override
      public HeapObject get(int i) {
        return new HeapObject(snapshot, objects[i]);
      }

      @Override
      public int size() {
        return objects.length;
      }
    };
  }

  /**
   * Returns the steps: element {@code j} is how object {@code j} of {@link #objects()} holds object
   * {@code j + 1}: {@code .field}, {@code [i]}, or {@code <super>}, {@code <classloader>} and the like
   * for class objects. There is one step fewer than objects.
   *
   * @return an unmodifiable list of {@code length() - 1} steps
   */
  public List<String> steps() {
    return List.of(steps);
  }

  /**
   * Returns the last object of the path, a member of the set whose paths these are.
   *
   * @return the target, the last of {@link #objects()}
   */
  public HeapObject target() {
    return new HeapObject(snapshot, objects[objects.length - 1]);
  }

  /**
   * Returns the path as one line; a path of more than fifty steps shows its first forty and last ten
   * with the number left out between them ({@link #steps()} has them all).
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(root);
    int n = steps.length;
    boolean cut = n > SHOWN_STEPS_HEAD + SHOWN_STEPS_TAIL;
    for (int j = 0; j < n; j++) {
      if (cut && j == SHOWN_STEPS_HEAD) {
        int skipped = n - SHOWN_STEPS_HEAD - SHOWN_STEPS_TAIL;
        out.append(String.format(" ...<%,d more steps>...", skipped));
        j = n - SHOWN_STEPS_TAIL - 1;
        continue;
      }
      String step = steps[j];
      // An array slot follows the field that holds the array: ".table[17]".
      if (!(step.startsWith("[") && j > 0)) {
        out.append(' ');
      }
      out.append(step);
    }
    HeapObject target = target();
    return out.append(" -> ").append(target.className()).append("@0x").append(Long.toHexString(target.id()))
        .toString();
  }
}
