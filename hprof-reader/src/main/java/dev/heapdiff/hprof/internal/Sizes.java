package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.ObjectLayout;
import dev.heapdiff.hprof.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shallow sizes as the JVM counts them. The dump does not say how the JVM laid objects out, so the
 * layout is inferred: most objects sit exactly one instance size before the next one in address
 * order, so the candidate layout whose sizes match the most gaps between neighbouring ids wins.
 * When ids carry no addresses (rewritten or synthetic dumps), the JVM's system properties decide,
 * else JDK 17's defaults.
 */
final class Sizes {
  /**
   * A field the JVM adds to a JDK class, which the dump does not list (javaClasses.hpp, "injected
   * fields"). It is not added when the class declares a Java field of the same name or alias (newer
   * JDKs turned some injected fields into Java fields). Size in bytes, 0 for a reference.
   */
  private record Injected(String name, String alias, int size, int fromVersion) {}

  private static final Map<String, List<Injected>> INJECTED = Map.of(
      "java.lang.Class", List.of(new Injected("klass", "", 8, 0), new Injected("array_klass", "", 8, 0),
          new Injected("oop_size", "", 4, 0), new Injected("static_oop_field_count", "", 4, 0),
          new Injected("protection_domain", "protectionDomain", 0, 0), new Injected("signers", "signers", 0, 0),
          new Injected("source_file", "", 0, 0),
          // JDK 25 mirrors hold one reference more than the fields above explain (measured from
          // address gaps: 112 -> 120 bytes with 12-byte headers, 184 -> 192 without compressed
          // oops, 112 with compact headers, whose layout has a 4-byte hole for it).
          new Injected("<a reference injected by JDK 25>", "", 0, 25)),
      "java.lang.String", List.of(new Injected("flags", "", 1, 0)),
      "java.lang.ClassLoader", List.of(new Injected("loader_data", "", 8, 0)),
      "java.lang.invoke.ResolvedMethodName", List.of(new Injected("vmtarget", "", 8, 0),
          new Injected("vmholder", "", 0, 0)),
      "java.lang.invoke.MemberName", List.of(new Injected("vmindex", "", 8, 0)),
      "java.lang.invoke.MethodHandleNatives$CallSiteContext", List.of(new Injected("vmdependencies", "", 8, 0),
          new Injected("last_cleanup", "", 8, 0)),
      "java.lang.StackFrameInfo", List.of(new Injected("version", "", 2, 0)),
      "java.lang.Module", List.of(new Injected("module_entry", "", 8, 0)),
      "java.lang.InternalError", List.of(new Injected("during_unsafe_access", "", 1, 0)),
      // JDK 19 added the JVMTI state and JFR epoch, JDK 21 the virtual-thread transition fields.
      "java.lang.Thread", List.of(new Injected("jvmti_thread_state", "", 8, 19), new Injected("jfr_epoch", "", 2, 19),
          new Injected("jvmti_VTMS_transition_disable_count", "", 4, 21),
          new Injected("jvmti_is_in_VTMS_transition", "", 1, 21)));

  /** JDK classes with {@code @Contended} fields: class name to (field name to group). */
  private static final Map<String, Map<String, String>> CONTENDED_FIELDS = Map.of(
      "java.lang.Thread", Map.of("threadLocalRandomSeed", "tlr", "threadLocalRandomProbe", "tlr",
          "threadLocalRandomSecondarySeed", "tlr"));
  /** JDK classes annotated {@code @Contended} as a whole. */
  private static final java.util.Set<String> CONTENDED_CLASSES = java.util.Set.of(
      "java.util.concurrent.ConcurrentHashMap$CounterCell", "java.util.concurrent.atomic.Striped64$Cell",
      "java.util.concurrent.Exchanger$Node");

  private static final int SAMPLE = 50_000;

  private final GraphData g;
  private final int[] lengths;

  private Sizes(GraphData g) {
    this.g = g;
    this.lengths = g.size8;
  }

