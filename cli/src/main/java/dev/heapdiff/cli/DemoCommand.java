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

  @Spec CommandSpec spec;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "5000",
      description = "How many orders the service takes between the two dumps (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--all", description = "Print every row of the table of new objects, not only the first ten.")
  boolean all;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException, InterruptedException {
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
        out.printf("%nHow the %,d new orders are held, byVia():%n", orders.count());
        Partition via = orders.byVia();
        out.println(SetOutput.text(via));
        // The orders held only as a map value are the ones the bounded display list has let go.
        int valueOnly = via.kinds().indexOf(".value");
        ObjectSet leaked = valueOnly >= 0 ? via.get(valueOnly) : orders;
        var paths = leaked.pathsFromRoots();
        if (!paths.isEmpty()) {
          out.printf("%nA shortest path from a GC root to one held only via .value, pathsFromRoots().get(0):%n %s%n",
              paths.get(0));
        }
        out.printf("%n%,d of the %,d orders taken stayed alive: the service leaks them through a static map"
            + " (OrderService.AUDIT) that is never cleared.%n", orders.count(), requests);
      }
    } finally {
      Files.deleteIfExists(before);
      Files.deleteIfExists(after);
      Files.deleteIfExists(dir);
    }
    out.flush();
    return 0;
  }

  private void runOrderService(Path dir) throws IOException, InterruptedException {
    List<String> command = List.of(javaExecutable(), "-Xmx256m", "-cp", ownClassPath(),
        OrderService.class.getName(), dir.toString(), Integer.toString(requests));
    Path log = dir.resolve("order-service.log");
    log.toFile().deleteOnExit(); // before the directory, which is deleted last
    try {
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
