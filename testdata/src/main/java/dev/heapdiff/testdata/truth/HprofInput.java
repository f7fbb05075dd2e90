package dev.heapdiff.testdata.truth;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A heap dump file mapped into memory, read big-endian at absolute positions. Files up to 2 GB:
 * the ground-truth workloads write dumps of a few to a few hundred megabytes.
 */
final class HprofInput {
  static final int UTF8 = 0x01;
  static final int LOAD_CLASS = 0x02;
  static final int START_THREAD = 0x0A;
  static final int HEAP_DUMP = 0x0C;
  static final int HEAP_DUMP_SEGMENT = 0x1C;
  static final int HEAP_DUMP_END = 0x2C;
  /** Bytes before a top-level record's body: tag, time offset, length. */
  static final int RECORD_HEADER = 9;

  final Path file;
  final ByteBuffer buffer;
  final long size;
  final int idSize;
  /** Where the first top-level record starts. */
  final int firstRecord;

  private HprofInput(Path file, ByteBuffer buffer) throws IOException {
    this.file = file;
    this.buffer = buffer;
    this.size = buffer.limit();
    int p = 0;
    while (p < size && buffer.get(p) != 0) {
      p++;
    }
    if (p + 13 > size) {
      throw new IOException(file + ": not an HPROF file (no header)");
    }
    this.idSize = buffer.getInt(p + 1);
    if (idSize != 4 && idSize != 8) {
      throw new IOException(file + ": identifier size " + idSize + ", HPROF uses 4 or 8");
    }
    this.firstRecord = p + 1 + 4 + 8;
  }

  static HprofInput open(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new IOException(file + ": " + channel.size() + " bytes; the ground-truth tools read dumps up to 2 GB");
      }
      return new HprofInput(file, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
    }
  }

  int u1(long p) {
    return buffer.get((int) p) & 0xFF;
  }

  int u2(long p) {
    return buffer.getShort((int) p) & 0xFFFF;
  }

  /** An unsigned 4-byte value. */
  long u4(long p) {
    return buffer.getInt((int) p) & 0xFFFF_FFFFL;
  }

  long id(long p) {
    return idSize == 8 ? buffer.getLong((int) p) : buffer.getInt((int) p) & 0xFFFF_FFFFL;
  }

  /** Copies {@code length} bytes from {@code p} into {@code target} at {@code offset}. */
  void copy(long p, byte[] target, int offset, int length) {
    buffer.get((int) p, target, offset, length);
  }

  /** The end of the top-level record that starts at {@code p}. */
  long recordEnd(long p) {
    return p + RECORD_HEADER + u4(p + 5);
  }

  /** Decodes {@code length} bytes of modified UTF-8, as the JVM writes names. */
  String modifiedUtf8(long p, int length) {
    byte[] bytes = new byte[length + 2];
    bytes[0] = (byte) (length >>> 8);
    bytes[1] = (byte) length;
    copy(p, bytes, 2, length);
    try {
      return new DataInputStream(new ByteArrayInputStream(bytes)).readUTF();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": malformed name at byte offset " + p, e);
    }
  }

  IOException error(long p, String message) {
    return new IOException(file + ": at byte offset " + p + ": " + message);
  }
}
