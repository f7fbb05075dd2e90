package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code ArrayList} of {@value #BEFORE} elements grows by {@value #ADDED}, copying its backing
 * array about twenty times. New: {@value #ADDED} {@link Element}s and one {@code Object[]} (the
 * last backing array; the earlier ones are garbage); the old backing array is gone.
 */
public final class ArrayListGrowth implements Workload {
  public static final int BEFORE = 10;
  public static final int ADDED = 20_000;

  static final List<Element> LIST = new ArrayList<>();

  /** An element with a number. */
  public static final class Element {
    final int number;

    Element(int number) {
      this.number = number;
    }
  }

  @Override
  public void setup() {
    for (int k = 0; k < BEFORE; k++) {
      LIST.add(new Element(k));
    }
  }

  @Override
  public void criticalSection() {
    for (int k = BEFORE; k < BEFORE + ADDED; k++) {
      LIST.add(new Element(k));
    }
  }
}
