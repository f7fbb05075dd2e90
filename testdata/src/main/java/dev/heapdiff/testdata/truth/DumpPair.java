package dev.heapdiff.testdata.truth;

import java.nio.file.Path;

/**
 * The two dumps of one run: {@code before} was written after the workload's setup, {@code after}
 * after its critical section, in the same JVM.
 *
 * @param workload the workload's class name
 * @param collector the collector the JVM ran with
 * @param before the first dump
 * @param after the second dump
 */
public record DumpPair(String workload, Collector collector, Path before, Path after) {
  @Override
  public String toString() {
    return workload + " under " + collector.label() + ": " + before + " -> " + after;
  }
}