  static void compute(GraphData g, ObjectLayout given) {
    new Sizes(g).run(given);
  }

  private void run(ObjectLayout given) {
    ObjectLayout layout = given != null ? given : infer();
    g.layout = layout;
    g.instanceSize = instanceSizes(layout);
    int mirrorBase = mirrorBase(layout);
    SizeTable table = table(layout, g.instanceSize, mirrorBase);
    int n = g.ids.size();
    // In place: object i's size replaces its array length, which only its own size needs.
    int[] sizes = lengths;
    try {
      Parallel.forChunks(n, Parallel.chunksFor(n), (chunk, from, to) -> {
        for (int i = from; i < to; i++) {
          sizes[i] = (int) Math.min(sizeOf(i, table) >>> 3, Integer.MAX_VALUE);
        }
      });
    } catch (Parallel.HprofFailure e) {
      throw new IllegalStateException(e.getCause());
    }
    g.size8 = sizes;
  }

  /** What object sizes under one layout need, per class: instance size, or element size and base. */
  private record SizeTable(int alignment, int[] instanceSize, int[] elementSize, int[] arrayBase,
      long[] mirrorSize) {}

  private SizeTable table(ObjectLayout layout, int[] instanceSize, int mirrorBase) {
    int classCount = g.classes.length;
    int[] elementSize = new int[classCount];
    int[] arrayBase = new int[classCount];
    for (int c = 0; c < classCount; c++) {
      ClassRecord record = g.classes[c];
      if (g.classKinds[c] != RecordScanner.INSTANCE_DUMP) {
        elementSize[c] = record.primitiveArrayType != null ? record.primitiveArrayType.sizeInDump(0)
            : layout.referenceSize();
        arrayBase[c] = layout.arrayBaseOffset(elementSize[c]);
      }
    }
    // Each class object's size, made here once: in the loop over all objects, the code that makes it
    // (inlined by the JIT) made that loop's compilation take half a second.
    long[] mirrorSize = new long[classCount];
    for (int c = 0; c < classCount; c++) {
      mirrorSize[c] = mirrorSize(g.classes[c], layout, mirrorBase);
    }
    return new SizeTable(layout.objectAlignment(), instanceSize, elementSize, arrayBase, mirrorSize);
  }

  private long sizeOf(int i, SizeTable t) {
    int c = g.classOf[i];
    if (g.classKinds[c] != RecordScanner.INSTANCE_DUMP) {
      return alignUp(t.arrayBase()[c] + (long) lengths[i] * t.elementSize()[c], t.alignment());
    }
    if (c == g.classClassIndex && g.classOfMirror(i) >= 0) {
      return t.mirrorSize()[g.classOfMirror(i)];
    }
    return t.instanceSize()[c];
  }

  private static long alignUp(long raw, int alignment) {
    // HotSpot's alignments are powers of two: a mask instead of a 64-bit division per array.
    return Integer.bitCount(alignment) == 1 ? (raw + alignment - 1) & -alignment
        : (raw + alignment - 1) / alignment * alignment;
  }

