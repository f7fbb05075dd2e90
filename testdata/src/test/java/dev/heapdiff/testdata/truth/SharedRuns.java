package dev.heapdiff.testdata.truth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Two-dump runs shared by the tests of one test JVM: each workload runs once per collector. */
final class SharedRuns {
  private static final Map<String, DumpPair> RUNS = new HashMap<>();
  private static Path dir;

  private SharedRuns() {}

  static synchronized DumpPair run(Collector collector, Class<? extends Workload> workload) throws Exception {
    String key = collector + " " + workload.getName();
    DumpPair pair = RUNS.get(key);
    if (pair == null) {
      pair = TwoDumps.run(collector, workload, directory());
      RUNS.put(key, pair);
    }
    return pair;
  }

  static DumpPair epsilon(Class<? extends Workload> workload) throws Exception {
    return run(Collector.EPSILON, workload);
  }

  private static Path directory() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("heapdiff-truth-");
      Runtime.getRuntime().addShutdownHook(new Thread(SharedRuns::deleteAll));
    }
    return dir;
  }

  private static void deleteAll() {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
