package dev.heapdiff.internal;

import dev.heapdiff.hprof.HeapGraph;

/**
 * A snapshot once read: its graph and its live objects (heapdiff's own excluded).
 *
 * @param graph the dump's object graph
 * @param live one bit per object index, set for the user's live objects
 * @param liveCount the number of set bits in {@code live}
 */
public record Analysis(HeapGraph graph, long[] live, int liveCount) {
  public static Analysis of(HeapGraph graph) {
    long[] live = LiveObjects.compute(graph);
    return new Analysis(graph, live, Bits.count(live));
  }
}
