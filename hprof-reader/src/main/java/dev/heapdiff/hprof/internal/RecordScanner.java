package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.HprofFormatException;
import dev.heapdiff.hprof.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first, sequential pass over a dump: every top-level record and every heap dump sub-record is
 * visited once; objects are recorded as (id, position, class id, array length), classes, names,
 * roots and stack traces are collected. Nothing is resolved yet.
 */
public final class RecordScanner {
  static final int TAG_UTF8 = 0x01;
  static final int TAG_LOAD_CLASS = 0x02;
  static final int TAG_STACK_FRAME = 0x04;
  static final int TAG_STACK_TRACE = 0x05;
  static final int TAG_HEAP_DUMP = 0x0C;
  static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;
  static final int TAG_HEAP_DUMP_END = 0x2C;

  static final int ROOT_UNKNOWN = 0xFF;
  static final int ROOT_JNI_GLOBAL = 0x01;
  static final int ROOT_JNI_LOCAL = 0x02;
  static final int ROOT_JAVA_FRAME = 0x03;
  static final int ROOT_NATIVE_STACK = 0x04;
  static final int ROOT_STICKY_CLASS = 0x05;
  static final int ROOT_THREAD_BLOCK = 0x06;
  static final int ROOT_MONITOR_USED = 0x07;
  static final int ROOT_THREAD_OBJECT = 0x08;
  static final int CLASS_DUMP = 0x20;
  static final int INSTANCE_DUMP = 0x21;
  static final int OBJECT_ARRAY_DUMP = 0x22;
  static final int PRIMITIVE_ARRAY_DUMP = 0x23;

  private final MappedInput in;
  int idSize;
  String version;
  long timestampMillis;

  // Names: UTF8 record id -> index into nameOffsets / nameLengths.
  final LongIntMap nameIndex = new LongIntMap(1 << 16);
  final LongVec nameOffsets = new LongVec(1 << 16);
  final IntVec nameLengths = new IntVec(1 << 16);
  // LOAD CLASS: class object id -> name id; class serial -> class id.
  final LongIntMap loadClassIndex = new LongIntMap(1 << 14);
  final LongVec loadClassNameIds = new LongVec(1 << 14);
  final LongIntMap classSerialIndex = new LongIntMap(1 << 14);
  final LongVec classSerialIds = new LongVec(1 << 14);
  // Stack traces and frames, kept as record positions.
  final LongIntMap stackTraceIndex = new LongIntMap(256);
  final LongVec stackTracePositions = new LongVec(256);
  final LongIntMap stackFrameIndex = new LongIntMap(1024);
  final LongVec stackFramePositions = new LongVec(1024);

  final List<ClassRecord> classes = new ArrayList<>();
  // Objects in file order.
  LongVec objectIds = new LongVec(1 << 20);
  LongVec objectPositions = new LongVec(1 << 20);
  /** Class id for instances and object arrays, the type tag for primitive arrays, 0 for classes. */
  LongVec objectClassIds = new LongVec(1 << 20);
  /** Array length, or -1 for instances and classes. */
  IntVec arrayLengths = new IntVec(1 << 20);
  // Roots.
  final LongVec rootIds = new LongVec(4096);
  final IntVec rootKinds = new IntVec(4096);
  final IntVec rootThreads = new IntVec(4096);
  final IntVec rootFrames = new IntVec(4096);
  final LongVec rootPositions = new LongVec(4096);
  // Thread serial -> (thread object id, stack trace serial).
  final LongIntMap threadIndex = new LongIntMap(256);
  final LongVec threadObjectIds = new LongVec(256);
  final IntVec threadTraceSerials = new IntVec(256);

  long referenceSlots;
  int heapDumpRecords;

  RecordScanner(MappedInput in) {
    this.in = in;
  }

  /** Returns the string of a UTF8 record, or a placeholder naming the id if there is none. */
  public String name(long id) {
    int index = nameIndex.get(id);
    if (index < 0) {
      return "<unknown name 0x" + Long.toHexString(id) + ">";
    }
    try {
      return Names.modifiedUtf8(in.bytes(nameOffsets.get(index), nameLengths.get(index)));
    } catch (HprofFormatException e) {
      return "<unreadable name 0x" + Long.toHexString(id) + ">";
    }
  }

