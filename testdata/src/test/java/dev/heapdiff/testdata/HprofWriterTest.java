package dev.heapdiff.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HprofWriterTest {
  @TempDir Path dir;

  @Test
  void headerHoldsVersionIdSizeAndTimestamp() {
    byte[] dump = HprofWriter.inMemory(4).timestamp(0x0102030405060708L).bytes();
    ByteBuffer in = ByteBuffer.wrap(dump);
    byte[] magic = Arrays.copyOf(dump, 18);
    assertThat(new String(magic, StandardCharsets.ISO_8859_1)).isEqualTo("JAVA PROFILE 1.0.2");
    assertThat(dump[18]).isZero();
    assertThat(in.getInt(19)).isEqualTo(4);
    assertThat(in.getLong(23)).isEqualTo(0x0102030405060708L);
    assertThat(dump).hasSize(31);
  }

  @Test
  void utf8RecordIsTagTimeLengthIdAndModifiedUtf8() {
    HprofWriter w = HprofWriter.inMemory(8).utf8(0x42, "a\0b");
    ByteBuffer in = ByteBuffer.wrap(w.bytes());
    assertThat(w.recordOffsets()).containsExactly(31L);
    assertThat(in.get(31)).isEqualTo((byte) 0x01);
    assertThat(in.getInt(32)).isZero();
    assertThat(in.getInt(36)).isEqualTo(8 + 4);
    assertThat(in.getLong(40)).isEqualTo(0x42);
    assertThat(Arrays.copyOfRange(in.array(), 48, 52)).containsExactly('a', 0xC0, 0x80, 'b');
  }

  @Test
  void supplementaryCharactersBecomeTwoThreeByteSurrogates() {
    assertThat(HprofWriter.modifiedUtf8("\uD83D\uDE00")).hasSize(6);
    assertThat(HprofWriter.modifiedUtf8("é")).containsExactly(0xC3, 0xA9);
  }

  @Test
  void instanceValuesFollowTheClassThenItsSuperclass() {
    HprofWriter w = HprofWriter.inMemory(4);
    w.classDump(0x10).field("a", BasicType.INT).end();
    w.classDump(0x20).superclass(0x10).field("b", BasicType.OBJECT).field("c", BasicType.BOOLEAN).end();
    w.instance(0x100, 0x20, 0x200, true, 7);
    byte[] dump = w.bytes();
    long[] subs = w.subRecordOffsets();
    assertThat(subs).hasSize(3);
    ByteBuffer in = ByteBuffer.wrap(dump);
    int at = (int) subs[2];
    assertThat(in.get(at)).isEqualTo((byte) 0x21);
    assertThat(in.getInt(at + 1)).isEqualTo(0x100);
    assertThat(in.getInt(at + 9)).isEqualTo(0x20);
    assertThat(in.getInt(at + 13)).isEqualTo(4 + 1 + 4);
    assertThat(in.getInt(at + 17)).isEqualTo(0x200);
    assertThat(in.get(at + 21)).isEqualTo((byte) 1);
    assertThat(in.getInt(at + 22)).isEqualTo(7);
  }

  @Test
  void aWrongNumberOfValuesOrAnUnknownClassIsRefused() {
    HprofWriter w = HprofWriter.inMemory(8);
    w.classDump(0x10).field("a", BasicType.INT).end();
    assertThatThrownBy(() -> w.instance(0x100, 0x10)).hasMessageContaining("declare 1 fields");
    assertThatThrownBy(() -> w.instance(0x100, 0x99, 1)).hasMessageContaining("no CLASS DUMP");
  }

  @Test
  void segmentsSplitAtTheLimitAndTheDumpEndsWithHeapDumpEnd() {
    HprofWriter w = HprofWriter.inMemory(8).segmentLimit(100);
    for (int i = 0; i < 20; i++) {
      w.intArray(0x1000 + 16 * i, i, i);
    }
    byte[] dump = w.bytes();
    long[] records = w.recordOffsets();
    assertThat(w.subRecordOffsets()).hasSize(20);
    assertThat(records.length).isGreaterThan(3);
    for (int r = 0; r < records.length; r++) {
      int tag = dump[(int) records[r]] & 0xFF;
      assertThat(tag).isEqualTo(r == records.length - 1 ? HprofWriter.HEAP_DUMP_END : HprofWriter.HEAP_DUMP_SEGMENT);
      long length = ByteBuffer.wrap(dump).getInt((int) records[r] + 5) & 0xFFFF_FFFFL;
      long next = r + 1 < records.length ? records[r + 1] : dump.length;
      assertThat(records[r] + 9 + length).isEqualTo(next);
    }
  }

  @Test
  void namesWrittenWhileASegmentFillsGoAheadOfIt() {
    HprofWriter w = HprofWriter.inMemory(8);
    w.intArray(0x1000, 1);
    w.classDump(0x10).field("late", BasicType.INT).end();
    byte[] dump = w.bytes();
    long[] records = w.recordOffsets();
    assertThat(dump[(int) records[0]]).isEqualTo((byte) HprofWriter.UTF8);
    assertThat(dump[(int) records[1]]).isEqualTo((byte) HprofWriter.HEAP_DUMP_SEGMENT);
    assertThat(w.subRecordOffsets()[0]).isEqualTo(records[1] + 9);
  }

  @Test
  void aFileWriterStreamsTheSameBytes() throws Exception {
    Path file = dir.resolve("w.hprof");
    try (HprofWriter w = HprofWriter.toFile(file, 8)) {
      w.loadClass(0x10, "java/lang/Object").classDump(0x10).end();
    }
    HprofWriter m = HprofWriter.inMemory(8);
    m.loadClass(0x10, "java/lang/Object").classDump(0x10).end();
    assertThat(Files.readAllBytes(file)).isEqualTo(m.bytes());
  }
}