  private ObjectLayout infer() {
    String oopsMode = g.systemProperties.get("java.vm.compressedOopsMode");
    boolean havePropertes = !g.systemProperties.isEmpty();
    int javaVersion = javaVersion();
    boolean packedArrays = javaVersion >= 22;
    List<ObjectLayout> candidates = new ArrayList<>();
    int[] headers = g.idSize == 4 ? new int[] {8} : new int[] {12, 16, 8};
    int[] oops = g.idSize == 4 ? new int[] {4}
        : !havePropertes ? new int[] {4, 8} : oopsMode != null ? new int[] {4} : new int[] {8};
    for (int header : headers) {
      for (int oop : oops) {
        for (int alignment : new int[] {8, 16}) {
          for (boolean aligned : packedArrays ? new boolean[] {false, true} : new boolean[] {true, false}) {
            candidates.add(new ObjectLayout(header, oop, alignment, aligned, "addresses"));
          }
        }
      }
    }
    // Neighbours in address order: each sampled object (classes aside) and the gap to the id with
    // the next rank, read once for all candidates.
    int n = g.ids.size();
    int stride = Math.max(1, n / SAMPLE);
    IntVec sampleObjects = new IntVec(SAMPLE + 1);
    LongVec sampleGaps = new LongVec(SAMPLE + 1);
    for (int r = 0; r + 1 < n; r += stride) {
      int i = g.ids.indexAtRank(r);
      if (g.kind(i) != RecordScanner.CLASS_DUMP) {
        sampleObjects.add(i);
        sampleGaps.add(g.ids.idAtRank(r + 1) - g.ids.idAtRank(r));
      }
    }
    int samples = sampleObjects.size();
    int best = -1;
    long bestScore = -1;
    for (int c = 0; c < candidates.size(); c++) {
      SizeTable table = table(candidates.get(c), instanceSizes(candidates.get(c)), 0);
      long score = 0;
      for (int k = 0; k < samples; k++) {
        if (sizeOf(sampleObjects.get(k), table) == sampleGaps.get(k)) {
          score++;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
      if (c == 0 && samples > 0 && score * 10 >= samples * 9L) {
        break; // the likeliest layout (tried first) explains nine gaps in ten: no other can do better
      }
    }
    if (best >= 0 && bestScore * 4 >= samples && samples > 0) {
      return candidates.get(best);
    }
    int header = g.idSize == 4 ? 8 : 12;
    int oop = g.idSize == 4 || oopsMode != null || !havePropertes ? 4 : 8;
    return new ObjectLayout(header, oop, 8, !packedArrays, havePropertes ? "properties" : "default");
  }

  private int javaVersion() {
    if (javaVersion > 0) {
      return javaVersion;
    }
    javaVersion = parseJavaVersion();
    return javaVersion;
  }

  private int javaVersion;

  private int parseJavaVersion() {
    String spec = g.systemProperties.getOrDefault("java.specification.version", "17");
    try {
      return spec.startsWith("1.") ? Integer.parseInt(spec.substring(2)) : Integer.parseInt(spec);
    } catch (NumberFormatException e) {
      return 17;
    }
  }

  /** Instance sizes of all classes under {@code layout}. */
  private int[] instanceSizes(ObjectLayout layout) {
    int count = g.classes.length;
    FieldLayout[] layouts = new FieldLayout[count];
    int[] sizes = new int[count];
    int[] stack = new int[count + 1];
    for (int c = 0; c < count; c++) {
      // Walk up to the first class whose layout is known, then compute downwards: no recursion.
      int depth = 0;
      for (int k = c; k >= 0 && layouts[k] == null; k = g.classes[k].superIndex) {
        stack[depth++] = k;
      }
      while (depth > 0) {
        int k = stack[--depth];
        ClassRecord record = g.classes[k];
        FieldLayout base = record.superIndex >= 0 ? layouts[record.superIndex]
            : FieldLayout.header(layout.headerSize());
        layouts[k] = extend(base, record, layout);
      }
      sizes[c] = layouts[c].instanceSize(layout.objectAlignment());
    }
    return sizes;
  }

  private FieldLayout extend(FieldLayout base, ClassRecord record, ObjectLayout layout) {
    // Plain loops and int lists: this runs for every class and candidate layout, in a cold JVM.
    IntVec primitives = new IntVec(record.fieldTypes.length + 4);
    int references = 0;
    // Thread's @Contended("tlr") fields are gone by JDK 25 (checked against its histogram); JDK 19
    // rewrote Thread for virtual threads and is taken as the first without them.
    Map<String, String> contended = javaVersion() >= 19 && record.name.equals("java.lang.Thread") ? Map.of()
        : CONTENDED_FIELDS.getOrDefault(record.name, Map.of());
    Map<String, List<ValueType>> groups = new java.util.LinkedHashMap<>();
    for (int f = 0; f < record.fieldTypes.length; f++) {
      ValueType type = record.fieldTypes[f];
      String group = contended.isEmpty() ? null : contended.get(g.name(record.fieldNameIds[f]));
      if (group != null) {
        groups.computeIfAbsent(group, k -> new ArrayList<>()).add(type);
      } else if (type == ValueType.OBJECT) {
        references++;
      } else {
        primitives.add(type.sizeInDump(0));
      }
    }
    for (Injected injected : INJECTED.getOrDefault(record.name, List.of())) {
      if (javaVersion() < injected.fromVersion() || declares(record, injected.name())
          || declares(record, injected.alias())) {
        continue;
      }
      if (injected.size() == 0) {
        references++;
      } else {
        primitives.add(injected.size());
      }
    }
    int[][] groupPrimitives = new int[groups.size()][];
    int[] groupReferences = new int[groups.size()];
    int k = 0;
    for (List<ValueType> types : groups.values()) {
      IntVec sizes = new IntVec(types.size());
      for (ValueType type : types) {
        if (type == ValueType.OBJECT) {
          groupReferences[k]++;
        } else {
          sizes.add(type.sizeInDump(0));
        }
      }
      groupPrimitives[k++] = sizes.toArray();
    }
    return base.extend(primitives.toArray(), references,
        layout.referenceSize(), CONTENDED_CLASSES.contains(record.name), groupPrimitives, groupReferences);
  }

  private boolean declares(ClassRecord record, String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (long nameId : record.fieldNameIds) {
      if (g.name(nameId).equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Bytes of a class's static fields in its mirror, rounded up to 8. */
  private int staticBytes(ClassRecord c, ObjectLayout layout) {
    IntVec primitives = new IntVec(c.staticTypes.length);
    int references = 0;
    for (int s = 0; s < c.staticTypes.length; s++) {
      String name = g.name(c.staticNameIds[s]);
      if (name.startsWith("<")) {
        continue; // HotSpot's pseudo-statics (<resolved_references>, <init_lock>) are not mirror fields
      }
      if (c.staticTypes[s] == ValueType.OBJECT) {
        references++;
      } else {
        primitives.add(c.staticTypes[s].sizeInDump(0));
      }
    }
    int end = FieldLayout.staticBlockEnd(primitives.toArray(), references, layout.referenceSize());
    return FieldLayout.alignUp(end, 8);
  }

  private long mirrorSize(ClassRecord c, ObjectLayout layout, int base) {
    return alignUp(base + staticBytes(c, layout), layout.objectAlignment());
  }

  /**
   * The size of a {@code java.lang.Class} instance without static fields: Class's own fields plus
   * the ones HotSpot injects, or one alignment unit more. JDK 25 with 16-byte alignment gives every
   * mirror 16 bytes more than its fields explain (measured); when the ids are addresses, the
   * candidate that matches more gaps to the next object exactly wins. (Taking the commonest gap
   * instead fails on ZGC, whose heap is not compacted.)
   */
  private int mirrorBase(ObjectLayout layout) {
    int computed = g.instanceSize[g.classClassIndex];
    if (!"addresses".equals(layout.source()) && !"given".equals(layout.source())) {
      return computed;
    }
    int larger = computed + layout.objectAlignment();
    int votesComputed = 0;
    int votesLarger = 0;
    // Each class object against the gap to the next object in address order.
    for (ClassRecord c : g.classes) {
      if (c.objectIndex < 0) {
        continue;
      }
      int r = g.ids.rankOf(c.id);
      if (r < 0 || r + 1 >= g.ids.size()) {
        continue;
      }
      long gap = g.ids.idAtRank(r + 1) - c.id;
      if (gap == mirrorSize(c, layout, computed)) {
        votesComputed++;
      } else if (gap == mirrorSize(c, layout, larger)) {
        votesLarger++;
      }
    }
    return votesLarger > 2 * votesComputed + 16 ? larger : computed;
  }
}
