package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The critical section starts {@value #THREADS} threads, each holding a {@link Task} in a local
 * variable and waiting, alive during the second dump. New: {@value #THREADS} {@code Thread}s and
 * {@link Task}s, the threads' names, stacks' objects and locks.
 */
public final class NewThreads implements Workload {
  public static final int THREADS = 8;

  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final List<Thread> THREAD_LIST = new ArrayList<>();

  /** What a worker thread holds. */
  public static final class Task {
    final int number;

    Task(int number) {
      this.number = number;
    }
  }

  @Override
  public void setup() {
    THREAD_LIST.clear();
  }

  @Override
  public void criticalSection() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(THREADS);
    for (int k = 0; k < THREADS; k++) {
      int number = k;
      Thread thread = new Thread(() -> work(new Task(number), started), "diff-worker-" + k);
      thread.setDaemon(true);
      thread.start();
      THREAD_LIST.add(thread);
    }
    started.await();
  }

  static void work(Task task, CountDownLatch started) {
    started.countDown();
    try {
      RELEASE.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (task.number < 0) {
      throw new IllegalStateException(); // keeps the local alive until here
    }
  }
}
