package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code ConcurrentHashMap} of {@value #BEFORE} entries gains {@value #ADDED} (resizing its table
 * three times), loses {@value #REMOVED} old ones and replaces the values of {@value #REPLACED}
 * others. A resize copies the nodes of each bin except its last run into new nodes, so more than
 * {@value #ADDED} {@code ConcurrentHashMap$Node}s are new and more than {@value #REMOVED} old ones
 * are gone, by the same number. The keys are made in the setup, so the section makes no strings
 * (and bootstraps no string concatenation, whose JDK caches are concurrent maps too).
 */
public final class ConcurrentHashMapWork implements Workload {
  public static final int BEFORE = 2_000;
  public static final int ADDED = 10_000;
  public static final int REMOVED = 500;
  public static final int REPLACED = 500;

  static final ConcurrentHashMap<String, Long> MAP = new ConcurrentHashMap<>();
  static final String[] KEYS = new String[BEFORE + ADDED];

  @Override
  public void setup() {
    for (int k = 0; k < KEYS.length; k++) {
      KEYS[k] = "key-" + k;
    }
    for (int k = 0; k < BEFORE; k++) {
      MAP.put(KEYS[k], 1_000_000L + k);
    }
  }

  @Override
  public void criticalSection() {
    for (int k = BEFORE; k < BEFORE + ADDED; k++) {
      MAP.put(KEYS[k], 1_000_000L + k);
    }
    for (int k = 0; k < REMOVED; k++) {
      MAP.remove(KEYS[k]);
    }
    for (int k = REMOVED; k < REMOVED + REPLACED; k++) {
      MAP.put(KEYS[k], MAP.get(KEYS[k]) + 1);
    }
  }
}
