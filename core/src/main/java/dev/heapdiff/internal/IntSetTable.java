package dev.heapdiff.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each distinct set of small non-negative ints a dense number, once: classifiers whose kind
 * is a set (of referrer classes, of ways of being held) look each object's set up here instead of
 * building a label string per object. Sets of one element, by far the commonest, take no lookup.
 */
final class IntSetTable {
  private final int[] singleton;
  private final Map<IntArrayKey, Integer> multi = new HashMap<>();
  private final List<int[]> sets = new ArrayList<>();

  /** A table for sets whose elements are below {@code universe}. */
  IntSetTable(int universe) {
    singleton = new int[universe];
    Arrays.fill(singleton, -1);
  }

  /**
   * Returns the number of the set held in {@code scratch[0..length)}, which this call sorts and
   * deduplicates in place.
   */
  int numberOf(int[] scratch, int length) {
    if (length == 1) {
      int e = scratch[0];
      int n = singleton[e];
      if (n < 0) {
        n = add(new int[] {e});
        singleton[e] = n;
      }
      return n;
    }
    Arrays.sort(scratch, 0, length);
    int distinct = 0;
    for (int i = 0; i < length; i++) {
      if (distinct == 0 || scratch[distinct - 1] != scratch[i]) {
        scratch[distinct++] = scratch[i];
      }
    }
    if (distinct == 1) {
      return numberOf(scratch, 1);
    }
    IntArrayKey key = new IntArrayKey(Arrays.copyOf(scratch, distinct));
    Integer n = multi.get(key);
    if (n == null) {
      n = add(key.elements());
      multi.put(key, n);
    }
    return n;
  }

  private int add(int[] set) {
    sets.add(set);
    return sets.size() - 1;
  }

  /** Returns the elements of set {@code number}, sorted. */
  int[] elements(int number) {
    return sets.get(number);
  }

  /** Returns how many sets have numbers. */
  int size() {
    return sets.size();
  }
}
