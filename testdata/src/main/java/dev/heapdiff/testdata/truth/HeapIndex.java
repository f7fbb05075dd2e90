package dev.heapdiff.testdata.truth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What the ground-truth tools need of one dump, read in one pass without the reader under test:
 * every object's id and record position, each class's instance reference offsets (own fields first,
 * then the superclass's, as HotSpot writes instance data), the GC roots, class names, and which
 * objects a GC root reaches.
 *
 * <p>Reachability follows every id slot {@link SubRecords} reports (fields, elements, statics,
 * constants, superclass, loader, signers, protection domain, an object's class) from every root
 * record, weak referents included: a dump does not say which referents a collector would clear.
 * The walk is iterative.
 */
final class HeapIndex implements SubRecords.Layouts {
  private static final String[] PRIMITIVE_ARRAYS = {null, null, null, null, "[Z", "[C", "[F", "[D", "[B", "[S", "[I", "[J"};

  final HprofInput in;
  /** Per object in file order: the position of its sub-record (at the tag). */
  final long[] positions;
  /** Per object in file order: its id. */
  final long[] ids;
  /** All object ids, ascending. */
  final long[] sortedIds;
  /** For each rank in {@link #sortedIds}, the object's index in file order. */
  final int[] objectAtRank;
  /** Positions of root sub-records in file order. */
  final long[] rootPositions;
  /** Positions of the top-level records in file order. */
  final long[] recordPositions;

  private final Map<Long, long[]> classDumps = new HashMap<>(); // class id -> {super id, position}
  private final Map<Long, int[]> referenceOffsets = new HashMap<>();
  private final Map<Long, Long> utf8Positions = new HashMap<>();
  private final Map<Long, Long> classNameIds = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final long[] primitiveArrayClassIds = new long[12];
  private BitSet live;

  private HeapIndex(HprofInput in) throws IOException {
    this.in = in;
    Longs objects = new Longs();
    Longs objectIds = new Longs();
    Longs roots = new Longs();
    Longs records = new Longs();
    for (long p = in.firstRecord; p < in.size; p = in.recordEnd(p)) {
      if (p + HprofInput.RECORD_HEADER > in.size || in.recordEnd(p) > in.size) {
        throw in.error(p, "truncated record");
      }
      records.add(p);
      int tag = in.u1(p);
      long body = p + HprofInput.RECORD_HEADER;
      switch (tag) {
        case HprofInput.UTF8 -> utf8Positions.put(in.id(body), p);
        case HprofInput.LOAD_CLASS -> classNameIds.put(in.id(body + 4), in.id(body + 8 + in.idSize));
        case HprofInput.HEAP_DUMP, HprofInput.HEAP_DUMP_SEGMENT -> {
          long end = in.recordEnd(p);
          for (long s = body; s < end; s = SubRecords.end(in, s)) {
            int sub = in.u1(s);
            if (SubRecords.isRoot(sub)) {
              roots.add(s);
            } else {
              objects.add(s);
              objectIds.add(in.id(s + 1));
              if (sub == SubRecords.CLASS_DUMP) {
                classDumps.put(in.id(s + 1), new long[] {in.id(s + 1 + in.idSize + 4), s});
              }
            }
          }
        }
        default -> {
          // stack frames and traces, thread starts and the rest hold no layout the index needs
        }
      }
    }
    this.positions = objects.toArray();
    this.ids = objectIds.toArray();
    this.rootPositions = roots.toArray();
    this.recordPositions = records.toArray();
    int n = ids.length;
    this.objectAtRank = sortIndexByKey(ids);
    this.sortedIds = new long[n];
    for (int r = 0; r < n; r++) {
      sortedIds[r] = ids[objectAtRank[r]];
      if (r > 0 && sortedIds[r] == sortedIds[r - 1]) {
        throw in.error(positions[objectAtRank[r]], String.format("a second object with id 0x%x", sortedIds[r]));
      }
    }
    for (int type = 4; type < PRIMITIVE_ARRAYS.length; type++) {
      primitiveArrayClassIds[type] = classIdNamed(PRIMITIVE_ARRAYS[type]);
    }
  }

  /** Reads a dump's index; reachability is computed on first use. */
  static HeapIndex read(Path file) throws IOException {
    return new HeapIndex(HprofInput.open(file));
  }

  int objectCount() {
    return ids.length;
  }

  /** Returns the file-order index of the object with {@code id}, or -1. */
  int indexOf(long id) {
    int r = Arrays.binarySearch(sortedIds, id);
    return r < 0 ? -1 : objectAtRank[r];
  }

  int tag(int object) {
    return in.u1(positions[object]);
  }

  @Override
  public int[] referenceOffsets(long classId) {
    int[] offsets = referenceOffsets.get(classId);
    if (offsets == null) {
      offsets = computeReferenceOffsets(classId);
      referenceOffsets.put(classId, offsets);
    }
    return offsets;
  }

  private int[] computeReferenceOffsets(long classId) {
    Ints out = new Ints();
    int at = 0;
    int guard = 0;
    for (long c = classId; c != 0; c = classDumps.get(c)[0]) {
      long[] dump = classDumps.get(c);
      if (dump == null || ++guard > 10_000) {
        throw new IllegalStateException(String.format("%s: class 0x%x has no CLASS DUMP (or its superclass chain is a cycle)",
            in.file, c));
      }
      try {
        long p = SubRecords.end(in, dump[1]);
        // The declared instance fields are the last part of the record: walk back from its start.
        long fieldsCount = fieldsStart(dump[1]);
        int fields = in.u2(fieldsCount);
        long f = fieldsCount + 2;
        for (int i = 0; i < fields; i++, f += in.idSize + 1) {
          int type = in.u1(f + in.idSize);
          if (type == SubRecords.OBJECT) {
            out.add(at);
          }
          at += SubRecords.valueSize(type, in.idSize, in, f);
        }
        if (f != p) {
          throw new IllegalStateException(in.file + ": CLASS DUMP at " + dump[1] + " does not end where its fields do");
        }
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return out.toArray();
  }

  /** Returns the position of the field count of the CLASS DUMP at {@code p}. */
  private long fieldsStart(long p) throws IOException {
    int id = in.idSize;
    long q = p + 1 + 7L * id + 8;
    int constants = in.u2(q);
    q += 2;
    for (int i = 0; i < constants; i++) {
      q += 3 + SubRecords.valueSize(in.u1(q + 2), id, in, q + 2);
    }
    int statics = in.u2(q);
    q += 2;
    for (int i = 0; i < statics; i++) {
      q += id + 1 + SubRecords.valueSize(in.u1(q + id), id, in, q + id);
    }
    return q;
  }

  /** Returns the ids of the objects a GC root reaches, ascending. */
  long[] liveIdsAscending() throws IOException {
    BitSet reached = live();
    long[] out = new long[reached.cardinality()];
    int k = 0;
    for (int r = 0; r < sortedIds.length; r++) {
      if (reached.get(objectAtRank[r])) {
        out[k++] = sortedIds[r];
      }
    }
    return out;
  }

  /** Returns which objects (by file-order index) a GC root reaches. */
  BitSet live() throws IOException {
    if (live == null) {
      live = computeLive();
    }
    return live;
  }

  private BitSet computeLive() throws IOException {
    BitSet marked = new BitSet(ids.length);
    int[] stack = new int[Math.max(1, ids.length)];
    int[] top = {0};
    SubRecords.SlotSink push = (offset, role) -> {
      if (role != SubRecords.Role.SELF) {
        int target = indexOf(in.id(offset));
        if (target >= 0 && !marked.get(target)) {
          marked.set(target);
          stack[top[0]++] = target;
        }
      }
    };
    for (long root : rootPositions) {
      SubRecords.slots(in, root, this, push);
    }
    while (top[0] > 0) {
      int object = stack[--top[0]];
      long p = positions[object];
      if (in.u1(p) == SubRecords.PRIMITIVE_ARRAY_DUMP) {
        int type = in.u1(p + 1 + in.idSize + 8);
        int classObject = indexOf(primitiveArrayClassIds[type]);
        if (classObject >= 0 && !marked.get(classObject)) {
          marked.set(classObject);
          stack[top[0]++] = classObject;
        }
      } else {
        SubRecords.slots(in, p, this, push);
      }
    }
    return marked;
  }

  /** Returns the Java name of an object's class: {@code java.util.HashMap$Node}, {@code int[]}, {@code java.lang.Class}. */
  String className(int object) {
    long p = positions[object];
    return switch (in.u1(p)) {
      case SubRecords.CLASS_DUMP -> "java.lang.Class";
      case SubRecords.INSTANCE_DUMP -> nameOfClass(in.id(p + 1 + in.idSize + 4));
      case SubRecords.OBJECT_ARRAY_DUMP -> nameOfClass(in.id(p + 1 + in.idSize + 8));
      default -> javaName(PRIMITIVE_ARRAYS[in.u1(p + 1 + in.idSize + 8)]);
    };
  }

  /** Returns the Java name of the class whose CLASS DUMP has id {@code classId}. */
  String nameOfClass(long classId) {
    return classNames.computeIfAbsent(classId, c -> {
      Long nameId = classNameIds.get(c);
      Long utf8 = nameId == null ? null : utf8Positions.get(nameId);
      if (utf8 == null) {
        return String.format("<class 0x%x>", c);
      }
      long length = in.u4(utf8 + 5) - in.idSize;
      return javaName(in.modifiedUtf8(utf8 + HprofInput.RECORD_HEADER + in.idSize, (int) length));
    });
  }

  private long classIdNamed(String vmName) {
    for (Map.Entry<Long, Long> e : classNameIds.entrySet()) {
      Long utf8 = utf8Positions.get(e.getValue());
      if (utf8 != null) {
        long length = in.u4(utf8 + 5) - in.idSize;
        if (length == vmName.length()
            && in.modifiedUtf8(utf8 + HprofInput.RECORD_HEADER + in.idSize, (int) length).equals(vmName)) {
          return e.getKey();
        }
      }
    }
    return 0;
  }

  /** Turns {@code java/util/HashMap$Node}, {@code [I} or {@code [Ljava/lang/String;} into a Java name. */
  static String javaName(String vmName) {
    int dims = 0;
    while (dims < vmName.length() && vmName.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return vmName.replace('/', '.');
    }
    String element = vmName.substring(dims);
    String base = switch (element) {
      case "Z" -> "boolean";
      case "C" -> "char";
      case "F" -> "float";
      case "D" -> "double";
      case "B" -> "byte";
      case "S" -> "short";
      case "I" -> "int";
      case "J" -> "long";
      default -> element.startsWith("L") && element.endsWith(";")
          ? element.substring(1, element.length() - 1).replace('/', '.') : element.replace('/', '.');
    };
    return base + "[]".repeat(dims);
  }

  /** Returns the indexes 0..n-1 ordered by {@code keys}, ascending. */
  static int[] sortIndexByKey(long[] keys) {
    int n = keys.length;
    long[] packed = new long[n];
    boolean fits = n < (1 << 24);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long k : keys) {
      min = Math.min(min, k);
      max = Math.max(max, k);
    }
    // Fast path: keys that fit in 40 bits above their minimum pack with a 24-bit index into one long.
    if (fits && n > 0 && max - min < (1L << 39)) {
      for (int i = 0; i < n; i++) {
        packed[i] = ((keys[i] - min) << 24) | i;
      }
      Arrays.sort(packed);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = (int) (packed[i] & 0xFF_FFFF);
      }
      return out;
    }
    return java.util.stream.IntStream.range(0, n).boxed()
        .sorted((a, b) -> Long.compare(keys[a], keys[b])).mapToInt(Integer::intValue).toArray();
  }
}
