package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.HprofFormatException;
import dev.heapdiff.hprof.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses heap dump sub-records (GC roots, CLASS DUMP, INSTANCE DUMP, ARRAY DUMPs) of a contiguous
 * range of HEAP DUMP SEGMENT records, recording each object's id, position, class and array length.
 * Several scanners run at once on large dumps; {@link RecordScanner} joins their results.
 */
final class HeapDumpScanner {
  /** Where the filling pass puts ids: 32-bit keys relative to a base, or full longs. */
  record IdStore(int[] keys, long[] wide, long base, int shift) {}

  static final int ROOT_UNKNOWN = RecordScanner.ROOT_UNKNOWN;
  static final int ROOT_JNI_GLOBAL = RecordScanner.ROOT_JNI_GLOBAL;
  static final int ROOT_JNI_LOCAL = RecordScanner.ROOT_JNI_LOCAL;
  static final int ROOT_JAVA_FRAME = RecordScanner.ROOT_JAVA_FRAME;
  static final int ROOT_NATIVE_STACK = RecordScanner.ROOT_NATIVE_STACK;
  static final int ROOT_STICKY_CLASS = RecordScanner.ROOT_STICKY_CLASS;
  static final int ROOT_THREAD_BLOCK = RecordScanner.ROOT_THREAD_BLOCK;
  static final int ROOT_MONITOR_USED = RecordScanner.ROOT_MONITOR_USED;
  static final int ROOT_THREAD_OBJECT = RecordScanner.ROOT_THREAD_OBJECT;
  static final int CLASS_DUMP = RecordScanner.CLASS_DUMP;
  static final int INSTANCE_DUMP = RecordScanner.INSTANCE_DUMP;
  static final int OBJECT_ARRAY_DUMP = RecordScanner.OBJECT_ARRAY_DUMP;
  static final int PRIMITIVE_ARRAY_DUMP = RecordScanner.PRIMITIVE_ARRAY_DUMP;

  static final int CLASS_OBJECT = -1;
  static final int PRIMITIVE_ARRAY_BASE = -16;
  static final int UNRESOLVED_BASE = -1000;

  private final MappedInput in;
  private final int idSize;

  /** The CLASS DUMPs of this scanner's segments, collected by the counting pass. */
  final List<ClassRecord> classes = new ArrayList<>();
  /**
   * Counting: class object id to index in this scanner's {@link #classes}. Filling: the classes of
   * all segments (joined after the counting pass), shared read-only by all filling scanners.
   */
  private final LongIntMap classIndexById;
  /** When false, the scanner only validates and counts objects; when true it stores them. */
  private final boolean filling;
  /** Objects seen (counting) or the next slot to fill. */
  int cursor;
  // The shared per-object arrays this scanner fills from its start slot on.
  /** Ids as 32-bit keys (id - base) >>> shift, or null when {@link #wideIds} holds them. */
  private final int[] idKeys;
  private final long[] wideIds;
  private final long idBase;
  private final int idShift;
  // What the counting pass learns about the ids: unsigned min and max, and the bits in which any
  // two differ (their common alignment).
  long minId = -1L;
  long maxId;
  long firstId;
  long idDifferences;
  /** Low 32 bits of each object's offset; the high bits change at {@link #highIndexes}. */
  private final int[] objectPositions;
  final IntVec highIndexes = new IntVec(4);
  final IntVec highValues = new IntVec(4);
  private int currentHigh;
  /**
   * Class of each object: an index into {@link #classes} when known, {@link #CLASS_OBJECT} for
   * class dumps, {@code PRIMITIVE_ARRAY_BASE - tag} for primitive arrays, {@code UNRESOLVED_BASE - k}
   * for an instance or array whose class dump was not seen (class id in {@link #unresolvedClassIds}).
   */
  private final int[] objectClasses;
  private final int[] arrayLengths;
  final LongVec unresolvedClassIds = new LongVec(16);
  /** Index in {@link #unresolvedClassIds} of each class id not in {@link #classIndexById}. */
  private final LongIntMap unresolvedIndex = new LongIntMap(16);
  final LongVec rootIds = new LongVec(1024);
  final IntVec rootKinds = new IntVec(1024);
  final IntVec rootThreads = new IntVec(1024);
  final IntVec rootFrames = new IntVec(1024);
  final IntVec threadSerials = new IntVec(64);
  final LongVec threadObjectIds = new LongVec(64);
  final IntVec threadTraceSerials = new IntVec(64);

