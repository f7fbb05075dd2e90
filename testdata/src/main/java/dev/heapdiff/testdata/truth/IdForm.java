package dev.heapdiff.testdata.truth;

/** How {@link IdRewriter} renumbers the objects of a dump. */
public enum IdForm {
  /**
   * Random distinct ids, 8-byte aligned, in a heap-like address range; the object records are
   * shuffled (class dumps first, then roots, then every other object) and cut into segments of
   * random sizes. Neither ids nor record order say anything about identity or age.
   */
  RANDOM,
  /**
   * Ids that keep the original address order, with the dead objects squeezed out as a sliding
   * compaction would do: each live object slides down over the dead ones before it, keeping its own
   * size (the gap to the next object in the original heap, capped by what its record allows).
   * Records stay in their original order.
   */
  ORDER_PRESERVING
}
