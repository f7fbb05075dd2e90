package dev.heapdiff.hprof.internal;

import java.util.Arrays;

/** A growable array of longs. */
public final class LongVec {
  private long[] data;
  private int size;

  public LongVec(int capacity) {
    data = new long[Math.max(capacity, 16)];
  }

  public void add(long value) {
    if (size == data.length) {
      data = Arrays.copyOf(data, grow(data.length));
    }
    data[size++] = value;
  }

  public long get(int index) {
    return data[index];
  }

  public void set(int index, long value) {
    data[index] = value;
  }

  public int size() {
    return size;
  }

  /** Returns the contents, trimmed to size. */
  public long[] toArray() {
    return data.length == size ? data : Arrays.copyOf(data, size);
  }

  static int grow(int length) {
    long next = length + (length >> 1) + 16L;
    if (next > Integer.MAX_VALUE - 16) {
      if (length >= Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("more than 2^31 entries");
      }
      next = Integer.MAX_VALUE - 16;
    }
    return (int) next;
  }
}
