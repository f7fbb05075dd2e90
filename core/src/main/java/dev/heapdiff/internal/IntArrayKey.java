package dev.heapdiff.internal;

import java.util.Arrays;

/** An int array as a map key: equal when the contents are equal. The array must not change. */
public final class IntArrayKey {
  private final int[] elements;
  private final int hash;

  public IntArrayKey(int[] elements) {
    this.elements = elements;
    this.hash = Arrays.hashCode(elements);
  }

  /** Returns the array (not a copy). */
  public int[] elements() {
    return elements;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntArrayKey k && k.hash == hash && Arrays.equals(k.elements, elements);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
