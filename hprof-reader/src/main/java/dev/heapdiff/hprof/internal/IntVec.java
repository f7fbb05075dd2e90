package dev.heapdiff.hprof.internal;

import java.util.Arrays;

/** A growable array of ints. */
public final class IntVec {
  private int[] data;
  private int size;

  public IntVec(int capacity) {
    data = new int[Math.max(capacity, 16)];
  }

  public void add(int value) {
    if (size == data.length) {
      data = Arrays.copyOf(data, LongVec.grow(data.length));
    }
    data[size++] = value;
  }

  public int get(int index) {
    return data[index];
  }

  public void set(int index, int value) {
    data[index] = value;
  }

  public int size() {
    return size;
  }

  public int[] toArray() {
    return data.length == size ? data : Arrays.copyOf(data, size);
  }
}
