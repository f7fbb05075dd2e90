package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenTest {
  @Test
  void holdsWhatWasAddedSinceTheLastClearAsAHashSetDoes() {
    Evidence.Seen seen = new Evidence.Seen();
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      seen.clear();
      Set<Integer> expected = new HashSet<>();
      // Small rounds and, now and then, one that grows the table several times over.
      int adds = round % 50 == 0 ? 5_000 : random.nextInt(40);
      for (int k = 0; k < adds; k++) {
        int key = random.nextInt(20_000_000);
        assertThat(seen.contains(key)).isEqualTo(expected.contains(key));
        if (expected.add(key)) {
          seen.add(key);
        }
      }
      for (int probe = 0; probe < 200; probe++) {
        int key = random.nextInt(20_000_000);
        assertThat(seen.contains(key)).as("round %d, key %d", round, key).isEqualTo(expected.contains(key));
      }
      for (int key : expected) {
        assertThat(seen.contains(key)).isTrue();
      }
    }
  }

  @Test
  void clearForgetsEverything() {
    Evidence.Seen seen = new Evidence.Seen();
    for (int key = 0; key < 1000; key++) {
      seen.add(key * 64); // keys that share low bits
    }
    assertThat(seen.contains(640)).isTrue();
    seen.clear();
    for (int key = 0; key < 1000; key++) {
      assertThat(seen.contains(key * 64)).isFalse();
    }
  }
}
