package example.app;

import dev.heapdiff.Heap;
import dev.heapdiff.Snapshot;
import dev.heapdiff.SnapshotOptions;
import java.nio.file.Path;

/**
 * A program that takes snapshots and exits without closing them: one in a private temporary
 * directory, one in the directory given as argument; prints their paths, one a line.
 */
public final class SnapshotsLeftOpen {
  private SnapshotsLeftOpen() {}

  public static void main(String[] args) {
    Snapshot inPrivate = Heap.snapshot();
    Snapshot inGiven = Heap.snapshot(SnapshotOptions.defaults().directory(Path.of(args[0])));
    System.out.println(inPrivate.file());
    System.out.println(inGiven.file());
  }
}
