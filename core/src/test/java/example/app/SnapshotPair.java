package example.app;

import dev.heapdiff.Heap;
import dev.heapdiff.Snapshot;
import java.lang.ref.Reference;

/** Code of a program, outside heapdiff's packages, that snapshots its heap around some work. */
public final class SnapshotPair {
  private SnapshotPair() {}

  /**
   * Takes a snapshot, makes a {@link Widget} that only a local variable of this method holds, and
   * takes another; returns both snapshots, the earlier first.
   */
  public static Snapshot[] aroundALocalWidget() {
    Snapshot before = Heap.snapshot();
    Widget held = new Widget(-1);
    Snapshot after = Heap.snapshot();
    Reference.reachabilityFence(held);
    return new Snapshot[] {before, after};
  }
}
