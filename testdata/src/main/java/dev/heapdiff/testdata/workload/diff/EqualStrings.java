package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.ArrayList;

/**
 * Many strings with one of {@value #VALUES} contents: {@value #BEFORE} before the first dump; the
 * critical section drops every fourth of them and adds {@value #ADDED} more, half sharing the byte
 * array of an existing string ({@code new String(String)}), half with their own. Content alone
 * cannot tell an old string from a new one here. New: {@value #ADDED} {@code String}s and {@value
 * #ADDED} / 2 {@code byte[]}s; gone: {@value #BEFORE} / 4 strings.
 */
public final class EqualStrings implements Workload {
  public static final int VALUES = 10;
  public static final int BEFORE = 4_000;
  public static final int ADDED = 5_000;

  static final ArrayList<String> STRINGS = new ArrayList<>();
  static final String[] PROTOTYPES = new String[VALUES];

  @Override
  public void setup() {
    for (int v = 0; v < VALUES; v++) {
      PROTOTYPES[v] = "the same text, number " + v;
    }
    STRINGS.ensureCapacity(BEFORE + ADDED);
    for (int k = 0; k < BEFORE; k++) {
      STRINGS.add(new String(PROTOTYPES[k % VALUES].toCharArray()));
    }
  }

  @Override
  public void criticalSection() {
    for (int k = 0; k < BEFORE; k += 4) {
      STRINGS.set(k, null);
    }
    for (int k = 0; k < ADDED; k++) {
      String prototype = PROTOTYPES[k % VALUES];
      STRINGS.add(k % 2 == 0 ? new String(prototype) : new String(prototype.toCharArray()));
    }
  }
}
