package dev.heapdiff.testdata.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreTest {
  @Test
  void countsHitsAndMissesOnceEach() {
    Score score = Score.of(new long[] {4, 1, 2, 3}, new long[] {3, 4, 5, 5});
    assertThat(score.truthCount()).isEqualTo(4);
    assertThat(score.predictedCount()).isEqualTo(3);
    assertThat(score.truePositives()).isEqualTo(2);
    assertThat(score.falsePositives()).containsExactly(5);
    assertThat(score.falseNegatives()).containsExactly(1, 2);
    assertThat(score.precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.meets(0.5)).isTrue();
    assertThat(score.meets(0.995)).isFalse();
    assertThat(score).hasToString(
        "precision 66.67% (1 false positive), recall 50.00% (2 false negatives): 4 new, 3 predicted");
  }

  @Test
  void predictionsOnARewrittenDumpAreMappedBackAndUnknownIdsAreFalsePositives() {
    IdMap map = new IdMap(new long[] {10, 20, 30, 40}, new long[] {400, 100, 300, 200});
    Score score = Score.of(new long[] {20, 30}, new long[] {100, 300, 200, 999}, map)
        .withClassNames(id -> id == 40 ? "com.example.Old" : "com.example.New");
    assertThat(score.truePositives()).isEqualTo(2);
    assertThat(score.falsePositiveCount()).isEqualTo(2);
    assertThat(score.unknownIds()).isEqualTo(1);
    assertThat(score.falsePositives()).containsExactly(40);
    assertThat(score.precision()).isEqualTo(0.5);
    assertThat(score.recall()).isEqualTo(1.0);
    assertThat(score.toString()).isEqualTo("precision 50.00% (2 false positives, 1 unknown ids), recall 100.00%"
        + " (0 false negatives): 2 new, 4 predicted\n  false positives by class: com.example.Old 1");
  }

  @Test
  void emptySetsArePerfect() {
    assertThat(Score.of(new long[0], new long[0]).meets(1.0)).isTrue();
    assertThat(Score.of(new long[] {1}, new long[0]).precision()).isEqualTo(1.0);
    assertThat(Score.of(new long[] {1}, new long[0]).recall()).isEqualTo(0.0);
  }
}