  /** Drops the per-object lists of the first pass once the graph holds them. */
  void releaseObjects() {
    objectIds = null;
    objectPositions = null;
    objectClassIds = null;
    arrayLengths = null;
  }

  void scan() throws HprofFormatException {
    long pos = readHeader();
    long end = in.size();
    boolean segmentsEnded = true;
    while (pos < end) {
      in.require(pos, 9, "a record header (tag, time, length)");
      int tag = in.u1(pos) & 0xFF;
      long length = in.u4(pos + 5);
      long body = pos + 9;
      if (length > end - body) {
        throw in.error(pos, String.format("record with tag 0x%02X says its length is %d bytes,"
            + " which points past the end of the file (%d bytes left)", tag, length, end - body));
      }
      switch (tag) {
        case TAG_UTF8 -> readName(body, length);
        case TAG_LOAD_CLASS -> readLoadClass(body, length);
        case TAG_STACK_FRAME -> recordPosition(body, length, 4 * idSize + 8, stackFrameIndex,
            stackFramePositions, true, "STACK FRAME");
        case TAG_STACK_TRACE -> recordPosition(body, length, 12, stackTraceIndex,
            stackTracePositions, false, "STACK TRACE");
        case TAG_HEAP_DUMP, TAG_HEAP_DUMP_SEGMENT -> {
          heapDumpRecords++;
          segmentsEnded = tag == TAG_HEAP_DUMP;
          readHeapDump(body, body + length);
        }
        case TAG_HEAP_DUMP_END -> segmentsEnded = true;
        default -> {
          // Unknown or uninteresting records (CPU SAMPLES, ...) are skipped by length.
        }
      }
      pos = body + length;
    }
    if (heapDumpRecords == 0) {
      throw in.error(end, "the file has no HEAP DUMP or HEAP DUMP SEGMENT record");
    }
    if (!segmentsEnded) {
      // HotSpot always ends a dump of segments with HEAP DUMP END: without it, the file was cut.
      throw in.error(end, "truncated: the file ends after a HEAP DUMP SEGMENT without the HEAP DUMP END record"
          + " that closes a dump written in segments");
    }
  }

  private long readHeader() throws HprofFormatException {
    long size = in.size();
    int max = (int) Math.min(size, 64);
    int nul = -1;
    for (int i = 0; i < max; i++) {
      if (in.u1(i) == 0) {
        nul = i;
        break;
      }
    }
    if (size >= 2 && (in.u1(0) & 0xFF) == 0x1F && (in.u1(1) & 0xFF) == 0x8B) {
      throw in.error(0, "a gzip file where an HPROF header was expected");
    }
    String magic = nul < 0 ? "" : new String(in.bytes(0, nul), StandardCharsets.ISO_8859_1);
    if (!magic.startsWith("JAVA PROFILE ")) {
      throw in.error(0, "not an HPROF file: expected the header \"JAVA PROFILE 1.0.2\"");
    }
    version = magic.substring("JAVA PROFILE ".length());
    if (!version.equals("1.0.1") && !version.equals("1.0.2")) {
      throw in.error(0, "unsupported HPROF version \"" + version + "\": expected 1.0.1 or 1.0.2");
    }
    long pos = nul + 1;
    in.require(pos, 12, "the identifier size and timestamp after the header");
    idSize = in.i4(pos);
    if (idSize != 4 && idSize != 8) {
      throw in.error(pos, "unsupported identifier size " + idSize + ": expected 4 or 8");
    }
    timestampMillis = in.i8(pos + 4);
    return pos + 12;
  }

  private void readName(long body, long length) throws HprofFormatException {
    if (length < idSize) {
      throw in.error(body, "UTF8 record shorter than an identifier");
    }
    long id = in.id(body, idSize);
    nameIndex.put(id, nameOffsets.size());
    nameOffsets.add(body + idSize);
    nameLengths.add((int) Math.min(length - idSize, Integer.MAX_VALUE));
  }

  private void readLoadClass(long body, long length) throws HprofFormatException {
    if (length < 8 + 2L * idSize) {
      throw in.error(body, "LOAD CLASS record of " + length + " bytes: expected " + (8 + 2 * idSize));
    }
    long serial = in.u4(body);
    long classId = in.id(body + 4, idSize);
    long nameId = in.id(body + 8 + idSize, idSize);
    loadClassIndex.put(classId, loadClassNameIds.size());
    loadClassNameIds.add(nameId);
    classSerialIndex.put(serial, classSerialIds.size());
    classSerialIds.add(classId);
  }

