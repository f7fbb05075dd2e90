package dev.heapdiff.hprof.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only list of ints in blocks of 2^20: growing never copies, and memory is only taken
 * for what is added. For a worker's part of a large array that is joined once at the end.
 */
final class IntBlocks {
  private static final int BLOCK_BITS = 20;
  private static final int BLOCK = 1 << BLOCK_BITS;

  private final List<int[]> blocks = new ArrayList<>();
  private int[] current = new int[0];
  private int used;
  private long size;

  void add(int value) {
    if (used == current.length) {
      current = new int[BLOCK];
      blocks.add(current);
      used = 0;
    }
    current[used++] = value;
    size++;
  }

  long size() {
    return size;
  }

  /** Copies the contents to {@code dest} from {@code at} on. */
  void copyTo(int[] dest, int at) {
    long left = size;
    for (int[] block : blocks) {
      int length = (int) Math.min(left, BLOCK);
      System.arraycopy(block, 0, dest, at, length);
      at += length;
      left -= length;
    }
  }
}
