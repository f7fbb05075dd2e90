package dev.heapdiff.hprof.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work on another thread to end after a failure on this one. */
public final class Await {
  private Await() {}

  /**
   * Waits for {@code task} to end, whatever its outcome, which is dropped: the caller's failure is the
   * one to report. An interrupt is kept for later.
   */
  public static void quietly(Future<?> task) {
    boolean interrupted = false;
    while (true) {
      try {
        task.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException | CancellationException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
