package dev.heapdiff.hprof.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs work over index ranges on all cores, rethrowing the first failure. */
final class Parallel {
  interface Chunk {
    void run(int chunk, int from, int to) throws Exception;
  }

  private Parallel() {}

  static int threads() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  /** How many chunks a pass over {@code n} objects is split into: one below 100,000, else one per core. */
  static int chunksFor(int n) {
    return n < 100_000 ? 1 : threads();
  }

  /**
   * {@link #forChunks} for a pass that reads the dump: a worker's {@link IOException} (such as an
   * {@link dev.heapdiff.hprof.HprofFormatException} naming a record) is thrown as it is, any other
   * failure in an {@link IllegalStateException}.
   */
  static void forChunksReading(int n, int chunks, Chunk body) throws IOException {
    try {
      forChunks(n, chunks, body);
    } catch (HprofFailure e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Splits 0..n into {@code chunks} contiguous ranges and runs them concurrently. */
  static void forChunks(int n, int chunks, Chunk body) throws HprofFailure {
    if (chunks == 1) {
      try {
        body.run(0, 0, n);
      } catch (Exception e) {
        throw new HprofFailure(e);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(chunks, r -> {
      Thread t = new Thread(r, "heapdiff-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < chunks; c++) {
        int chunk = c;
        int from = (int) ((long) n * c / chunks);
        int to = (int) ((long) n * (c + 1) / chunks);
        futures.add(pool.submit(() -> {
          body.run(chunk, from, to);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new HprofFailure(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HprofFailure(e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Carries a failure from a worker thread. */
  static final class HprofFailure extends Exception {
    private static final long serialVersionUID = 1L;

    HprofFailure(Throwable cause) {
      super(cause);
    }
  }
}