  private void recordPosition(long body, long length, int minLength, LongIntMap index, LongVec positions,
      boolean idKey, String what) throws HprofFormatException {
    if (length < minLength) {
      throw in.error(body, what + " record of " + length + " bytes: expected at least " + minLength);
    }
    long key = idKey ? in.id(body, idSize) : in.u4(body);
    index.put(key, positions.size());
    positions.add(body);
  }

  private void readHeapDump(long pos, long end) throws HprofFormatException {
    final int id = idSize;
    while (pos < end) {
      int tag = in.u1(pos) & 0xFF;
      long p = pos + 1;
      switch (tag) {
        case ROOT_UNKNOWN, ROOT_STICKY_CLASS, ROOT_MONITOR_USED -> {
          need(p, id, end, tag);
          addRoot(pos, in.id(p, id), tag, -1, -1);
          pos = p + id;
        }
        case ROOT_JNI_GLOBAL -> {
          need(p, 2L * id, end, tag);
          addRoot(pos, in.id(p, id), tag, -1, -1);
          pos = p + 2L * id;
        }
        case ROOT_JNI_LOCAL, ROOT_JAVA_FRAME -> {
          need(p, id + 8L, end, tag);
          addRoot(pos, in.id(p, id), tag, in.i4(p + id), in.i4(p + id + 4));
          pos = p + id + 8;
        }
        case ROOT_NATIVE_STACK, ROOT_THREAD_BLOCK -> {
          need(p, id + 4L, end, tag);
          addRoot(pos, in.id(p, id), tag, in.i4(p + id), -1);
          pos = p + id + 4;
        }
        case ROOT_THREAD_OBJECT -> {
          need(p, id + 8L, end, tag);
          long threadId = in.id(p, id);
          int threadSerial = in.i4(p + id);
          addRoot(pos, threadId, tag, threadSerial, -1);
          threadIndex.put(threadSerial & 0xFFFF_FFFFL, threadObjectIds.size());
          threadObjectIds.add(threadId);
          threadTraceSerials.add(in.i4(p + id + 4));
          pos = p + id + 8;
        }
        case CLASS_DUMP -> pos = readClassDump(pos, end);
        case INSTANCE_DUMP -> {
          need(p, 2L * id + 8, end, tag);
          long length = in.u4(p + 2L * id + 4);
          long next = p + 2L * id + 8 + length;
          if (next > end) {
            throw in.error(pos, "INSTANCE DUMP says it holds " + length
                + " bytes of fields, which points past the end of its heap dump segment at byte " + end);
          }
          addObject(in.id(p, id), pos, in.id(p + id + 4, id), -1);
          pos = next;
        }
        case OBJECT_ARRAY_DUMP -> {
          need(p, 2L * id + 8, end, tag);
          long length = in.u4(p + id + 4);
          long next = p + 2L * id + 8 + length * id;
          if (length > Integer.MAX_VALUE || next > end) {
            throw in.error(pos, "OBJECT ARRAY DUMP of " + length
                + " elements points past the end of its heap dump segment at byte " + end);
          }
          addObject(in.id(p, id), pos, in.id(p + id + 8, id), (int) length);
          referenceSlots += length;
          pos = next;
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
          addObject(in.id(p, id), pos, typeTag, (int) length);
          pos = next;
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
    rootIds.add(objectId);
    rootKinds.add(kind);
    rootThreads.add(thread);
    rootFrames.add(frame);
    rootPositions.add(position);
  }

  private void addObject(long objectId, long position, long classId, int length) {
    objectIds.add(objectId);
    objectPositions.add(position);
    objectClassIds.add(classId);
    arrayLengths.add(length);
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
      c.staticValues[i] = readRaw(p, type);
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
    classes.add(c);
    addObject(c.id, start, 0, -1);
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

  /** Reads a value of {@code type} as raw bits (ids for references). */
  long readRaw(long at, ValueType type) {
    return switch (type) {
      case OBJECT -> in.id(at, idSize);
      case BOOLEAN, BYTE -> in.u1(at);
      case CHAR -> in.u2(at);
      case SHORT -> in.i2(at);
      case INT, FLOAT -> in.i4(at);
      case LONG, DOUBLE -> in.i8(at);
    };
  }
}