  /** A scanner that validates and counts objects only. */
  HeapDumpScanner(MappedInput in, int idSize) {
    this.in = in;
    this.idSize = idSize;
    this.filling = false;
    this.classIndexById = new LongIntMap(1 << 10);
    this.idKeys = null;
    this.wideIds = null;
    this.idBase = 0;
    this.idShift = 0;
    this.objectPositions = null;
    this.objectClasses = null;
    this.arrayLengths = null;
  }

  /**
   * A scanner that stores objects into the given arrays from slot {@code start} on, resolving their
   * classes with {@code classIndexById} (the classes the counting pass found in all segments).
   */
  HeapDumpScanner(MappedInput in, int idSize, LongIntMap classIndexById, IdStore ids, int[] positions,
      int[] classes, int[] lengths, int start) {
    this.in = in;
    this.idSize = idSize;
    this.filling = true;
    this.classIndexById = classIndexById;
    this.idKeys = ids.keys();
    this.wideIds = ids.wide();
    this.idBase = ids.base();
    this.idShift = ids.shift();
    this.objectPositions = positions;
    this.objectClasses = classes;
    this.arrayLengths = lengths;
    this.cursor = start;
  }

  /**
   * Parses the sub-records from {@code pos} to the segment's {@code end}: a tight loop over the
   * common object records, every other record (and any inconsistency, for its exact message) by
   * {@link #scanOne}.
   */
  void scan(long pos, long end) throws HprofFormatException {
    final int id = idSize;
    while (pos < end) {
      int tag = in.u1(pos) & 0xFF;
      long p = pos + 1;
      long next = -1;
      int length = -1;
      if (tag == INSTANCE_DUMP && 2L * id + 8 <= end - p) {
        next = p + 2L * id + 8 + in.u4(p + 2L * id + 4);
      } else if (tag == OBJECT_ARRAY_DUMP && 2L * id + 8 <= end - p) {
        long elements = in.u4(p + id + 4);
        next = elements > Integer.MAX_VALUE ? -1 : p + 2L * id + 8 + elements * id;
        length = (int) elements;
      } else if (tag == PRIMITIVE_ARRAY_DUMP && id + 9L <= end - p) {
        long elements = in.u4(p + id + 4);
        int size = PRIMITIVE_SIZES[in.u1(p + id + 8) & 0xFF];
        next = size == 0 || elements > Integer.MAX_VALUE ? -1 : p + id + 9 + elements * size;
        length = (int) elements;
      }
      if (next < 0 || next > end) {
        pos = scanOne(pos, end);
        continue;
      }
      int code = !filling ? 0
          : tag == INSTANCE_DUMP ? classCode(in.id(p + id + 4, id))
          : tag == OBJECT_ARRAY_DUMP ? classCode(in.id(p + id + 8, id))
          : PRIMITIVE_ARRAY_BASE - (in.u1(p + id + 8) & 0xFF);
      addObject(in.id(p, id), pos, code, length);
      pos = next;
    }
  }

  /** Sizes of the primitive types by HPROF tag; 0 for tags that are not primitive types. */
  private static final int[] PRIMITIVE_SIZES = new int[256];

  static {
    for (ValueType type : ValueType.values()) {
      if (type.isPrimitive()) {
        PRIMITIVE_SIZES[type.tag()] = type.sizeInDump(0);
      }
    }
  }

