package dev.heapdiff.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Opens one dump with every reader, each in its own child JVM, one after another, and prints one
 * table: wall seconds, MB/s, peak RSS, retained Java heap and bytes per object, and the ratios the
 * design's performance targets are stated in.
 *
 * <p>Usage: {@code java -jar bench/target/heapdiff-bench.jar [--scale 1] [--dump path] [--runs 3]
 * [--xmx 12g] [--readers bare,heapdiff,shark,netbeans]}. Without {@code --dump} the dump is
 * {@code bench/target/bench-16m.hprof} (scaled names for other scales), generated on first use and
 * reused afterwards.
 */
public final class ReaderBench {
  private static final double MB = 1e6;
  private static final long CHILD_TIMEOUT_MINUTES = 30;

  private double scale = 1;
  private Path dump;
  private int runs = 3;
  private String xmx = "12g";
  private List<Reader> readers = List.of(Reader.values());

  /** One child JVM's measurements. */
  record Result(Reader reader, double seconds, long peakRss, long heap, long objects) {}

  private ReaderBench() {}

  public static void main(String[] args) throws Exception {
    ReaderBench bench = new ReaderBench();
    bench.parse(args);
    bench.run();
  }

  private void parse(String[] args) throws URISyntaxException {
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(value);
        case "--dump" -> dump = Path.of(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--xmx" -> xmx = value;
        case "--readers" -> readers = Arrays.stream(value.split(","))
            .map(name -> Reader.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
            + "--scale s, --dump path, --runs n, --xmx size, --readers bare,heapdiff,shark,netbeans");
      }
      i++;
    }
    if (dump == null) {
      String objects = String.format(Locale.ROOT, "%.3g", 16 * scale).replaceAll("\\.?0+$", "");
      dump = targetDirectory().resolve("bench-" + objects + "m.hprof");
    }
  }

  /** The module's {@code target} directory: where this jar, or the classes directory, lives. */
  static Path targetDirectory() throws URISyntaxException {
    Path code = Path.of(ReaderBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return code.getParent();
  }

  private void run() throws IOException, InterruptedException {
    ensureDump();
    long size = Files.size(dump);
    String loadBefore = loadAverage();
    warmPageCache(dump);

    Map<Reader, List<Result>> results = new EnumMap<>(Reader.class);
    for (int round = 1; round <= runs; round++) {
      for (Reader reader : readers) {
        Result result = measure(reader);
        results.computeIfAbsent(reader, r -> new ArrayList<>()).add(result);
        System.err.printf(Locale.ROOT, "run %d/%d  %-20s %7.2f s%n", round, runs, reader.label, result.seconds());
      }
    }
    System.out.println();
    System.out.print(table(size, loadBefore, loadAverage(), results));
  }

  private void ensureDump() throws IOException, InterruptedException {
    if (Files.exists(dump)) {
      System.err.printf("reusing %s (%,d bytes); delete it to generate a new one%n", dump, Files.size(dump));
      return;
    }
    System.err.printf("generating %s at scale %s in a child JVM ...%n", dump, scale);
    runDumpWorkload(List.of("--scale", Double.toString(scale), dump.toString()), CHILD_TIMEOUT_MINUTES);
  }

  /** Runs {@link DumpWorkload} with {@code arguments} in a child JVM, its output on this one's. */
  static void runDumpWorkload(List<String> arguments, long timeoutMinutes) throws IOException, InterruptedException {
    List<String> command = javaCommand("-Xmx6g", "-XX:+UseParallelGC");
    command.add(DumpWorkload.class.getName());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("the dump workload did not finish in " + timeoutMinutes + " minutes");
    }
    if (process.exitValue() != 0) {
      throw new IOException("the dump workload exited with " + process.exitValue());
    }
  }

  /** Reads the file once so that no reader pays for the first trip from disk. */
  static void warmPageCache(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (channel.read(buffer) >= 0) {
        buffer.clear();
      }
    }
  }

  /**
   * Runs {@code command} in a child JVM and returns the fields of the {@link ReaderRun#RESULT}
   * line it printed; {@code what} names the run in errors.
   */
  static String[] resultOf(List<String> command, String what, long timeoutMinutes)
      throws IOException, InterruptedException {
    return resultsOf(command, what, timeoutMinutes).get(0);
  }

  /**
   * Runs {@code command} and returns the fields of every {@code RESULT} line it printed, in order;
   * fails if it times out, exits with another code than 0 or prints none.
   */
  static List<String[]> resultsOf(List<String> command, String what, long timeoutMinutes)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("heapdiff-bench-", ".log");
    String output;
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
      if (!finished) {
        process.destroyForcibly();
      }
      output = Files.readString(log);
      if (!finished || process.exitValue() != 0) {
        throw new IOException(what + " failed: " + command + "\n" + output);
      }
    } finally {
      Files.deleteIfExists(log);
    }
    List<String[]> results = output.lines().filter(l -> l.startsWith(ReaderRun.RESULT + " ")).map(l -> l.split(" "))
        .toList();
    if (results.isEmpty()) {
      throw new IOException(what + " printed no result:\n" + output);
    }
    return results;
  }

  private Result measure(Reader reader) throws IOException, InterruptedException {
    deleteNetBeansCache();
    try {
      return measureInChild(reader);
    } finally {
      deleteNetBeansCache();
    }
  }

  /**
   * NetBeans keeps its index in a directory beside the dump and reuses it on the next open, which
   * would make every run after the first a cache read; each run must index the dump itself.
   */
  private void deleteNetBeansCache() throws IOException {
    Path cache = dump.resolveSibling(dump.getFileName() + ".nbcache");
    if (Files.isDirectory(cache)) {
      try (var files = Files.walk(cache)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private Result measureInChild(Reader reader) throws IOException, InterruptedException {
    List<String> command = javaCommand("-Xmx" + xmx, "-XX:+UseParallelGC");
    command.add(ReaderRun.class.getName());
    command.add(reader.name());
    command.add(dump.toString());
    String[] f = resultOf(command, reader.label, CHILD_TIMEOUT_MINUTES);
    return new Result(reader, Double.parseDouble(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
        Long.parseLong(f[5]));
  }

  static List<String> javaCommand(String... options) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(options));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    return command;
  }

  private String table(long size, String loadBefore, String loadAfter, Map<Reader, List<Result>> results) {
    Map<Reader, Result> best = new EnumMap<>(Reader.class);
    results.forEach((reader, list) ->
        best.put(reader, list.stream().min(Comparator.comparingDouble(Result::seconds)).orElseThrow()));
    Result bare = best.get(Reader.BARE);
    Result heapdiff = best.get(Reader.HEAPDIFF);
    long objects = bare != null ? bare.objects() : heapdiff != null ? heapdiff.objects() : -1;

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "heapdiff reader benchmark, %s%n",
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))));
    out.append(String.format(Locale.ROOT, "JDK %s (%s); each reader in its own JVM: -Xmx%s -XX:+UseParallelGC%n",
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), xmx));
    out.append(String.format(Locale.ROOT, "machine: %d CPUs (%s), %.1f GiB memory, load average %s before, %s after%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), memTotalKb() / (1024.0 * 1024), loadBefore, loadAfter));
    out.append(String.format(Locale.ROOT, "dump: %s, %.1f MB, %,d objects (scale %s)%n",
        dump.getFileName(), size / MB, objects, scale));
    out.append(String.format(Locale.ROOT, "best of %d runs by wall time (all runs listed); other columns from the best run; MB = 10^6 bytes%n%n",
        runs));
    out.append(String.format(Locale.ROOT, "%-20s %8s %6s %12s %8s %13s %11s   %s%n",
        "reader", "seconds", "MB/s", "peak RSS MB", "heap MB", "bytes/object", "objects", "all runs (s)"));
    for (Map.Entry<Reader, Result> e : best.entrySet()) {
      Result r = e.getValue();
      String perObject = r.reader() == Reader.BARE ? "-" : String.format(Locale.ROOT, "%.1f", (double) r.heap() / r.objects());
      String all = results.get(e.getKey()).stream().map(x -> String.format(Locale.ROOT, "%.2f", x.seconds()))
          .collect(Collectors.joining(" "));
      out.append(String.format(Locale.ROOT, "%-20s %8.2f %6.0f %12.0f %8.0f %13s %,11d   %s%n",
          r.reader().label, r.seconds(), size / MB / r.seconds(), r.peakRss() / MB, r.heap() / MB, perObject,
          r.objects(), all));
    }
    if (heapdiff != null) {
      List<String> ratios = new ArrayList<>();
      Result shark = best.get(Reader.SHARK);
      Result netbeans = best.get(Reader.NETBEANS);
      if (shark != null) {
        ratios.add("vs shark " + faster(shark.seconds() / heapdiff.seconds())
            + " (issue #2: faster; design doc: >= 3x faster)");
      }
      if (netbeans != null) {
        ratios.add("vs netbeans " + faster(netbeans.seconds() / heapdiff.seconds()) + " (issue #2: >= 3x faster)");
      }
      if (bare != null) {
        ratios.add(String.format(Locale.ROOT, "%.1fx the bare pass (design doc: <= 3x)", heapdiff.seconds() / bare.seconds()));
      }
      ratios.add(String.format(Locale.ROOT, "%.1f bytes/object (target <= 40)", (double) heapdiff.heap() / heapdiff.objects()));
      out.append("ratios: heapdiff ").append(String.join(", ", ratios)).append(System.lineSeparator());
    }
    out.append(String.format(Locale.ROOT, "notes: peak RSS counts the pages of a memory-mapped dump (bare pass, heapdiff, NetBeans);%n"
        + "heap = used Java heap after System.gc() with the structure open, an empty JVM's few MB included;%n"
        + "NetBeans keeps its index in memory-mapped files beside the dump, not in the Java heap.%n"));
    return out.toString();
  }

  private static String faster(double ratio) {
    return ratio >= 1 ? String.format(Locale.ROOT, "%.1fx faster", ratio)
        : String.format(Locale.ROOT, "%.1fx slower", 1 / ratio);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  static long memTotalKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return -1;
  }
}
