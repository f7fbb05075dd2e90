package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import dev.heapdiff.testdata.workload.Marker;
import java.util.ArrayList;
import java.util.List;

/**
 * For runs under moving collectors: the setup makes {@value #SURVIVORS} objects that stay and as
 * many that become garbage, so a collector has something to compact; the critical section creates exactly {@value #MARKERS} {@link Marker}s, kept in a
 * list. No {@code Marker} exists before.
 */
public final class MarkerObjects implements Workload {
  public static final int MARKERS = 10_000;
  public static final int SURVIVORS = 20_000;

  static final List<Object> KEEP = new ArrayList<>();

  @Override
  public void setup() {
    List<Object> garbage = new ArrayList<>();
    for (int k = 0; k < SURVIVORS; k++) {
      KEEP.add(new long[] {k});
      garbage.add(new int[k % 16]);
    }
    garbage.clear();
  }

  @Override
  public void criticalSection() {
    List<Marker> markers = new ArrayList<>(MARKERS);
    for (int k = 0; k < MARKERS; k++) {
      markers.add(new Marker("marker-" + k));
    }
    KEEP.add(markers);
  }
}