  /** Parses the one sub-record at {@code pos}; returns where the next one starts. */
  private long scanOne(long pos, long end) throws HprofFormatException {
    final int id = idSize;
    {
      int tag = in.u1(pos) & 0xFF;
      long p = pos + 1;
      switch (tag) {
        case ROOT_UNKNOWN, ROOT_STICKY_CLASS, ROOT_MONITOR_USED -> {
          need(p, id, end, tag);
          addRoot(pos, in.id(p, id), tag, -1, -1);
          return p + id;
        }
        case ROOT_JNI_GLOBAL -> {
          need(p, 2L * id, end, tag);
          addRoot(pos, in.id(p, id), tag, -1, -1);
          return p + 2L * id;
        }
        case ROOT_JNI_LOCAL, ROOT_JAVA_FRAME -> {
          need(p, id + 8L, end, tag);
          addRoot(pos, in.id(p, id), tag, in.i4(p + id), in.i4(p + id + 4));
          return p + id + 8;
        }
        case ROOT_NATIVE_STACK, ROOT_THREAD_BLOCK -> {
          need(p, id + 4L, end, tag);
          addRoot(pos, in.id(p, id), tag, in.i4(p + id), -1);
          return p + id + 4;
        }
        case ROOT_THREAD_OBJECT -> {
          need(p, id + 8L, end, tag);
          long threadId = in.id(p, id);
          int threadSerial = in.i4(p + id);
          addRoot(pos, threadId, tag, threadSerial, -1);
          if (filling) {
            threadSerials.add(threadSerial);
            threadObjectIds.add(threadId);
            threadTraceSerials.add(in.i4(p + id + 4));
          }
          return p + id + 8;
        }
        case CLASS_DUMP -> {
          return readClassDump(pos, end);
        }
        case INSTANCE_DUMP -> {
          need(p, 2L * id + 8, end, tag);
          long length = in.u4(p + 2L * id + 4);
          long next = p + 2L * id + 8 + length;
          if (next > end) {
            throw in.error(pos, "INSTANCE DUMP says it holds " + length
                + " bytes of fields, which points past the end of its heap dump segment at byte " + end);
          }
          addObject(in.id(p, id), pos, classCode(in.id(p + id + 4, id)), -1);
          return next;
        }
        case OBJECT_ARRAY_DUMP -> {
          need(p, 2L * id + 8, end, tag);
          long length = in.u4(p + id + 4);
          long next = p + 2L * id + 8 + length * id;
          if (length > Integer.MAX_VALUE || next > end) {
            throw in.error(pos, "OBJECT ARRAY DUMP of " + length
                + " elements points past the end of its heap dump segment at byte " + end);
          }
          addObject(in.id(p, id), pos, classCode(in.id(p + id + 8, id)), (int) length);
          return next;
        }
        case PRIMITIVE_ARRAY_DUMP -> {
          need(p, id + 9L, end, tag);
          long length = in.u4(p + id + 4);
          int typeTag = in.u1(p + id + 8) & 0xFF;
          ValueType type = ValueType.ofTag(typeTag);
          if (type == null || type == ValueType.OBJECT) {
            throw in.error(p + id + 8, "PRIMITIVE ARRAY DUMP with element type " + typeTag
                + ": expected a primitive type tag (4 to 11)");
          }
          long next = p + id + 9 + length * type.sizeInDump(id);
          if (length > Integer.MAX_VALUE || next > end) {
            throw in.error(pos, "PRIMITIVE ARRAY DUMP of " + length + " " + type.javaName()
                + " elements points past the end of its heap dump segment at byte " + end);
          }
          addObject(in.id(p, id), pos, PRIMITIVE_ARRAY_BASE - typeTag, (int) length);
          return next;
        }
        default -> throw in.error(pos, String.format("unknown heap dump sub-record tag 0x%02X:"
            + " expected a GC root, CLASS DUMP, INSTANCE DUMP or ARRAY DUMP", tag));
      }
    }
  }

  private void need(long p, long length, long end, int tag) throws HprofFormatException {
    if (length > end - p) {
      throw in.error(p - 1, String.format("heap dump sub-record 0x%02X is cut off: it needs %d bytes"
          + " but its segment ends at byte %d", tag, length, end));
    }
  }

  private void addRoot(long position, long objectId, int kind, int thread, int frame) {
    if (!filling) {
      return;
    }
    rootIds.add(objectId);
    rootKinds.add(kind);
    rootThreads.add(thread);
    rootFrames.add(frame);
  }

  private void addObject(long objectId, long position, int classCode, int length) throws HprofFormatException {
    if (filling) {
      if (cursor >= objectClasses.length) {
        throw in.error(position, "more objects than the counting pass found: the file changed while being read");
      }
      if (idKeys != null) {
        idKeys[cursor] = (int) ((objectId - idBase) >>> idShift);
      } else {
        wideIds[cursor] = objectId;
      }
      objectPositions[cursor] = (int) position;
      int high = (int) (position >>> 32);
      if (high != currentHigh) {
        highIndexes.add(cursor);
        highValues.add(high);
        currentHigh = high;
      }
      objectClasses[cursor] = classCode;
      arrayLengths[cursor] = length;
    } else {
      if (cursor == Integer.MAX_VALUE - 64) {
        throw in.error(position, "more than 2^31 objects: too many for this reader");
      }
      if (cursor == 0) {
        firstId = objectId;
      }
      // Unsigned order is signed order with the sign bit flipped.
      long flipped = objectId ^ Long.MIN_VALUE;
      if (flipped < (minId ^ Long.MIN_VALUE)) {
        minId = objectId;
      }
      if (flipped > (maxId ^ Long.MIN_VALUE)) {
        maxId = objectId;
      }
      idDifferences |= objectId ^ firstId;
    }
    cursor++;
  }

