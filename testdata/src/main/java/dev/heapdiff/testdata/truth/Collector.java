package dev.heapdiff.testdata.truth;

import java.util.List;

/** The garbage collector a two-dump run uses, with the JVM options that select it. */
public enum Collector {
  /**
   * Never moves or frees an object: an id is the object's identity across both dumps, which is what
   * makes ground truth possible. Every object ever allocated stays in the heap (and in the dumps).
   */
  EPSILON("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC"),
  /** Region-based and moving: most addresses survive a dump, some do not. */
  G1("-XX:+UseG1GC"),
  /** A sliding full collection per dump: most addresses change. */
  PARALLEL("-XX:+UseParallelGC"),
  /** A sliding full collection per dump, single-threaded. */
  SERIAL("-XX:+UseSerialGC");

  private final List<String> options;

  Collector(String... options) {
    this.options = List.of(options);
  }

  /** Returns the JVM options that select this collector. */
  public List<String> options() {
    return options;
  }

  /** Returns the lower-case name used in file names: {@code epsilon}, {@code g1}, … */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
