package dev.heapdiff.hprof.internal;

/** An open-addressing map from long keys to int values; absent keys map to -1. */
public final class LongIntMap {
  private long[] keys;
  private int[] values;
  private boolean hasZero;
  private int zeroValue;
  private int size;
  private int mask;

  public LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  public int get(long key) {
    if (key == 0) {
      return hasZero ? zeroValue : -1;
    }
    int slot = mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return values[slot];
      }
      if (k == 0) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Associates {@code value} (which must not be negative) with {@code key}. */
  public void put(long key, int value) {
    if (key == 0) {
      if (!hasZero) {
        size++;
      }
      hasZero = true;
      zeroValue = value;
      return;
    }
    int slot = mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        values[slot] = value;
        return;
      }
      if (k == 0) {
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
          rehash();
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  public int size() {
    return size;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    mask = keys.length - 1;
    int oldSize = size;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = mix(oldKeys[i]) & mask;
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
    size = oldSize;
  }

  private static int mix(long key) {
    long h = key * 0x9E37_79B9_7F4A_7C15L;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "LongIntMap[size=" + size + ", capacity=" + keys.length + "]";
  }
}
