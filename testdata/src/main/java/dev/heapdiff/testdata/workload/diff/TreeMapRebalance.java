package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.TreeMap;

/**
 * A red-black {@code TreeMap} of {@value #BEFORE} entries (even keys) loses {@value #CHANGED}
 * scattered keys and gains {@value #CHANGED} new odd ones, rotating and recolouring all the way.
 * Deleting a node with two children copies its successor's key and value into it and unlinks the
 * successor, so the entry objects that go are not always those whose keys went. New: exactly
 * {@value #CHANGED} {@code TreeMap$Entry}s; gone: as many.
 */
public final class TreeMapRebalance implements Workload {
  public static final int BEFORE = 10_000;
  public static final int CHANGED = 3_000;

  static final TreeMap<Integer, String> MAP = new TreeMap<>();

  @Override
  public void setup() {
    for (int k = 0; k < BEFORE; k++) {
      MAP.put(2 * k, "entry " + 2 * k);
    }
  }

  @Override
  public void criticalSection() {
    // 7919 is prime and coprime to BEFORE: k * 7919 % BEFORE visits distinct keys in scattered order.
    for (int k = 0; k < CHANGED; k++) {
      MAP.remove(2 * (int) ((long) k * 7919 % BEFORE));
    }
    for (int k = 0; k < CHANGED; k++) {
      int key = 2 * (int) ((long) k * 4813 % BEFORE) + 1;
      MAP.put(key, "entry " + key);
    }
  }
}
