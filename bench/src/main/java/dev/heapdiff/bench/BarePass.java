package dev.heapdiff.bench;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor a reader is measured against: one sequential pass over the memory-mapped file that
 * walks records and heap-dump sub-records and counts objects (classes, instances and arrays),
 * reading nothing else.
 */
final class BarePass {
  private static final int WINDOW = 1 << 30;

  private final FileChannel channel;
  private final long size;
  private MappedByteBuffer window;
  private long windowStart;
  private int idSize;

  private BarePass(FileChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
  }

  /** Returns the number of objects in the dump. */
  static long countObjects(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new BarePass(channel).count();
    }
  }

  private long count() throws IOException {
    long pos = 0;
    while (u1(pos) != 0) {
      pos++;
    }
    idSize = i4(pos + 1);
    pos += 1 + 4 + 8;
    long objects = 0;
    while (pos < size) {
      int tag = u1(pos);
      long length = i4(pos + 5) & 0xFFFF_FFFFL;
      long body = pos + 9;
      if (tag == 0x0C || tag == 0x1C) {
        objects += countSubRecords(body, body + length);
      }
      pos = body + length;
    }
    return objects;
  }

  private long countSubRecords(long pos, long end) throws IOException {
    long objects = 0;
    int id = idSize;
    while (pos < end) {
      int tag = u1(pos++);
      switch (tag) {
        case 0xFF, 0x05, 0x07 -> pos += id;
        case 0x01 -> pos += 2L * id;
        case 0x04, 0x06 -> pos += id + 4;
        case 0x02, 0x03, 0x08 -> pos += id + 8;
        case 0x20 -> {
          objects++;
          pos += 7L * id + 8;
          int constants = u2(pos);
          pos += 2;
          for (int i = 0; i < constants; i++) {
            pos += 3 + valueSize(u1(pos + 2));
          }
          int statics = u2(pos);
          pos += 2;
          for (int i = 0; i < statics; i++) {
            pos += id + 1 + valueSize(u1(pos + id));
          }
          pos += 2 + (id + 1L) * u2(pos);
        }
        case 0x21 -> {
          objects++;
          pos += 2L * id + 8 + (i4(pos + 2L * id + 4) & 0xFFFF_FFFFL);
        }
        case 0x22 -> {
          objects++;
          pos += 2L * id + 8 + (i4(pos + id + 4) & 0xFFFF_FFFFL) * id;
        }
        case 0x23 -> {
          objects++;
          pos += id + 9 + (i4(pos + id + 4) & 0xFFFF_FFFFL) * valueSize(u1(pos + id + 8));
        }
        default -> throw new IOException("unknown heap dump sub-record tag " + tag + " at " + (pos - 1));
      }
    }
    return objects;
  }

  private int valueSize(int type) {
    return switch (type) {
      case 2 -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw new IllegalArgumentException("unknown basic type " + type);
    };
  }

  private int u1(long pos) throws IOException {
    return window(pos, 1).get((int) (pos - windowStart)) & 0xFF;
  }

  private int u2(long pos) throws IOException {
    return window(pos, 2).getShort((int) (pos - windowStart)) & 0xFFFF;
  }

  private int i4(long pos) throws IOException {
    return window(pos, 4).getInt((int) (pos - windowStart));
  }

  /** Maps the next gigabyte of the file when {@code pos} runs past the current window. */
  private MappedByteBuffer window(long pos, int bytes) throws IOException {
    if (window == null || pos < windowStart || pos + bytes > windowStart + window.limit()) {
      windowStart = pos;
      window = channel.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(WINDOW, size - pos));
      window.order(ByteOrder.BIG_ENDIAN);
    }
    return window;
  }
}
