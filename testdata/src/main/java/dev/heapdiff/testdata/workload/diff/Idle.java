package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;

/**
 * Does nothing between the dumps: after minus before should be (nearly) empty, whatever the
 * collector moved. The setup leaves some state so there is something to move.
 */
public final class Idle implements Workload {
  static final Object[] STATE = new Object[5_000];

  @Override
  public void setup() {
    for (int k = 0; k < STATE.length; k++) {
      STATE[k] = k % 3 == 0 ? "state " + k : new int[] {k};
    }
  }

  @Override
  public void criticalSection() {
    // nothing: the point of this workload
  }
}
