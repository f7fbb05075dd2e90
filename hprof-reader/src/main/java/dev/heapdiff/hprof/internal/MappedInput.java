package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.HprofFormatException;
import dev.heapdiff.hprof.ValueType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to a whole file through memory-mapped pages of 1 GiB. Every read is checked
 * against the file's end and fails with an {@link HprofFormatException} that names the offset,
 * so a corrupt length can never read past the end or ask for a huge array.
 */
public final class MappedInput implements AutoCloseable {
  private static final int PAGE_BITS = 30;
  private static final long PAGE_SIZE = 1L << PAGE_BITS;
  private static final long PAGE_MASK = PAGE_SIZE - 1;

  private final Path file;
  private final long size;
  private final MappedByteBuffer[] pages;

  private MappedInput(Path file, long size, MappedByteBuffer[] pages) {
    this.file = file;
    this.size = size;
    this.pages = pages;
  }

  /** Maps {@code file} read-only. */
  public static MappedInput open(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int pageCount = (int) ((size + PAGE_SIZE - 1) >>> PAGE_BITS);
      MappedByteBuffer[] pages = new MappedByteBuffer[pageCount];
      for (int i = 0; i < pageCount; i++) {
        long start = (long) i << PAGE_BITS;
        // Pages overlap by 8 bytes so that a primitive that starts near a page's end is read in one go.
        long length = Math.min(PAGE_SIZE + 8, size - start);
        pages[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
        pages[i].order(ByteOrder.BIG_ENDIAN);
      }
      return new MappedInput(file, size, pages);
    }
  }

  public Path file() {
    return file;
  }

  public long size() {
    return size;
  }

  /** Fails unless {@code length} bytes starting at {@code offset} lie inside the file. */
  public void require(long offset, long length, String what) throws HprofFormatException {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new HprofFormatException(file, Math.min(Math.max(offset, 0), size),
          "truncated: expected " + what + " (" + length + " bytes) but the file ends at byte " + size);
    }
  }

  public HprofFormatException error(long offset, String problem) {
    return new HprofFormatException(file, offset, problem);
  }

  // Unchecked accessors: callers have called require() for the range they read.

  public byte u1(long offset) {
    return pages[(int) (offset >>> PAGE_BITS)].get((int) (offset & PAGE_MASK));
  }

  public int u2(long offset) {
    return pages[(int) (offset >>> PAGE_BITS)].getShort((int) (offset & PAGE_MASK)) & 0xFFFF;
  }

  public short i2(long offset) {
    return pages[(int) (offset >>> PAGE_BITS)].getShort((int) (offset & PAGE_MASK));
  }

  public int i4(long offset) {
    return pages[(int) (offset >>> PAGE_BITS)].getInt((int) (offset & PAGE_MASK));
  }

  public long u4(long offset) {
    return i4(offset) & 0xFFFF_FFFFL;
  }

  public long i8(long offset) {
    return pages[(int) (offset >>> PAGE_BITS)].getLong((int) (offset & PAGE_MASK));
  }

  /** Reads an identifier of {@code idSize} (4 or 8) bytes, unsigned. */
  public long id(long offset, int idSize) {
    return idSize == 8 ? i8(offset) : u4(offset);
  }

  /** Reads a value of {@code type} as raw bits: ids for references, sign-extended where signed. */
  public long value(long offset, ValueType type, int idSize) {
    return switch (type) {
      case OBJECT -> id(offset, idSize);
      case BOOLEAN, BYTE -> u1(offset);
      case CHAR -> u2(offset);
      case SHORT -> i2(offset);
      case INT, FLOAT -> i4(offset);
      case LONG, DOUBLE -> i8(offset);
    };
  }

  /** Copies {@code length} bytes starting at {@code offset}. */
  public byte[] bytes(long offset, int length) throws HprofFormatException {
    require(offset, length, "a byte range");
    byte[] result = new byte[length];
    int done = 0;
    while (done < length) {
      long at = offset + done;
      MappedByteBuffer page = pages[(int) (at >>> PAGE_BITS)];
      int inPage = (int) (at & PAGE_MASK);
      int n = (int) Math.min(length - done, PAGE_SIZE - inPage);
      page.get(inPage, result, done, n);
      done += n;
    }
    return result;
  }

  @Override
  public void close() {
    // Mapped buffers are released by the garbage collector; nothing to do explicitly in Java 17.
  }
}
