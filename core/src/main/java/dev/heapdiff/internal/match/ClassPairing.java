package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classes of two dumps paired by name and defining loader. A name that only one class has in each
 * dump pairs at once, and the loaders of such pairs pair with each other; a name that several loaders
 * define pairs through its loader's partner, or failing that through the loader's class name when
 * that is unambiguous. A class with no partner makes all its instances new.
 */
final class ClassPairing {
  /** Class index in {@code a} to class index in {@code b}, or -1; and the reverse. */
  final int[] aToB;
  final int[] bToA;
  /** Loader object ids of {@code a} to those of {@code b} (0, the boot loader, to 0). */
  final Map<Long, Long> loaders = new HashMap<>();

  /**
   * Per class of {@code a}, a key that its paired class of {@code b} shares ({@link #keysB}) and no
   * other class of either dump has: the index in {@code b} of its partner, or a key of its own.
   */
  long[] keysA() {
    long[] keys = new long[aToB.length];
    for (int c = 0; c < keys.length; c++) {
      keys[c] = aToB[c] >= 0 ? aToB[c] : (1L << 40) + c;
    }
    return keys;
  }

  /** Per class of {@code b}, the key {@link #keysA} gives its paired class of {@code a}, or one of its own. */
  long[] keysB() {
    long[] keys = new long[bToA.length];
    for (int c = 0; c < keys.length; c++) {
      keys[c] = bToA[c] >= 0 ? c : (1L << 41) + c;
    }
    return keys;
  }

  ClassPairing(HeapGraph a, HeapGraph b) {
    aToB = new int[a.classes().size()];
    bToA = new int[b.classes().size()];
    Arrays.fill(aToB, -1);
    Arrays.fill(bToA, -1);
    Map<String, List<HeapClass>> byNameA = byName(a);
    Map<String, List<HeapClass>> byNameB = byName(b);
    loaders.put(0L, 0L);
    Map<Long, Long> reverse = new HashMap<>();
    reverse.put(0L, 0L);
    for (Map.Entry<String, List<HeapClass>> e : byNameA.entrySet()) {
      List<HeapClass> other = byNameB.get(e.getKey());
      if (other != null && e.getValue().size() == 1 && other.size() == 1) {
        pair(e.getValue().get(0), other.get(0), reverse);
      }
    }
    // Names several loaders define: through loaders paired so far, twice (pairs made in the first
    // round pair more loaders), then through the loader's class name.
    for (int round = 0; round < 3; round++) {
      for (Map.Entry<String, List<HeapClass>> e : byNameA.entrySet()) {
        List<HeapClass> other = byNameB.get(e.getKey());
        if (other == null || (e.getValue().size() == 1 && other.size() == 1)) {
          continue;
        }
        for (HeapClass ca : e.getValue()) {
          if (aToB[ca.index()] >= 0) {
            continue;
          }
          HeapClass only = null;
          int found = 0;
          for (HeapClass cb : other) {
            if (bToA[cb.index()] >= 0) {
              continue;
            }
            boolean same = round < 2
                ? Long.valueOf(cb.classLoaderId()).equals(loaders.get(ca.classLoaderId()))
                : loaderClass(a, ca).equals(loaderClass(b, cb));
            if (same) {
              only = cb;
              found++;
            }
          }
          if (found == 1 && (round < 2 || unique(e.getValue(), ca, a))) {
            pair(ca, only, reverse);
          }
        }
      }
    }
  }

  private void pair(HeapClass ca, HeapClass cb, Map<Long, Long> reverse) {
    aToB[ca.index()] = cb.index();
    bToA[cb.index()] = ca.index();
    long la = ca.classLoaderId();
    long lb = cb.classLoaderId();
    if (!loaders.containsKey(la) && !reverse.containsKey(lb)) {
      loaders.put(la, lb);
      reverse.put(lb, la);
    }
  }

  /** Whether no other unpaired class of this name in {@code a} has a loader of the same class. */
  private boolean unique(List<HeapClass> sameName, HeapClass ca, HeapGraph a) {
    String loader = loaderClass(a, ca);
    for (HeapClass c : sameName) {
      if (c != ca && aToB[c.index()] < 0 && loaderClass(a, c).equals(loader)) {
        return false;
      }
    }
    return true;
  }

  private static String loaderClass(HeapGraph graph, HeapClass c) {
    if (c.classLoaderId() == 0) {
      return "<boot>";
    }
    int loader = graph.indexOf(c.classLoaderId());
    return loader < 0 ? "<missing>" : graph.classOf(loader).name();
  }

  private static Map<String, List<HeapClass>> byName(HeapGraph graph) {
    Map<String, List<HeapClass>> out = new HashMap<>();
    for (HeapClass c : graph.classes()) {
      out.computeIfAbsent(c.name(), k -> new ArrayList<>(1)).add(c);
    }
    return out;
  }
}
