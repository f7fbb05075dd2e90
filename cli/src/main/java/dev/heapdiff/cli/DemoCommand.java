package dev.heapdiff.cli;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Partition;
import dev.heapdiff.Snapshot;
import dev.heapdiff.cli.demo.OrderService;
import dev.heapdiff.internal.PrivateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code heapdiff demo}: runs {@link OrderService}, a toy service with a leak, in a child JVM (the
 * same {@code java}, with heapdiff's own jar or class directory as its class path); it dumps its
 * heap before and after taking some orders into an owner-only temporary directory. The command then
 * shows what is new ({@code after.minus(before)}), what holds the new orders and a path from a GC
 * root to them, and deletes the dumps.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Runs a toy order service with a leak in a child JVM, dumps its heap before and after some "
        + "requests, and shows the new objects, what holds them and a path from a GC root.")
final class DemoCommand implements Callable<Integer> {
  private static final int CHILD_TIMEOUT_SECONDS = 120;
  private static final String ORDER = "dev.heapdiff.cli.demo.Order";
  private static final String LOG = "order-service.log";
  /** The most orders {@code --requests} takes: they stay alive, in a child JVM of 256 MB. */
  static final int MAX_REQUESTS = 100_000;

  @Spec CommandSpec spec;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "5000",
      description = "How many orders the service takes between the two dumps, from 1 to "
          + MAX_REQUESTS + " (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--all", description = "Print every row of the table of new objects, not only the first ten.")
  boolean all;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (requests < 1 || requests > MAX_REQUESTS) {
      // With no orders there is nothing to find; every order stays alive in the child JVM's 256 MB.
      throw new ParameterException(spec.commandLine(), String.format("Invalid value for option '--requests': "
          + "'%d' is not a number of orders from 1 to %d", requests, MAX_REQUESTS));
    }
    Path dir = PrivateFiles.temporaryDirectory("heapdiff-demo-");
    Path before = dir.resolve("before.hprof");
    Path after = dir.resolve("after.hprof");
    dir.toFile().deleteOnExit();
    before.toFile().deleteOnExit(); // deleted first, also on Ctrl-C
    after.toFile().deleteOnExit();
    PrintWriter out = spec.commandLine().getOut();
    try {
      runOrderService(dir);
      long bytes = Files.size(before) + Files.size(after);
      try (Snapshot earlier = Heap.load(before); Snapshot later = Heap.load(after)) {
        ObjectSet fresh = later.minus(earlier);
        ObjectSet orders = fresh.ofClass(ORDER);
        out.printf("heapdiff demo: a toy order service in a child JVM took %,d orders between two dumps of its "
            + "heap (%,d bytes in all, deleted afterwards). It keeps only the last 1,000 orders for display, "
            + "so nothing should stay behind.%n%n", requests, bytes);
        out.println("New objects, after.minus(before):");
        Partition byClass = fresh.byClass();
        out.println(all ? byClass.all() : SetOutput.text(byClass));
        long mapOnly = 0;
        if (orders.count() > 0) {
          out.printf("%nHow the %,d new orders are held, byVia():%n", orders.count());
          Partition via = orders.byVia();
          out.println(SetOutput.text(via));
          // The orders held only as a map value are the ones the bounded display list has let go.
          int valueOnly = via.kinds().indexOf(".value");
          if (valueOnly >= 0) {
            ObjectSet leaked = via.get(valueOnly);
            mapOnly = leaked.count();
            var paths = leaked.pathsFromRoots();
            if (!paths.isEmpty()) {
              out.printf("%nA shortest path from a GC root to one held only via .value, pathsFromRoots().get(0):%n"
                  + " %s%n", paths.get(0));
            }
          }
        }
        out.printf("%n%s%n", conclusion(orders.count(), mapOnly, requests));
      }
    } finally {
      Files.deleteIfExists(before);
      Files.deleteIfExists(after);
      Files.deleteIfExists(dir);
    }
    out.flush();
    return 0;
  }

  /**
   * Returns the demo's last line. A leak is claimed only for new orders that stayed alive held by
   * the audit map alone ({@code mapOnly}): up to 1,000 new orders are also in the display list,
   * which is meant to keep them.
   */
  static String conclusion(long alive, long mapOnly, int requests) {
    if (alive == 0) {
      return String.format("None of the %,d orders taken stayed alive: these dumps show no leak of orders.", requests);
    }
    if (mapOnly == 0 && requests > 1_000) {
      return String.format("%,d of the %,d orders taken stayed alive, none of them held by the audit map alone:"
          + " no leak of orders shows in these dumps.", alive, requests);
    }
    if (mapOnly == 0) {
      return String.format("%,d of the %,d orders taken stayed alive, all still among the last 1,000 kept for display:"
          + " with more than 1,000 orders (--requests), the ones the service no longer needs show.", alive, requests);
    }
    return String.format("%,d of the %,d orders taken stayed alive: the service leaks them through a static map"
        + " (OrderService.AUDIT) that is never cleared.", alive, requests);
  }

  private void runOrderService(Path dir) throws IOException, InterruptedException {
    List<String> command = List.of(javaExecutable(), "-Xmx256m", "-cp", ownClassPath(),
        OrderService.class.getName(), dir.toString(), Integer.toString(requests));
    Path log = dir.resolve(LOG);
    log.toFile().deleteOnExit(); // before the directory, which is deleted last
    try {
      newLog(dir);
      Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IOException("the demo JVM did not finish in " + CHILD_TIMEOUT_SECONDS + " s: " + command);
      }
      if (child.exitValue() != 0 || !Files.isRegularFile(dir.resolve("after.hprof"))) {
        throw new IOException("the demo JVM failed (exit code " + child.exitValue() + "): " + command + "\n"
            + Files.readString(log, Charset.defaultCharset()).strip());
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Creates the child JVM's log in {@code dir}, owner-only as every file heapdiff writes: the child's
   * output goes into the existing file, which keeps its permissions.
   */
  static Path newLog(Path dir) throws IOException {
    return PrivateFiles.newFile(dir.resolve(LOG));
  }

  /** The {@code java} of the JVM running this command. */
  private static String javaExecutable() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(java)) {
      return java.toString();
    }
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The jar (or class directory) heapdiff runs from: it holds the demo service too. */
  private static String ownClassPath() throws IOException {
    try {
      return Path.of(OrderService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot find heapdiff's own jar for the demo JVM's class path", e);
    }
  }

  @Override
  public String toString() {
    return "heapdiff demo --requests " + requests + (all ? " --all" : "");
  }
}
