package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The matching's two-thread steps: when the step on this thread fails, the one on the other thread
 * has ended before the failure goes on (it would otherwise run on unseen, holding its arrays while a
 * heap that ran out is reported).
 */
class AlongsideTest {
  @Test
  void aFailureWaitsForTheOtherThreadsWork() {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean ended = new AtomicBoolean();
    FutureTask<Void> background = Matching.inBackground("heapdiff-test", () -> {
      started.countDown();
      Thread.sleep(300);
      ended.set(true);
      return null;
    });
    assertThatThrownBy(() -> Matching.alongside(background, () -> {
      await(started);
      throw new OutOfMemoryError("Java heap space");
    })).isInstanceOf(OutOfMemoryError.class);
    assertThat(ended).as("the other thread's work ended before the failure went on").isTrue();
    assertThat(background).isDone();
  }

  @Test
  void theForegroundsFailureGoesOnWhateverTheBackgroundDid() {
    FutureTask<Void> background = Matching.inBackground("heapdiff-test", () -> {
      throw new IllegalStateException("the other thread's");
    });
    assertThatThrownBy(() -> Matching.runAlongside(background, () -> {
      throw new IllegalArgumentException("this thread's");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("this thread's");
    assertThat(background).isDone();
  }

  @Test
  void withoutAFailureBothResultsAreThere() {
    FutureTask<Integer> background = Matching.inBackground("heapdiff-test", () -> 20);
    int mine = Matching.alongside(background, () -> 22);
    assertThat(mine + Matching.join(background)).isEqualTo(42);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
