package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntSortTest {
  @Test
  void sortsARangeAsTheJdkDoesAndLeavesTheRestAlone() {
    Random random = new Random(7);
    for (int n : new int[] {0, 1, 2, 3, 255, 256, 1000, 100_000}) {
      for (int bound : new int[] {1, 200, 1 << 20, Integer.MAX_VALUE}) {
        int[] a = new int[n + 10];
        for (int k = 0; k < a.length; k++) {
          int v = random.nextInt(bound);
          a[k] = random.nextBoolean() ? v : ~v; // object indexes and ~x entries, as a sweep level has
        }
        int[] expected = a.clone();
        Arrays.sort(expected, 5, 5 + n);
        IntSort.sort(a, 5, 5 + n, new int[n]);
        assertThat(a).as("n %d, bound %d", n, bound).containsExactly(expected);
      }
    }
  }

  @Test
  void extremesAndEqualValues() {
    int[] a = {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, -1, 1, 7, 7, 7, Integer.MIN_VALUE, Integer.MAX_VALUE};
    int[] expected = a.clone();
    Arrays.sort(expected);
    IntSort.sort(a, 0, a.length, new int[a.length]);
    assertThat(a).containsExactly(expected);
  }

  @Test
  void tooSmallAScratchIsRefused() {
    assertThatThrownBy(() -> IntSort.sort(new int[] {3, 2, 1}, 0, 3, new int[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scratch of 2 for 3");
  }
}
