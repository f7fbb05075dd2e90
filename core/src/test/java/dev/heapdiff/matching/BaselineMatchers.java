package dev.heapdiff.matching;

import dev.heapdiff.hprof.HeapField;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.hprof.ValueType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BASELINES, not heapdiff's matcher: two deliberately naive ways to guess the new objects of
 * {@code after}, there only to exercise the ground-truth scoring end to end and to give the real
 * matcher (issue #4) numbers to beat. Both look at reachable objects only and return ids of {@code
 * after}.
 */
final class BaselineMatchers {
  private BaselineMatchers() {}

  /** Baseline 1: calls every reachable object of {@code after} new (recall 1, precision = new / all). */
  static long[] everythingIsNew(HeapGraph before, HeapGraph after) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < after.objectCount(); i++) {
      if (after.isReachable(i)) {
        out.add(after.id(i));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Baseline 2: pairs objects with equal class name and equal content (kind, primitive field values,
   * array length and primitive elements; references ignored), first come first served in address
   * order, and calls the unpaired objects of {@code after} new. It calls a mutated survivor new and
   * cannot tell apart objects of equal content.
   */
  static long[] classAndContent(HeapGraph before, HeapGraph after) {
    Map<String, ArrayDeque<Long>> unpaired = new HashMap<>();
    for (int rank = 0; rank < before.objectCount(); rank++) {
      int i = before.objectAtIdRank(rank);
      if (before.isReachable(i)) {
        unpaired.computeIfAbsent(signature(before, i), k -> new ArrayDeque<>()).add(before.id(i));
      }
    }
    List<Long> out = new ArrayList<>();
    for (int rank = 0; rank < after.objectCount(); rank++) {
      int i = after.objectAtIdRank(rank);
      if (after.isReachable(i)) {
        ArrayDeque<Long> candidates = unpaired.get(signature(after, i));
        if (candidates == null || candidates.poll() == null) {
          out.add(after.id(i));
        }
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static String signature(HeapGraph graph, int object) {
    ObjectKind kind = graph.kind(object);
    StringBuilder s = new StringBuilder(kind.name()).append(' ');
    switch (kind) {
      case CLASS -> s.append(graph.asClass(object).orElseThrow().name());
      case INSTANCE -> {
        s.append(graph.classOf(object).name());
        for (HeapField f : graph.fields(object)) {
          if (f.type() != ValueType.OBJECT) {
            s.append(' ').append(f.value());
          }
        }
        graph.stringValue(object).ifPresent(v -> s.append(" \"").append(v).append('"'));
      }
      case OBJECT_ARRAY -> s.append(graph.classOf(object).name()).append(" length ").append(graph.arrayLength(object));
      case PRIMITIVE_ARRAY -> {
        int length = graph.arrayLength(object);
        Object[] elements = new Object[length];
        for (int k = 0; k < length; k++) {
          elements[k] = graph.arrayElement(object, k);
        }
        s.append(graph.classOf(object).name()).append(' ').append(Arrays.hashCode(elements)).append(' ').append(length);
      }
    }
    return s.toString();
  }
}
