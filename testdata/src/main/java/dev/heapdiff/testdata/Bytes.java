package dev.heapdiff.testdata;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable big-endian byte buffer: the body of the record an {@link HprofWriter} is filling. */
final class Bytes {
  private byte[] data = new byte[256];
  private int size;

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  private void room(int more) {
    if (size + more > data.length) {
      data = Arrays.copyOf(data, Math.max(size + more, data.length * 2));
    }
  }

  Bytes u1(int value) {
    room(1);
    data[size++] = (byte) value;
    return this;
  }

  Bytes u2(int value) {
    room(2);
    data[size++] = (byte) (value >>> 8);
    data[size++] = (byte) value;
    return this;
  }

  Bytes u4(long value) {
    room(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      data[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  Bytes u8(long value) {
    room(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      data[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** Writes an identifier of {@code idSize} bytes (4 or 8): its low bytes, big-endian. */
  Bytes id(long value, int idSize) {
    return idSize == 8 ? u8(value) : u4(value);
  }

  Bytes bytes(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, data, size, bytes.length);
    size += bytes.length;
    return this;
  }

  Bytes append(Bytes other) {
    room(other.size);
    System.arraycopy(other.data, 0, data, size, other.size);
    size += other.size;
    return this;
  }

  /** Writes {@code value} as a value of {@code type}: a Number, Boolean or Character; null for a null reference. */
  Bytes value(BasicType type, Object value, int idSize) {
    switch (type) {
      case OBJECT -> id(value == null ? 0 : ((Number) value).longValue(), idSize);
      case BOOLEAN -> u1(value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).intValue());
      case BYTE -> u1(((Number) value).intValue());
      case CHAR -> u2(value instanceof Character c ? c : ((Number) value).intValue());
      case SHORT -> u2(((Number) value).intValue());
      case INT -> u4(((Number) value).intValue());
      case LONG -> u8(((Number) value).longValue());
      case FLOAT -> u4(Float.floatToRawIntBits(((Number) value).floatValue()));
      case DOUBLE -> u8(Double.doubleToRawLongBits(((Number) value).doubleValue()));
    }
    return this;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(data, 0, size);
  }
}
