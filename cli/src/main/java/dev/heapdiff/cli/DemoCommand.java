package dev.heapdiff.cli;

import dev.heapdiff.cli.demo.OrderService;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.report.HeapyText;
import dev.heapdiff.report.Partition;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heapdiff demo}: runs {@link OrderService} in a child JVM (the same {@code java}, with
 * heapdiff's own jar or class directory as its class path), lets it dump its live heap into an
 * owner-only temporary directory, shows the dump by class and deletes it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Runs a toy order service in a child JVM, dumps its heap and shows it by class.")
final class DemoCommand implements Callable<Integer> {
  private static final int CHILD_TIMEOUT_SECONDS = 120;

  @Spec CommandSpec spec;

  @Option(names = "--orders", paramLabel = "N", defaultValue = "20000",
      description = "How many orders the service keeps (default: ${DEFAULT-VALUE}).")
  int orders;

  @Option(names = "--all", description = "Print every row, not only the first ten.")
  boolean all;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path dir = privateTemporaryDirectory();
    Path dump = dir.resolve("order-service.hprof");
    dir.toFile().deleteOnExit();
    dump.toFile().deleteOnExit(); // deleted first, also on Ctrl-C
    Partition partition;
    long dumpBytes;
    try {
      runOrderService(dump);
      dumpBytes = Files.size(dump);
      try (HeapGraph graph = HeapGraph.open(dump)) {
        partition = LiveHeap.byClass(graph);
      }
    } finally {
      Files.deleteIfExists(dump);
      Files.deleteIfExists(dir);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("heapdiff demo: ran a toy order service that keeps %,d orders in a static list in a child JVM, "
        + "dumped its live heap (%,d bytes, now deleted) and read it:%n", orders, dumpBytes);
    out.print(all ? HeapyText.renderAll(partition) : HeapyText.render(partition));
    out.flush();
    return 0;
  }

  private void runOrderService(Path dump) throws IOException, InterruptedException {
    List<String> command = List.of(javaExecutable(), "-Xmx256m", "-cp", ownClassPath(),
        OrderService.class.getName(), dump.toString(), Integer.toString(orders));
    Path log = dump.resolveSibling("order-service.log");
    log.toFile().deleteOnExit(); // before the directory, which is deleted last
    try {
      Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IOException("the demo JVM did not finish in " + CHILD_TIMEOUT_SECONDS + " s: " + command);
      }
      if (child.exitValue() != 0 || !Files.isRegularFile(dump)) {
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

  private static Path privateTemporaryDirectory() throws IOException {
    try {
      return Files.createTempDirectory("heapdiff-demo-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempDirectory("heapdiff-demo-"); // per-user temporary directory elsewhere
    }
  }

  @Override
  public String toString() {
    return "heapdiff demo --orders " + orders + (all ? " --all" : "");
  }
}
