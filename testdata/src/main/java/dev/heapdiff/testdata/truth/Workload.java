package dev.heapdiff.testdata.truth;

/**
 * What a two-dump run does in the child JVM: {@link #setup()}, the first dump, {@link
 * #criticalSection()}, the second dump. An implementation has a public no-argument constructor and
 * keeps what must survive in static fields of its own class, in a package that heapdiff does not
 * treat as its own (not {@code dev.heapdiff}, {@code dev.heapdiff.internal}, {@code
 * dev.heapdiff.hprof*}, {@code dev.heapdiff.report} or {@code dev.heapdiff.cli}), so the objects
 * show up in snapshots as a user's would. The workloads live in {@code dev.heapdiff.testdata.workload.diff}.
 */
public interface Workload {
  /** Builds the state that exists before the first dump. */
  void setup() throws Exception;

  /** Runs between the two dumps; what it creates and keeps reachable is "after minus before". */
  void criticalSection() throws Exception;
}
