package dev.heapdiff.testdata;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes HPROF heap dumps with exactly the records a test asks for, valid or not.
 *
 * <pre>{@code
 * HprofWriter w = HprofWriter.inMemory(8);
 * w.loadClass(0x100, "java/lang/Object").classDump(0x100).end();
 * w.loadClass(0x200, "com/example/Node").classDump(0x200).superclass(0x100).field("next", OBJECT).end();
 * w.instance(0x1000, 0x200, 0x1010L).instance(0x1010, 0x200, (Object) null).rootStickyClass(0x200);
 * byte[] dump = w.bytes();
 * }</pre>
 *
 * <p>Heap dump sub-records (roots, class dumps, instances, arrays) are collected into a HEAP DUMP
 * SEGMENT, which is written when it exceeds {@link #segmentLimit(int)} bytes, when a record that
 * must follow it is written ({@link #rawRecord}, {@link #heapDumpEnd()}, {@link #newSegment()}) or
 * when the dump is finished; a dump that used segments ends with HEAP DUMP END, as HotSpot's do.
 * UTF8, LOAD CLASS, STACK FRAME and STACK TRACE records are written at once, ahead of the segment
 * being filled. Names ({@link #name(String)}) get UTF8 records on first use.
 *
 * <p>Output goes to a file through a buffer ({@link #toFile}) or to memory ({@link #inMemory},
 * {@link #bytes()}). {@link #recordOffsets()} and {@link #subRecordOffsets()} tell where every
 * record starts, so tests can cut a dump at each boundary. Write errors are thrown as
 * {@link UncheckedIOException} to keep the fluent calls short.
 */
public final class HprofWriter implements Closeable {
  public static final int UTF8 = 0x01;
  public static final int LOAD_CLASS = 0x02;
  public static final int STACK_FRAME = 0x04;
  public static final int STACK_TRACE = 0x05;
  public static final int HEAP_DUMP = 0x0C;
  public static final int HEAP_DUMP_SEGMENT = 0x1C;
  public static final int HEAP_DUMP_END = 0x2C;

  private final OutputStream out;
  private final ByteArrayOutputStream memory;
  private final int idSize;
  private String header = "JAVA PROFILE 1.0.2";
  private long timestampMillis = 1_700_000_000_000L;
  private boolean headerWritten;
  private boolean finished;
  private long written;

  private final Bytes record = new Bytes();
  private final Bytes segment = new Bytes();
  private boolean segmentOpen;
  private final LongList segmentSubRecords = new LongList();
  private int heapTag = HEAP_DUMP_SEGMENT;
  private int segmentLimit = 1 << 20;
  private boolean segmentsSinceEnd;

  private final LongList recordOffsets = new LongList();
  private final LongList subRecordOffsets = new LongList();
  private final Map<String, Long> names = new HashMap<>();
  private long nextNameId = 0x4000_0000L;
  private int nextClassSerial = 1;
  private final Map<Long, ClassShape> shapes = new HashMap<>();

  /** What the writer remembers of a CLASS DUMP to encode instances of the class. */
  private record ClassShape(long superId, BasicType[] fieldTypes) {}


  private HprofWriter(OutputStream out, ByteArrayOutputStream memory, int idSize) {
    if (idSize != 4 && idSize != 8) {
      throw new IllegalArgumentException("identifier size " + idSize + ": HPROF uses 4 or 8");
    }
    this.out = out;
    this.memory = memory;
    this.idSize = idSize;
  }

  /** Returns a writer that streams into {@code file} (replacing it) through a buffer. */
  public static HprofWriter toFile(Path file, int idSize) {
    try {
      return new HprofWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), null, idSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a writer that keeps the dump in memory; {@link #bytes()} returns it. */
  public static HprofWriter inMemory(int idSize) {
    ByteArrayOutputStream memory = new ByteArrayOutputStream(4096);
    return new HprofWriter(memory, memory, idSize);
  }

  /** Sets the header string, {@code JAVA PROFILE 1.0.2} unless changed; only before anything is written. */
  public HprofWriter header(String header) {
    checkHeaderNotWritten();
    this.header = header;
    return this;
  }

  /** Sets the header's timestamp; only before anything is written. */
  public HprofWriter timestamp(long millis) {
    checkHeaderNotWritten();
    this.timestampMillis = millis;
    return this;
  }

  /** Puts sub-records into HEAP DUMP records, as HPROF 1.0.1 writers did, instead of HEAP DUMP SEGMENTs. */
  public HprofWriter useHeapDumpRecords() {
    closeSegment();
    heapTag = HEAP_DUMP;
    return this;
  }

  /** Starts a new heap dump segment once the current one holds {@code bytes} bytes or more. */
  public HprofWriter segmentLimit(int bytes) {
    segmentLimit = bytes;
    return this;
  }

  /** Returns the identifier size of the dump. */
  public int idSize() {
    return idSize;
  }

  // ---- Top-level records --------------------------------------------------------------------

  /** Writes a UTF8 record with id {@code id}; {@code text} is encoded as modified UTF-8, as the JVM does. */
  public HprofWriter utf8(long id, String text) {
    record.clear();
    record.id(id, idSize).bytes(modifiedUtf8(text));
    top(UTF8, record, -1);
    return this;
  }

  /** Returns the id of a UTF8 record holding {@code text}, writing the record on first use. */
  public long name(String text) {
    Long id = names.get(text);
    if (id == null) {
      id = nextNameId++;
      names.put(text, id);
      utf8(id, text);
    }
    return id;
  }

  /**
   * Writes a LOAD CLASS record with the next class serial; {@code vmName} is the name as the JVM
   * writes it ({@code java/lang/String}, {@code [I}).
   */
  public HprofWriter loadClass(long classId, String vmName) {
    return loadClass(nextClassSerial, classId, 0, vmName);
  }

  /** Writes a LOAD CLASS record. */
  public HprofWriter loadClass(int classSerial, long classId, int stackTraceSerial, String vmName) {
    nextClassSerial = Math.max(nextClassSerial, classSerial + 1);
    long nameId = name(vmName);
    record.clear();
    record.u4(classSerial).id(classId, idSize).u4(stackTraceSerial).id(nameId, idSize);
    top(LOAD_CLASS, record, -1);
    return this;
  }

  /** Writes a STACK FRAME record; the strings get UTF8 records. */
  public HprofWriter stackFrame(long frameId, String method, String signature, String sourceFile, int classSerial,
      int line) {
    long methodId = name(method);
    long signatureId = name(signature);
    long sourceId = name(sourceFile);
    record.clear();
    record.id(frameId, idSize).id(methodId, idSize).id(signatureId, idSize).id(sourceId, idSize).u4(classSerial)
        .u4(line);
    top(STACK_FRAME, record, -1);
    return this;
  }

  /** Writes a STACK TRACE record of the given frames, innermost first. */
  public HprofWriter stackTrace(int serial, int threadSerial, long... frameIds) {
    record.clear();
    record.u4(serial).u4(threadSerial).u4(frameIds.length);
    for (long frame : frameIds) {
      record.id(frame, idSize);
    }
    top(STACK_TRACE, record, -1);
    return this;
  }

  /** Writes a record with any tag and body, after the heap dump segment being filled. */
  public HprofWriter rawRecord(int tag, byte[] body) {
    return rawRecord(tag, body.length, body);
  }

  /** Writes a record whose length field says {@code length}, whatever the body's real length. */
  public HprofWriter rawRecord(int tag, long length, byte[] body) {
    closeSegment();
    record.clear();
    record.bytes(body);
    top(tag, record, length);
    return this;
  }

  /** Ends the heap dump segment being filled; the next sub-record starts a new one. */
  public HprofWriter newSegment() {
    closeSegment();
    return this;
  }

  /** Writes a HEAP DUMP END record after the segment being filled. */
  public HprofWriter heapDumpEnd() {
    closeSegment();
    record.clear();
    top(HEAP_DUMP_END, record, -1);
    segmentsSinceEnd = false;
    return this;
  }

  // ---- Heap dump sub-records ----------------------------------------------------------------

  /** ROOT UNKNOWN. */
  public HprofWriter rootUnknown(long objectId) {
    sub(0xFF).id(objectId, idSize);
    return this;
  }

  /** ROOT JNI GLOBAL, held by the JNI global reference {@code jniGlobalRefId}. */
  public HprofWriter rootJniGlobal(long objectId, long jniGlobalRefId) {
    sub(0x01).id(objectId, idSize).id(jniGlobalRefId, idSize);
    return this;
  }

  /** ROOT JNI LOCAL in frame {@code frame} (-1 if none) of thread {@code threadSerial}. */
  public HprofWriter rootJniLocal(long objectId, int threadSerial, int frame) {
    sub(0x02).id(objectId, idSize).u4(threadSerial).u4(frame);
    return this;
  }

  /** ROOT JAVA FRAME: a local variable in frame {@code frame} of thread {@code threadSerial}. */
  public HprofWriter rootJavaFrame(long objectId, int threadSerial, int frame) {
    sub(0x03).id(objectId, idSize).u4(threadSerial).u4(frame);
    return this;
  }

  /** ROOT NATIVE STACK of thread {@code threadSerial}. */
  public HprofWriter rootNativeStack(long objectId, int threadSerial) {
    sub(0x04).id(objectId, idSize).u4(threadSerial);
    return this;
  }

  /** ROOT STICKY CLASS: a class the VM keeps (system class). */
  public HprofWriter rootStickyClass(long classId) {
    sub(0x05).id(classId, idSize);
    return this;
  }

  /** A ROOT STICKY CLASS record for each of {@code classIds}, in order. */
  public HprofWriter rootStickyClasses(long... classIds) {
    for (long c : classIds) {
      rootStickyClass(c);
    }
    return this;
  }

  /** ROOT THREAD BLOCK of thread {@code threadSerial}. */
  public HprofWriter rootThreadBlock(long objectId, int threadSerial) {
    sub(0x06).id(objectId, idSize).u4(threadSerial);
    return this;
  }

  /** ROOT MONITOR USED: an object whose monitor is held. */
  public HprofWriter rootMonitorUsed(long objectId) {
    sub(0x07).id(objectId, idSize);
    return this;
  }

  /** ROOT THREAD OBJECT: thread {@code threadSerial}'s {@code java.lang.Thread}, with its stack trace. */
  public HprofWriter rootThreadObject(long threadId, int threadSerial, int stackTraceSerial) {
    sub(0x08).id(threadId, idSize).u4(threadSerial).u4(stackTraceSerial);
    return this;
  }

  /** Starts a CLASS DUMP of class {@code classId}; {@link ClassDump#end()} writes it. */
  public ClassDump classDump(long classId) {
    return new ClassDump(this, classId);
  }

  /**
   * Writes an INSTANCE DUMP whose field values are encoded by the types of its class's CLASS DUMP
   * written before: the class's own fields, then its superclass's, and so on, as HotSpot writes
   * them. References are {@code Long} or {@code Integer} ids or {@code null}; primitives are
   * numbers, {@code Boolean} or {@code Character}.
   *
   * @throws IllegalArgumentException if the class is unknown or the number of values is wrong
   */
  public HprofWriter instance(long id, long classId, Object... values) {
    List<BasicType> types = instanceFieldTypes(classId);
    if (types.size() != values.length) {
      throw new IllegalArgumentException("class 0x" + Long.toHexString(classId) + " and its superclasses declare "
          + types.size() + " fields " + types + ", but " + values.length + " values were given");
    }
    Bytes body = sub(0x21).id(id, idSize).u4(0).id(classId, idSize);
    int length = 0;
    for (BasicType type : types) {
      length += type.size(idSize);
    }
    body.u4(length);
    for (int i = 0; i < values.length; i++) {
      body.value(types.get(i), values[i], idSize);
    }
    return this;
  }

  /** Writes an INSTANCE DUMP with the given field bytes, whatever its class declares. */
  public HprofWriter instanceBytes(long id, long classId, byte[] fieldValues) {
    sub(0x21).id(id, idSize).u4(0).id(classId, idSize).u4(fieldValues.length).bytes(fieldValues);
    return this;
  }

  /** Writes an OBJECT ARRAY DUMP; 0 is a null element. */
  public HprofWriter objectArray(long id, long arrayClassId, long... elements) {
    Bytes body = sub(0x22).id(id, idSize).u4(0).u4(elements.length).id(arrayClassId, idSize);
    for (long element : elements) {
      body.id(element, idSize);
    }
    return this;
  }

  /** Writes an OBJECT ARRAY DUMP whose length field says {@code length}, with the given element bytes. */
  public HprofWriter objectArrayBytes(long id, long arrayClassId, long length, byte[] elements) {
    sub(0x22).id(id, idSize).u4(0).u4(length).id(arrayClassId, idSize).bytes(elements);
    return this;
  }

  /** Writes a PRIMITIVE ARRAY DUMP whose length field says {@code length}, with the given element bytes. */
  public HprofWriter primitiveArray(long id, BasicType type, long length, byte[] elements) {
    sub(0x23).id(id, idSize).u4(0).u4(length).u1(type.tag()).bytes(elements);
    return this;
  }

  public HprofWriter booleanArray(long id, boolean... values) {
    Bytes body = primitiveHeader(id, BasicType.BOOLEAN, values.length);
    for (boolean v : values) {
      body.u1(v ? 1 : 0);
    }
    return this;
  }

  public HprofWriter charArray(long id, char... values) {
    Bytes body = primitiveHeader(id, BasicType.CHAR, values.length);
    for (char v : values) {
      body.u2(v);
    }
    return this;
  }

  public HprofWriter byteArray(long id, byte... values) {
    primitiveHeader(id, BasicType.BYTE, values.length).bytes(values);
    return this;
  }

  public HprofWriter shortArray(long id, short... values) {
    Bytes body = primitiveHeader(id, BasicType.SHORT, values.length);
    for (short v : values) {
      body.u2(v);
    }
    return this;
  }

  public HprofWriter intArray(long id, int... values) {
    Bytes body = primitiveHeader(id, BasicType.INT, values.length);
    for (int v : values) {
      body.u4(v);
    }
    return this;
  }

  public HprofWriter longArray(long id, long... values) {
    Bytes body = primitiveHeader(id, BasicType.LONG, values.length);
    for (long v : values) {
      body.u8(v);
    }
    return this;
  }

  public HprofWriter floatArray(long id, float... values) {
    Bytes body = primitiveHeader(id, BasicType.FLOAT, values.length);
    for (float v : values) {
      body.u4(Float.floatToRawIntBits(v));
    }
    return this;
  }

  public HprofWriter doubleArray(long id, double... values) {
    Bytes body = primitiveHeader(id, BasicType.DOUBLE, values.length);
    for (double v : values) {
      body.u8(Double.doubleToRawLongBits(v));
    }
    return this;
  }

  /** Appends {@code bytes} to the heap dump segment as they are, as one sub-record. */
  public HprofWriter rawSubRecord(byte[] bytes) {
    sub(-1).bytes(bytes);
    return this;
  }

  // ---- Finishing ----------------------------------------------------------------------------

  /** Writes what is pending (the segment, HEAP DUMP END) and flushes; later calls are not allowed. */
  public HprofWriter finish() {
    if (finished) {
      return this;
    }
    closeSegment();
    if (segmentsSinceEnd) {
      heapDumpEnd();
    }
    writeHeader();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    finished = true;
    return this;
  }

  /** Finishes the dump and returns it; for writers made by {@link #inMemory(int)}. */
  public byte[] bytes() {
    if (memory == null) {
      throw new IllegalStateException("this writer writes a file; bytes() is for inMemory writers");
    }
    finish();
    return memory.toByteArray();
  }

  /** Returns the offsets of all top-level records written so far (after {@link #finish()}: all). */
  public long[] recordOffsets() {
    return recordOffsets.toArray();
  }

  /** Returns the offsets of all heap dump sub-records in written segments. */
  public long[] subRecordOffsets() {
    return subRecordOffsets.toArray();
  }

  /** Returns the number of bytes written so far. */
  public long size() {
    return written;
  }

  /** Finishes the dump and closes the output. */
  @Override
  public void close() {
    try {
      finish();
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- Machinery ----------------------------------------------------------------------------

  /** Remembers the fields a CLASS DUMP declares, to encode instances of the class. */
  void declareFields(long classId, long superId, BasicType[] fieldTypes) {
    shapes.put(classId, new ClassShape(superId, fieldTypes));
  }

  /** The field types of an instance of {@code classId}: its own, then its superclasses'. */
  List<BasicType> instanceFieldTypes(long classId) {
    List<BasicType> types = new ArrayList<>();
    ClassShape shape = shapes.get(classId);
    if (shape == null) {
      throw new IllegalArgumentException("no CLASS DUMP of class 0x" + Long.toHexString(classId)
          + " was written: use instanceBytes() for instances of unknown classes");
    }
    int steps = 0;
    for (long c = classId; c != 0 && shapes.containsKey(c) && steps <= shapes.size(); steps++) {
      shape = shapes.get(c);
      types.addAll(List.of(shape.fieldTypes()));
      c = shape.superId();
    }
    return types;
  }

  private Bytes primitiveHeader(long id, BasicType type, int length) {
    return sub(0x23).id(id, idSize).u4(0).u4(length).u1(type.tag());
  }

  /** Starts a sub-record with {@code tag} (none if negative) in the current segment. */
  Bytes sub(int tag) {
    checkNotFinished();
    if (segmentOpen && segment.size() >= segmentLimit) {
      closeSegment();
    }
    segmentOpen = true;
    segmentSubRecords.add(segment.size());
    if (tag >= 0) {
      segment.u1(tag);
    }
    return segment;
  }

  private void closeSegment() {
    if (!segmentOpen) {
      return;
    }
    segmentOpen = false;
    writeHeader();
    long bodyStart = written + 9;
    for (int i = 0; i < segmentSubRecords.size(); i++) {
      subRecordOffsets.add(bodyStart + segmentSubRecords.get(i));
    }
    segmentSubRecords.clear();
    top(heapTag, segment, -1);
    segment.clear();
    if (heapTag == HEAP_DUMP_SEGMENT) {
      segmentsSinceEnd = true;
    }
  }

  /** Writes a top-level record; {@code length} overrides the length field if not negative. */
  private void top(int tag, Bytes body, long length) {
    checkNotFinished();
    writeHeader();
    recordOffsets.add(written);
    Bytes head = new Bytes();
    head.u1(tag).u4(0).u4(length >= 0 ? length : body.size());
    try {
      head.writeTo(out);
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    written += head.size() + body.size();
  }

  private void writeHeader() {
    if (headerWritten) {
      return;
    }
    headerWritten = true;
    Bytes head = new Bytes();
    head.bytes(header.getBytes(StandardCharsets.ISO_8859_1)).u1(0).u4(idSize).u8(timestampMillis);
    try {
      head.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    written += head.size();
  }

  private void checkHeaderNotWritten() {
    if (headerWritten) {
      throw new IllegalStateException("the header is written already");
    }
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException("the dump is finished");
    }
  }

  /** Encodes {@code text} as modified UTF-8: NUL as {@code C0 80}, supplementary characters as two surrogates. */
  static byte[] modifiedUtf8(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != 0 && c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >> 6));
        out.write(0x80 | (c & 0x3F));
      } else {
        out.write(0xE0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
    return out.toByteArray();
  }
}
