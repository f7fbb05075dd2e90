package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.LinkedList;

/**
 * A {@code LinkedList} of {@value #BEFORE} elements loses {@value #REMOVED} at each end, then gains
 * {@value #ADDED} at each end. New: 2 × {@value #ADDED} {@code LinkedList$Node}s (and their
 * {@code Integer}s); gone: 2 × {@value #REMOVED} nodes.
 */
public final class LinkedListEnds implements Workload {
  public static final int BEFORE = 5_000;
  public static final int REMOVED = 1_000;
  public static final int ADDED = 2_000;

  static final LinkedList<Integer> LIST = new LinkedList<>();

  @Override
  public void setup() {
    for (int k = 0; k < BEFORE; k++) {
      LIST.addLast(100_000 + k);
    }
  }

  @Override
  public void criticalSection() {
    for (int k = 0; k < REMOVED; k++) {
      LIST.removeFirst();
      LIST.removeLast();
    }
    for (int k = 0; k < ADDED; k++) {
      LIST.addFirst(200_000 + k);
      LIST.addLast(300_000 + k);
    }
  }
}
