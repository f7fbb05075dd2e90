package dev.heapdiff.hprof;

import static dev.heapdiff.hprof.SyntheticDumps.NODE_CLASS;
import static dev.heapdiff.hprof.SyntheticDumps.OBJECT_ARRAY_CLASS;
import static dev.heapdiff.hprof.SyntheticDumps.OBJECT_CLASS;
import static dev.heapdiff.hprof.SyntheticDumps.nodes;
import static dev.heapdiff.hprof.SyntheticDumps.write;
import static dev.heapdiff.testdata.BasicType.BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.heapdiff.testdata.HprofWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files that are not well-formed dumps fail with an {@link HprofFormatException} that says where and why. */
class MalformedDumpTest {
  /** Length of "JAVA PROFILE 1.0.2" and its NUL: the identifier size follows. */
  private static final int ID_SIZE_OFFSET = 19;

  @TempDir Path dir;

  /** Asserts that opening {@code file} fails with a format error naming the file and an offset inside it. */
  static AbstractThrowableAssert<?, ? extends Throwable> assertFormatError(Path file) throws IOException {
    long size = Files.size(file);
    Throwable thrown = null;
    try (HeapGraph g = HeapGraph.open(file)) {
      throw new AssertionError("expected an HprofFormatException, but " + file + " was read: " + g);
    } catch (HprofFormatException e) {
      thrown = e;
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.offset()).isBetween(0L, size);
    }
    return assertThat(thrown).hasMessageContaining(file.toString()).hasMessageContaining("byte offset");
  }

  private Path file(String name, byte[] dump) throws IOException {
    return write(dir, name, dump);
  }

  private static HprofWriter nodesWithOne(int idSize) {
    return nodes(HprofWriter.inMemory(idSize)).instance(0x1000, NODE_CLASS, 0, 1).rootUnknown(0x1000);
  }

  @Test
  void textIsNotAnHprofFile() throws Exception {
    assertFormatError(file("notes.hprof", "just some text\nand more\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("not an HPROF file");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void emptyAndTinyFilesAreNotHprofFiles(int length) throws Exception {
    assertFormatError(file("tiny.hprof", Arrays.copyOf("JAV".getBytes(StandardCharsets.US_ASCII), length)))
        .hasMessageContaining("not an HPROF file");
  }

  @Test
  void aHeaderWithoutIdSizeIsTruncated() throws Exception {
    assertFormatError(file("header.hprof", "JAVA PROFILE 1.0.2\0\0\0".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("truncated");
  }

  @Test
  void version103IsNotSupported() throws Exception {
    byte[] dump = nodes(HprofWriter.inMemory(8).header("JAVA PROFILE 1.0.3")).instance(0x1000, NODE_CLASS, 0, 1)
        .bytes();
    assertFormatError(file("v103.hprof", dump)).hasMessageContaining("unsupported HPROF version \"1.0.3\"");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 16, 0, -1})
  void identifierSizesOtherThan4And8AreRefused(int idSize) throws Exception {
    byte[] dump = nodesWithOne(8).bytes();
    ByteBuffer.wrap(dump).putInt(ID_SIZE_OFFSET, idSize);
    assertFormatError(file("ids.hprof", dump)).hasMessageContaining("unsupported identifier size " + idSize);
  }

  @Test
  void aRecordLengthPastTheEndIsReported() throws Exception {
    byte[] dump = nodesWithOne(8).rawRecord(0x01, 1000, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}).bytes();
    assertFormatError(file("long.hprof", dump)).hasMessageContaining("points past the end of the file");
  }

  @Test
  void aDumpWithoutHeapDumpIsReported() throws Exception {
    byte[] dump = HprofWriter.inMemory(8).utf8(1, "lonely").bytes();
    assertFormatError(file("no-heap.hprof", dump)).hasMessageContaining("no HEAP DUMP");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void hugeArrayLengthsFailWithoutAllocating(boolean primitive) throws Exception {
    HprofWriter w = nodesWithOne(8);
    if (primitive) {
      w.primitiveArray(0x2000, BYTE, 0x7FFF_FFFFL, new byte[16]);
    } else {
      w.loadClass(OBJECT_ARRAY_CLASS, "[Ljava/lang/Object;").classDump(OBJECT_ARRAY_CLASS)
          .superclass(OBJECT_CLASS).end();
      w.objectArrayBytes(0x2000, OBJECT_ARRAY_CLASS, 0x7FFF_FFFFL, new byte[16]);
    }
    Path file = file("huge.hprof", w.bytes());
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFormatError(file)
        .hasMessageContaining("2147483647").hasMessageContaining("points past the end of its heap dump segment"));
  }

  /**
   * A record whose class is of another kind would be read at the wrong offsets (an instance's bytes
   * as an array's element type and length): an INSTANCE DUMP of a primitive array class, an OBJECT
   * ARRAY DUMP of an instance class.
   */
  @ParameterizedTest
  @ValueSource(ints = {4, 8})
  void aRecordOfAClassOfAnotherKindIsReported(int idSize) throws Exception {
    HprofWriter instanceOfAnArrayClass = nodesWithOne(idSize);
    instanceOfAnArrayClass.loadClass(0x300, "[I").classDump(0x300).superclass(OBJECT_CLASS).end()
        .instanceBytes(0x2000, 0x300, new byte[0]).rootUnknown(0x2000);
    assertFormatError(file("instance-of-int-array.hprof", instanceOfAnArrayClass.bytes()))
        .hasMessageContaining("INSTANCE DUMP of class int[], which is a primitive array class");
    HprofWriter arrayOfAnInstanceClass = nodesWithOne(idSize).objectArray(0x2000, NODE_CLASS, 0x1000, 0)
        .rootUnknown(0x2000);
    assertFormatError(file("array-of-node.hprof", arrayOfAnInstanceClass.bytes()))
        .hasMessageContaining("OBJECT ARRAY DUMP of class com.example.Node, which is an instance class");
  }

  @Test
  void anInstanceOfAClassWithoutClassDumpIsReported() throws Exception {
    byte[] dump = nodesWithOne(8).instanceBytes(0x2000, 0x777, new byte[4]).bytes();
    assertFormatError(file("orphan.hprof", dump)).hasMessageContaining("class id 0x777")
        .hasMessageContaining("no CLASS DUMP");
  }

  @Test
  void anUnknownSuperclassIsReported() throws Exception {
    HprofWriter w = nodesWithOne(8);
    w.loadClass(0x300, "com/example/Child").classDump(0x300).superclass(0x888).end();
    assertFormatError(file("super.hprof", w.bytes())).hasMessageContaining("superclass id 0x888")
        .hasMessageContaining("no CLASS DUMP");
  }

  @Test
  void aSuperclassCycleIsReported() throws Exception {
    HprofWriter w = nodesWithOne(8);
    w.loadClass(0x300, "A").classDump(0x300).superclass(0x310).end();
    w.loadClass(0x310, "B").classDump(0x310).superclass(0x320).end();
    w.loadClass(0x320, "C").classDump(0x320).superclass(0x300).end();
    Path file = file("cycle.hprof", w.bytes());
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFormatError(file).hasMessageContaining("cycle"));
  }

  @Test
  void duplicateObjectIdsAreReported() throws Exception {
    byte[] dump = nodesWithOne(8).intArray(0x1000, 1, 2).bytes();
    assertFormatError(file("twice.hprof", dump)).hasMessageContaining("0x1000").hasMessageContaining("appears twice");
  }

  @Test
  void aClassDumpTwiceIsReported() throws Exception {
    HprofWriter w = nodesWithOne(8);
    w.classDump(NODE_CLASS).superclass(OBJECT_CLASS).end();
    assertFormatError(file("class-twice.hprof", w.bytes())).hasMessageContaining("second CLASS DUMP");
  }

  @Test
  void anUnknownSubRecordTagIsReported() throws Exception {
    byte[] dump = nodesWithOne(8).rawSubRecord(new byte[] {0x42, 0, 0, 0, 0, 0, 0, 0, 1}).bytes();
    assertFormatError(file("sub.hprof", dump)).hasMessageContaining("unknown heap dump sub-record tag 0x42");
  }

  @Test
  void anInstanceWhoseFieldBytesDisagreeWithItsClassIsReported() throws Exception {
    byte[] dump = nodesWithOne(8).instanceBytes(0x2000, NODE_CLASS, new byte[5]).bytes();
    assertFormatError(file("fields.hprof", dump)).hasMessageContaining("holds 5 bytes of field values")
        .hasMessageContaining("declare 12");
  }

  @Test
  void aPrimitiveArrayOfReferencesIsReported() throws Exception {
    byte[] dump = nodesWithOne(8).rawSubRecord(new byte[] {0x23, 0, 0, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2})
        .bytes();
    assertFormatError(file("prim.hprof", dump)).hasMessageContaining("element type 2");
  }

  @Test
  void aClassDumpWithAnUnknownFieldTypeIsReported() throws Exception {
    HprofWriter w = nodesWithOne(4);
    w.rawSubRecord(ByteBuffer.allocate(1 + 7 * 4 + 4 + 4 + 2 + 2 + 2 + 5).put((byte) 0x20).putInt(0x300).putInt(0)
        .putInt((int) OBJECT_CLASS).put(new byte[4 * 4 + 4 + 4]).putShort((short) 0).putShort((short) 0)
        .putShort((short) 1).putInt(1).put((byte) 3).array());
    assertFormatError(file("type.hprof", w.bytes())).hasMessageContaining("basic type tag 3");
  }

  @Test
  void aStackTraceRecordTooShortIsReported() throws Exception {
    byte[] dump = nodesWithOne(8).rawRecord(HprofWriter.STACK_TRACE, new byte[0]).bytes();
    assertFormatError(file("trace.hprof", dump)).hasMessageContaining("STACK TRACE record of 0 bytes");
    byte[] frame = nodesWithOne(8).rawRecord(HprofWriter.STACK_FRAME, new byte[3]).bytes();
    assertFormatError(file("frame.hprof", frame)).hasMessageContaining("STACK FRAME record of 3 bytes");
    // As the last record of a dump without HEAP DUMP END, nothing follows to be misread as its body.
    for (int tag : new int[] {HprofWriter.STACK_TRACE, HprofWriter.STACK_FRAME}) {
      byte[] last = nodes(HprofWriter.inMemory(8).useHeapDumpRecords()).rawRecord(tag, new byte[0]).bytes();
      assertFormatError(file("last.hprof", last)).hasMessageContaining("record of 0 bytes");
    }
  }

  @Test
  void segmentsWithoutHeapDumpEndAreATruncatedDump() throws Exception {
    HprofWriter w = nodesWithOne(8);
    byte[] dump = w.bytes();
    long[] records = w.recordOffsets();
    byte[] cut = Arrays.copyOf(dump, (int) records[records.length - 1]);
    assertFormatError(file("no-end.hprof", cut)).hasMessageContaining("HEAP DUMP END");
  }

  @Test
  void aGzipDumpOpensTransparentlyAsTheSameGraph() throws Exception {
    byte[] dump = SyntheticDumps.small(8).bytes();
    Path plain = file("small.hprof", dump);
    Path gzip = dir.resolve("small.hprof.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(dump);
    }
    try (HeapGraph a = HeapGraph.open(plain); HeapGraph b = HeapGraph.open(gzip)) {
      assertThat(b.file()).isEqualTo(gzip);
      assertThat(b.objectCount()).isEqualTo(a.objectCount());
      assertThat(b.reachableCount()).isEqualTo(a.reachableCount());
      assertThat(b.roots()).isEqualTo(a.roots());
      for (int i = 0; i < a.objectCount(); i++) {
        assertThat(b.id(i)).isEqualTo(a.id(i));
        assertThat(b.classOf(i).name()).isEqualTo(a.classOf(i).name());
        assertThat(b.namedReferences(i)).isEqualTo(a.namedReferences(i));
        assertThat(b.fields(i)).isEqualTo(a.fields(i));
        assertThat(b.shallowSize(i)).isEqualTo(a.shallowSize(i));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5, 11, 40, -8, -1})
  void aTruncatedGzipFailsNamingTheFile(int cut) throws Exception {
    byte[] dump = SyntheticDumps.small(8).bytes();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(dump);
    }
    byte[] gzip = bytes.toByteArray();
    Path file = file("cut.hprof.gz", Arrays.copyOf(gzip, cut > 0 ? cut : gzip.length + cut));
    assertThatThrownBy(() -> HeapGraph.open(file)).isInstanceOf(HprofFormatException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("byte offset").hasMessageContaining("gzip");
  }

  @Test
  void aGzipOfAMalformedDumpNamesTheGzipFile() throws Exception {
    Path gzip = dir.resolve("bad.hprof.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(nodesWithOne(8).intArray(0x1000).bytes());
    }
    assertThatThrownBy(() -> HeapGraph.open(gzip)).isInstanceOf(HprofFormatException.class)
        .hasMessageContaining(gzip.toString()).hasMessageContaining("appears twice")
        .hasMessageContaining("decompressed");
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    Path missing = dir.resolve("missing.hprof");
    assertThatThrownBy(() -> HeapGraph.open(missing)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void aDirectoryIsNotADump() {
    // A file system problem, as for a pipe (and as Heap.load says it), not a malformed dump.
    assertThatThrownBy(() -> HeapGraph.open(dir)).isInstanceOf(FileSystemException.class)
        .isNotInstanceOf(HprofFormatException.class).hasMessageContaining(dir.toString())
        .hasMessageContaining("a directory where a heap dump file was expected");
  }

  @Test
  void aPipeFailsAtOnceInsteadOfWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("pipe.hprof");
    Assumptions.assumeTrue(mkfifo(fifo), "mkfifo");
    // Read twice (the gzip check, then the mapping), a pipe with a writer would lose its first bytes,
    // and without one its opening waits forever.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> HeapGraph.open(fifo))
        .isInstanceOf(FileSystemException.class).hasMessageContaining(fifo.toString())
        .hasMessageContaining("not a regular file"));
  }

  /** Makes a named pipe with the system's {@code mkfifo}; false where there is none (Windows). */
  private static boolean mkfifo(Path fifo) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (java.io.IOException noMkfifo) {
      return false;
    }
  }
}
