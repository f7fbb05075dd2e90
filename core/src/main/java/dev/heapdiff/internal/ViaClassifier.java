package dev.heapdiff.internal;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapReference;
import dev.heapdiff.hprof.ObjectKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * heapy's {@code byvia}: each object's kind is the set of ways it is held: {@code .field} for an
 * instance field, {@code []} for an array slot, {@code static com.acme.Cache.INSTANCE} for a static
 * field, {@code <super>}, {@code <classloader>} and the like for the other references of class
 * objects, and {@code root: Java frame} and the like for the GC roots that hold it.
 *
 * <p>Each live referrer of the set is decoded once, whatever number of members it holds: the
 * referrers of all members are collected first, then each one's references are read and credited
 * to the members they reach.
 */
public final class ViaClassifier {
  private static final int NO_LABEL = -1;

  private final List<String> labelNames = new ArrayList<>();
  private final Map<String, Integer> labelNumbers = new HashMap<>();

  private ViaClassifier() {}

  /** Classifies the objects of {@code members} by how their referrers in {@code live} hold them. */
  public static Classifier of(HeapGraph graph, long[] members, long[] live) {
    return new ViaClassifier().classify(graph, members, live);
  }

  private Classifier classify(HeapGraph graph, long[] members, long[] live) {
    int[] wordRanks = Bits.wordRanks(members);
    int count = Bits.count(members);
    int[] first = new int[count];
    Arrays.fill(first, NO_LABEL);
    Map<Integer, int[]> more = new HashMap<>();
    Credit credit = (target, label) -> {
      int m = Bits.rank(members, wordRanks, target);
      if (first[m] == NO_LABEL || first[m] == label) {
        first[m] = label;
        return;
      }
      int[] extra = more.get(m);
      if (extra == null) {
        more.put(m, new int[] {1, label});
      } else {
        for (int k = 1; k <= extra[0]; k++) {
          if (extra[k] == label) {
            return;
          }
        }
        if (extra[0] + 1 == extra.length) {
          extra = Arrays.copyOf(extra, extra.length * 2);
          more.put(m, extra);
        }
        extra[++extra[0]] = label;
      }
    };

    long[] referrers = Bits.empty(graph.objectCount());
    for (int i = Bits.next(members, 0); i >= 0; i = Bits.next(members, i + 1)) {
      for (int r : graph.referrers(i)) {
        if (Bits.get(live, r)) {
          Bits.set(referrers, r);
        }
      }
    }
    int arraySlot = number("[]");
    Map<String, Integer> fieldLabels = new HashMap<>();
    for (int r = Bits.next(referrers, 0); r >= 0; r = Bits.next(referrers, r + 1)) {
      ObjectKind kind = graph.kind(r);
      if (kind == ObjectKind.OBJECT_ARRAY) {
        for (int k = 0, n = graph.referenceCount(r); k < n; k++) {
          int target = graph.reference(r, k);
          if (Bits.get(members, target)) {
            credit.add(target, arraySlot);
          }
        }
      } else if (kind == ObjectKind.CLASS) {
        String className = graph.asClass(r).map(c -> c.name()).orElse("?");
        for (HeapReference ref : graph.namedReferences(r)) {
          if (Bits.get(members, ref.target())) {
            String name = ref.name();
            credit.add(ref.target(), number(name.startsWith("<") ? name : "static " + className + "." + name));
          }
        }
      } else {
        for (HeapReference ref : graph.namedReferences(r)) {
          if (Bits.get(members, ref.target())) {
            Integer label = fieldLabels.get(ref.name());
            if (label == null) {
              label = number("." + ref.name());
              fieldLabels.put(ref.name(), label);
            }
            credit.add(ref.target(), label);
          }
        }
      }
    }
    for (GcRoot root : graph.roots()) {
      if (Bits.get(members, root.object())) {
        credit.add(root.object(), number("root: " + root.kind().label()));
      }
    }

    IntSetTable sets = new IntSetTable(labelNames.size());
    int[] kindOfMember = new int[count];
    final int noneKind = 0;
    int[] scratch = new int[16];
    for (int m = 0; m < count; m++) {
      if (first[m] == NO_LABEL) {
        kindOfMember[m] = noneKind;
        continue;
      }
      int[] extra = more.get(m);
      int n = 1 + (extra == null ? 0 : extra[0]);
      if (n > scratch.length) {
        scratch = new int[n];
      }
      scratch[0] = first[m];
      if (extra != null) {
        System.arraycopy(extra, 1, scratch, 1, extra[0]);
      }
      kindOfMember[m] = 1 + sets.numberOf(scratch, n);
    }
    return new SetClassifier("Referred via", members, wordRanks, kindOfMember, sets, new String[] {"<none>"},
        labelNames::get);
  }

  private interface Credit {
    void add(int target, int label);
  }

  private int number(String label) {
    Integer n = labelNumbers.get(label);
    if (n == null) {
      n = labelNames.size();
      labelNames.add(label);
      labelNumbers.put(label, n);
    }
    return n;
  }
}