  private static final int CLASS_CACHE = 1024;
  private final long[] classCacheIds = new long[CLASS_CACHE];
  private final int[] classCacheIndexes = new int[CLASS_CACHE];

  private int classCode(long classId) {
    if (!filling) {
      return 0;
    }
    // Most objects are instances of a few hundred classes: a direct-mapped cache in front of the map.
    int slot = (int) (classId >>> 3) & (CLASS_CACHE - 1);
    if (classCacheIds[slot] == classId && classId != 0) {
      return classCacheIndexes[slot];
    }
    int index = classIndexById.get(classId);
    if (index < 0) {
      int k = unresolvedIndex.get(classId);
      if (k < 0) {
        k = unresolvedClassIds.size();
        unresolvedIndex.put(classId, k);
        unresolvedClassIds.add(classId);
      }
      index = UNRESOLVED_BASE - k;
    }
    classCacheIds[slot] = classId;
    classCacheIndexes[slot] = index;
    return index;
  }

  private long readClassDump(long start, long end) throws HprofFormatException {
    final int id = idSize;
    long p = start + 1;
    need(p, 7L * id + 8 + 2, end, CLASS_DUMP);
    ClassRecord c = new ClassRecord();
    c.position = start;
    c.id = in.id(p, id);
    p += id + 4;
    c.superId = in.id(p, id);
    c.loaderId = in.id(p + id, id);
    c.signersId = in.id(p + 2L * id, id);
    c.protectionDomainId = in.id(p + 3L * id, id);
    p += 6L * id;
    c.instanceSizeInDump = in.i4(p);
    p += 4;
    int constants = in.u2(p);
    p += 2;
    LongVec cpRefs = new LongVec(4);
    for (int i = 0; i < constants; i++) {
      need(p, 3, end, CLASS_DUMP);
      ValueType type = valueType(p + 2);
      p += 3;
      int size = type.sizeInDump(id);
      need(p, size, end, CLASS_DUMP);
      if (type == ValueType.OBJECT) {
        cpRefs.add(in.id(p, id));
      }
      p += size;
    }
    c.constantPoolRefs = cpRefs.toArray();
    need(p, 2, end, CLASS_DUMP);
    int statics = in.u2(p);
    p += 2;
    c.staticNameIds = new long[statics];
    c.staticTypes = new ValueType[statics];
    c.staticValues = new long[statics];
    for (int i = 0; i < statics; i++) {
      need(p, id + 1L, end, CLASS_DUMP);
      c.staticNameIds[i] = in.id(p, id);
      ValueType type = valueType(p + id);
      p += id + 1;
      int size = type.sizeInDump(id);
      need(p, size, end, CLASS_DUMP);
      c.staticTypes[i] = type;
      c.staticValues[i] = in.value(p, type, idSize);
      p += size;
    }
    need(p, 2, end, CLASS_DUMP);
    int fields = in.u2(p);
    p += 2;
    need(p, (long) fields * (id + 1), end, CLASS_DUMP);
    c.fieldNameIds = new long[fields];
    c.fieldTypes = new ValueType[fields];
    for (int i = 0; i < fields; i++) {
      c.fieldNameIds[i] = in.id(p, id);
      c.fieldTypes[i] = valueType(p + id);
      p += id + 1;
    }
    if (!filling) {
      if (classIndexById.get(c.id) >= 0) {
        throw in.error(start, "a second CLASS DUMP for class id 0x" + Long.toHexString(c.id));
      }
      classIndexById.put(c.id, classes.size());
      classes.add(c);
    }
    addObject(c.id, start, CLASS_OBJECT, -1);
    return p;
  }

  private ValueType valueType(long at) throws HprofFormatException {
    int tag = in.u1(at) & 0xFF;
    ValueType type = ValueType.ofTag(tag);
    if (type == null) {
      throw in.error(at, "basic type tag " + tag + " in a CLASS DUMP: expected 2 or 4 to 11");
    }
    return type;
  }
}
