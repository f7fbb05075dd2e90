package dev.heapdiff.testdata.truth;

import dev.heapdiff.testdata.ChildJvm;
import dev.heapdiff.testdata.DumpRequest;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Workload} in a child JVM and dumps it twice: after its setup and after its
 * critical section ({@code dumpHeap(file, true)} both times).
 *
 * <pre>{@code
 * DumpPair pair = TwoDumps.run(Collector.EPSILON, HashMapGrowth.class, dir);
 * GroundTruth truth = GroundTruth.of(pair);
 * }</pre>
 *
 * <p>Before the setup the child writes one dump and deletes it, so that the classes and caches a
 * dump needs exist in both dumps and are not counted as new. Files: {@code
 * <dir>/<Workload>-<collector>.before.hprof}, {@code ….after.hprof} and {@code ….properties} (JVM,
 * collectors, options).
 */
public final class TwoDumps {
  private static final int TIMEOUT_SECONDS = 120;

  private TwoDumps() {}

  /** Runs {@code workload} under {@code collector} in a child of the current JDK (heap at most 1 GB). */
  public static DumpPair run(Collector collector, Class<? extends Workload> workload, Path dir)
      throws IOException, InterruptedException {
    return run(ChildJvm.current(), collector, workload, dir);
  }

  /**
   * Runs {@code workload} under {@code collector} in {@code jvm}, to which the collector's options and
   * C1-only compilation (less CPU, same heap) are added.
   */
  public static DumpPair run(ChildJvm jvm, Collector collector, Class<? extends Workload> workload, Path dir)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String name = workload.getSimpleName() + "-" + collector.label();
    jvm.with(collector.options().toArray(new String[0])).with("-XX:TieredStopAtLevel=1")
        .run(TwoDumps.class, TIMEOUT_SECONDS, workload.getName(), dir.toString(), name);
    DumpPair pair = new DumpPair(workload.getName(), collector, dir.resolve(name + ".before.hprof"),
        dir.resolve(name + ".after.hprof"));
    if (!Files.isRegularFile(pair.before()) || !Files.isRegularFile(pair.after())) {
      throw new IOException("the child JVM did not write both dumps: " + pair);
    }
    return pair;
  }

  /** The child's side. Arguments: workload class name, output directory, file name stem. */
  public static void main(String[] args) throws Exception {
    Class<?> type = Class.forName(args[0]);
    Path dir = Path.of(args[1]);
    String name = args[2];
    Workload workload = (Workload) type.getDeclaredConstructor().newInstance();
    Path warmUp = dir.resolve(name + ".warm-up.hprof");
    Path before = dir.resolve(name + ".before.hprof");
    Path after = dir.resolve(name + ".after.hprof");
    for (Path p : List.of(warmUp, before, after)) {
      Files.deleteIfExists(p);
    }
    DumpRequest.dump(warmUp);
    Files.delete(warmUp);
    workload.setup();
    DumpRequest.dump(before);
    workload.criticalSection();
    DumpRequest.dump(after);
    Files.writeString(dir.resolve(name + ".properties"), describeJvm(args[0]));
    // Workloads may leave non-daemon threads running (thread pools, database engines).
    System.exit(0);
  }

  private static String describeJvm(String workload) {
    List<String> collectors = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collectors.add(gc.getName());
    }
    return "workload=" + workload + "\n"
        + "java.vm.version=" + System.getProperty("java.vm.version") + "\n"
        + "collectors=" + String.join(",", collectors) + "\n"
        + "options=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "\n";
  }
}
