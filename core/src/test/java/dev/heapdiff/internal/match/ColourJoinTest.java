package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Signatures.ColourJoin} against a join of two {@link HashMap}s over the same colours. */
class ColourJoinTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 2_048, 5_000, 300_000})
  void pairsTheColoursThatOneMemberOfEachSideHas(int n) {
    Random random = new Random(n);
    // Few distinct colours, so that many are shared, repeated on one side, or on one side only;
    // some with equal low bits and different high bits, and the reverse, to reach every group.
    int distinct = Math.max(1, n / 2);
    long[] palette = new long[distinct];
    for (int k = 0; k < distinct; k++) {
      long c = MatchSide.mix(k);
      palette[k] = switch (k % 3) {
        case 0 -> c;
        case 1 -> c & 0xFFFF_FFFFL;
        default -> c & 0xFFFF_FFFF_0000_0000L;
      };
    }
    long[] colourA = new long[n];
    long[] colourB = new long[n + n / 3];
    for (int m = 0; m < colourA.length; m++) {
      colourA[m] = palette[random.nextInt(distinct)];
    }
    for (int m = 0; m < colourB.length; m++) {
      colourB[m] = palette[random.nextInt(distinct)];
    }
    int[] membersA = ascending(colourA.length, 3, random);
    int[] membersB = ascending(colourB.length, 5, random);

    int[] pairs = Signatures.ColourJoin.uniqueInBoth(colourA, membersA, colourB, membersB);

    Map<Long, List<Integer>> inA = byColour(colourA);
    Map<Long, List<Integer>> inB = byColour(colourB);
    List<Integer> expected = new ArrayList<>();
    for (int m = 0; m < colourA.length; m++) {
      List<Integer> a = inA.get(colourA[m]);
      List<Integer> b = inB.get(colourA[m]);
      if (a.size() == 1 && b != null && b.size() == 1) {
        expected.add(membersA[m]);
        expected.add(membersB[b.get(0)]);
      }
    }
    assertThat(pairs).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    if (n >= 2_048) {
      assertThat(pairs.length).as("a test with pairs to find").isGreaterThan(0);
    }
  }

  private static int[] ascending(int n, int maxStep, Random random) {
    int[] out = new int[n];
    for (int k = 0, at = 0; k < n; k++) {
      at += 1 + random.nextInt(maxStep);
      out[k] = at;
    }
    return out;
  }

  private static Map<Long, List<Integer>> byColour(long[] colours) {
    Map<Long, List<Integer>> out = new HashMap<>();
    for (int m = 0; m < colours.length; m++) {
      out.computeIfAbsent(colours[m], c -> new ArrayList<>()).add(m);
    }
    return out;
  }
}
