package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code HashMap<Long, String>} of {@value #BEFORE} entries grows by {@value #ADDED} entries in
 * the critical section, resizing its table four times; {@value #REPLACED} old entries get new values.
 * New: exactly {@value #ADDED} {@code HashMap$Node}s, their {@code Long} keys and {@code String}
 * values (with their {@code byte[]}s), {@value #REPLACED} replacement strings, and one table.
 */
public final class HashMapGrowth implements Workload {
  public static final int BEFORE = 2_000;
  public static final int ADDED = 30_000;
  public static final int REPLACED = 500;

  static final Map<Long, String> MAP = new HashMap<>();

  @Override
  public void setup() {
    for (long k = 0; k < BEFORE; k++) {
      MAP.put(1_000_000 + k, "value-" + k);
    }
  }

  @Override
  public void criticalSection() {
    for (long k = BEFORE; k < BEFORE + ADDED; k++) {
      MAP.put(1_000_000 + k, "value-" + k);
    }
    for (long k = 0; k < REPLACED; k++) {
      MAP.put(1_000_000 + k, "replaced-" + k);
    }
  }
}
