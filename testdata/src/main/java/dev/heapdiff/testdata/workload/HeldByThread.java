package dev.heapdiff.testdata.workload;

import dev.heapdiff.testdata.DumpRequest;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A child-JVM program whose only {@link Marker} is held by a local variable of a thread named
 * {@code heapdiff-holder}, waiting in {@link #holdAndWait}. Arguments: output directory, dump name.
 */
public final class HeldByThread {
  private HeldByThread() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> holdAndWait(holding, release), "heapdiff-holder");
    holder.setDaemon(true);
    holder.start();
    holding.await();
    DumpRequest.dump(Path.of(args[0]).resolve(args[1] + ".hprof"));
    release.countDown();
    holder.join();
  }

  static void holdAndWait(CountDownLatch holding, CountDownLatch release) {
    Marker marker = new Marker("held by a local variable");
    holding.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (marker.label.isEmpty()) {
      throw new IllegalStateException(); // keeps the local alive until here
    }
  }
}
