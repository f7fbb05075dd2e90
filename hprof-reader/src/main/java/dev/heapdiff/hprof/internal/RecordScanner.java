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
  final LongVec stackTraceEnds = new LongVec(256);
  final LongIntMap stackFrameIndex = new LongIntMap(1024);
  final LongVec stackFramePositions = new LongVec(1024);

  /** HEAP DUMP and HEAP DUMP SEGMENT bodies: start and end offsets, in file order. */
  final LongVec segments = new LongVec(64);
  int heapDumpRecords;

  // Merged results of the heap dump scanners.
  List<ClassRecord> classes = new ArrayList<>();
  /** Class object id to index in {@link #classes}. */
  LongIntMap classIndexById = new LongIntMap(1 << 12);
  // Objects in file order.
  /** Object ids as 32-bit keys (id - idBase) >>> idShift, or null when {@link #wideIds} holds them. */
  int[] idKeys;
  long[] wideIds;
  long idBase;
  int idShift;
  long idSpan;
  /** Low 32 bits of each object's offset; see {@link #positions()}. */
  int[] objectPositions;
  final IntVec highIndexes = new IntVec(4);
  final IntVec highValues = new IntVec(4);
  /** Class of each object, coded as in {@link HeapDumpScanner#objectClasses}. */
  int[] objectClasses;
  /** Array length, or -1 for instances and classes. */
  int[] arrayLengths;
  LongVec unresolvedClassIds = new LongVec(16);
  // Roots.
  LongVec rootIds;
  IntVec rootKinds;
  IntVec rootThreads;
  IntVec rootFrames;
  // Thread serial -> (thread object id, stack trace serial).
  final LongIntMap threadIndex = new LongIntMap(256);
  public final IntVec threadSerials = new IntVec(256);
  public final LongVec threadObjectIds = new LongVec(256);
  public final IntVec threadTraceSerials = new IntVec(256);

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
    idKeys = null;
    wideIds = null;
    objectPositions = null;
    objectClasses = null;
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
        case TAG_STACK_TRACE -> {
          recordPosition(body, length, 12, stackTraceIndex, stackTracePositions, false, "STACK TRACE");
          stackTraceEnds.add(body + length);
        }
        case TAG_HEAP_DUMP, TAG_HEAP_DUMP_SEGMENT -> {
          heapDumpRecords++;
          segmentsEnded = tag == TAG_HEAP_DUMP;
          segments.add(body);
          segments.add(body + length);
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
    scanHeapDumps();
  }

  /**
   * Parses the heap dump segments, on all cores when the dump is large: contiguous groups of
   * segments go to separate scanners whose results are joined in file order.
   */
  private void scanHeapDumps() throws HprofFormatException {
    int segmentCount = segments.size() / 2;
    long total = 0;
    for (int k = 0; k < segmentCount; k++) {
      total += segments.get(2 * k + 1) - segments.get(2 * k);
    }
    int chunks = total < (64L << 20) || segmentCount < 2 ? 1 : Math.min(Parallel.threads(), segmentCount);
    int[] firstSegment = new int[chunks + 1];
    long cumulative = 0;
    int chunk = 1;
    for (int k = 0; k < segmentCount && chunk < chunks; k++) {
      cumulative += segments.get(2 * k + 1) - segments.get(2 * k);
      if (cumulative * chunks >= total * chunk) {
        firstSegment[chunk++] = k + 1;
      }
    }
    while (chunk <= chunks) {
      firstSegment[chunk++] = segmentCount;
    }
    // First count the objects of each group (validating every sub-record), then fill arrays of
    // the exact size: no growing, copying or joining of per-object lists.
    int[] counts = new int[chunks];
    HeapDumpScanner[] counters = new HeapDumpScanner[chunks];
    long countStart = System.nanoTime();
    runGroups(chunks, part -> {
      HeapDumpScanner counter = new HeapDumpScanner(in, idSize);
      for (int k = firstSegment[part]; k < firstSegment[part + 1]; k++) {
        counter.scan(segments.get(2 * k), segments.get(2 * k + 1));
      }
      counts[part] = counter.cursor;
      counters[part] = counter;
    });
    joinClasses(counters);
    // Ids are unsigned addresses. Their smallest value and common alignment let the filling pass
    // store each as a 32-bit key, when the span allows (it does below 32 GiB of 8-byte aligned heap).
    long min = -1L;
    long max = 0;
    long differences = 0;
    long first = 0;
    boolean any = false;
    for (HeapDumpScanner counter : counters) {
      if (counter.cursor == 0) {
        continue;
      }
      if (!any) {
        first = counter.firstId;
        any = true;
      }
      min = Long.compareUnsigned(counter.minId, min) < 0 ? counter.minId : min;
      max = Long.compareUnsigned(counter.maxId, max) > 0 ? counter.maxId : max;
      differences |= counter.idDifferences | (counter.firstId ^ first);
    }
    idBase = any ? min : 0;
    idShift = differences == 0 ? 0 : Math.min(Long.numberOfTrailingZeros(differences), 32);
    idSpan = any ? (max - idBase) >>> idShift : 0;
    if (Boolean.getBoolean("heapdiff.timings")) {
      System.err.printf("heapdiff:   counting pass %d ms in %d groups%n", (System.nanoTime() - countStart) / 1_000_000, chunks);
    }
    long objects = 0;
    int[] starts = new int[chunks];
    for (int part = 0; part < chunks; part++) {
      starts[part] = (int) objects;
      objects += counts[part];
    }
    if (objects > Integer.MAX_VALUE - 64) {
      throw in.error(0, "more than 2^31 objects: too many for this reader");
    }
    int n = (int) objects;
    boolean compact = Long.compareUnsigned(idSpan, 0xFFFF_FFFFL) <= 0;
    idKeys = compact ? new int[n] : null;
    wideIds = compact ? null : new long[n];
    HeapDumpScanner.IdStore store = new HeapDumpScanner.IdStore(idKeys, wideIds, idBase, idShift);
    objectPositions = new int[n];
    objectClasses = new int[n];
    arrayLengths = new int[n];
    HeapDumpScanner[] scanners = new HeapDumpScanner[chunks];
    runGroups(chunks, part -> {
      HeapDumpScanner scanner = new HeapDumpScanner(in, idSize, classIndexById, store, objectPositions,
          objectClasses, arrayLengths, starts[part]);
      for (int k = firstSegment[part]; k < firstSegment[part + 1]; k++) {
        scanner.scan(segments.get(2 * k), segments.get(2 * k + 1));
      }
      if (scanner.cursor != starts[part] + counts[part]) {
        throw in.error(segments.get(2 * firstSegment[part]), "fewer objects than the counting pass found:"
            + " the file changed while being read");
      }
      scanners[part] = scanner;
    });
    for (HeapDumpScanner scanner : scanners) {
      for (int k = 0; k < scanner.highIndexes.size(); k++) {
        int high = scanner.highValues.get(k);
        if (high != (highValues.size() == 0 ? 0 : highValues.get(highValues.size() - 1))) {
          highIndexes.add(scanner.highIndexes.get(k));
          highValues.add(high);
        }
      }
    }
    join(scanners, starts, counts);
  }

  /** The objects' file offsets. */
  Positions positions() {
    return new Positions(objectPositions, highIndexes.toArray(), highValues.toArray());
  }

  private interface Group {
    void run(int part) throws HprofFormatException;
  }

  private static void runGroups(int groups, Group body) throws HprofFormatException {
    try {
      Parallel.forChunks(groups, groups, (c, from, to) -> {
        for (int part = from; part < to; part++) {
          body.run(part);
        }
      });
    } catch (Parallel.HprofFailure e) {
      if (e.getCause() instanceof HprofFormatException f) {
        throw f;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Joins the classes the counting scanners found, in file order. */
  private void joinClasses(HeapDumpScanner[] counters) throws HprofFormatException {
    for (HeapDumpScanner counter : counters) {
      for (ClassRecord record : counter.classes) {
        if (classIndexById.get(record.id) >= 0) {
          throw in.error(record.position, "a second CLASS DUMP for class id 0x" + Long.toHexString(record.id));
        }
        classIndexById.put(record.id, classes.size());
        classes.add(record);
      }
    }
  }

  /** Joins the scanners' roots and threads, and numbers the class ids no CLASS DUMP has across scanners. */
  private void join(HeapDumpScanner[] scanners, int[] starts, int[] counts) {
    long roots = 0;
    for (HeapDumpScanner s : scanners) {
      roots += s.rootIds.size();
    }
    rootIds = new LongVec((int) roots);
    rootKinds = new IntVec((int) roots);
    rootThreads = new IntVec((int) roots);
    rootFrames = new IntVec((int) roots);
    for (int c = 0; c < scanners.length; c++) {
      HeapDumpScanner s = scanners[c];
      if (s.unresolvedClassIds.size() > 0) {
        // Only corrupt dumps get here: the objects' class codes are renumbered for the joined list.
        int first = unresolvedClassIds.size();
        for (int k = 0; k < s.unresolvedClassIds.size(); k++) {
          unresolvedClassIds.add(s.unresolvedClassIds.get(k));
        }
        for (int i = starts[c]; i < starts[c] + counts[c]; i++) {
          if (objectClasses[i] <= HeapDumpScanner.UNRESOLVED_BASE) {
            objectClasses[i] -= first;
          }
        }
      }
      for (int r = 0; r < s.rootIds.size(); r++) {
        rootIds.add(s.rootIds.get(r));
        rootKinds.add(s.rootKinds.get(r));
        rootThreads.add(s.rootThreads.get(r));
        rootFrames.add(s.rootFrames.get(r));
      }
      for (int t = 0; t < s.threadObjectIds.size(); t++) {
        threadIndex.put(s.threadSerials.get(t) & 0xFFFF_FFFFL, threadObjectIds.size());
        threadSerials.add(s.threadSerials.get(t));
        threadObjectIds.add(s.threadObjectIds.get(t));
        threadTraceSerials.add(s.threadTraceSerials.get(t));
      }
      scanners[c] = null;
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

}
