package dev.heapdiff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code after.minus(before)} on two dumps of one program beside the time to open each of
 * them, all in one child JVM, and prints them side by side with the matching's working memory per
 * object. The dumps are {@code bench-16m.before.hprof} and {@code bench-16m.after.hprof} in the
 * module's {@code target} directory (scaled names for other scales): {@link DumpWorkload} writes
 * both from one JVM, the second after changing about 1% of the heap; they are reused afterwards.
 *
 * <p>Usage: {@code java -cp bench/target/heapdiff-bench.jar dev.heapdiff.bench.MatchBench [--scale 1]
 * [--runs 1] [--xmx 12g] [--jvm-option opt]...}.
 */
public final class MatchBench {
  private static final double MB = 1e6;
  private static final long CHILD_TIMEOUT_MINUTES = 60;

  private double scale = 1;
  private int runs = 1;
  private String xmx = "12g";
  private final List<String> jvmOptions = new ArrayList<>();
  private Path before;
  private Path after;

  /** One child JVM's measurements. */
  record Result(double openBefore, double openAfter, double match, long matchHeap, long beforeObjects,
      long afterObjects, long fresh, double openAgain, double matchAgain) {}

  private MatchBench() {}

  public static void main(String[] args) throws Exception {
    MatchBench bench = new MatchBench();
    bench.parse(args);
    bench.run();
  }

  private void parse(String[] args) throws Exception {
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--xmx" -> xmx = value;
        case "--jvm-option" -> jvmOptions.add(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --scale s, --runs n, --xmx size, --jvm-option opt");
      }
      i++;
    }
    String objects = String.format(Locale.ROOT, "%.3g", 16 * scale).replaceAll("\\.?0+$", "");
    before = ReaderBench.targetDirectory().resolve("bench-" + objects + "m.before.hprof");
    after = ReaderBench.targetDirectory().resolve("bench-" + objects + "m.after.hprof");
  }

  private void run() throws IOException, InterruptedException {
    ensureDumps();
    String loadBefore = ReaderBench.loadAverage();
    ReaderBench.warmPageCache(before);
    ReaderBench.warmPageCache(after);
    List<Result> results = new ArrayList<>();
    for (int round = 1; round <= runs; round++) {
      Result r = measure();
      results.add(r);
      System.err.printf(Locale.ROOT, "run %d/%d  open %.2f s + %.2f s, match %.2f s; again: open %.2f s,"
          + " match %.2f s%n", round, runs, r.openBefore(), r.openAfter(), r.match(), r.openAgain(), r.matchAgain());
    }
    System.out.println();
    System.out.print(table(loadBefore, ReaderBench.loadAverage(), results));
  }

  private void ensureDumps() throws IOException, InterruptedException {
    if (Files.exists(before) && Files.exists(after)) {
      System.err.printf("reusing %s and %s; delete them to generate new ones%n", before, after);
      return;
    }
    System.err.printf("generating %s and %s at scale %s in a child JVM ...%n", before, after, scale);
    ReaderBench.runDumpWorkload(
        List.of("--scale", Double.toString(scale), before.toString(), "--after", after.toString()),
        CHILD_TIMEOUT_MINUTES);
  }

  private Result measure() throws IOException, InterruptedException {
    // The JVM's default collector (G1), as in jshell or the heapdiff command, unless an option names another.
    List<String> options = new ArrayList<>(List.of("-Xmx" + xmx));
    options.addAll(jvmOptions);
    List<String> command = ReaderBench.javaCommand(options.toArray(String[]::new));
    command.add(MatchRun.class.getName());
    command.add(before.toString());
    command.add(after.toString());
    String[] f = ReaderBench.resultOf(command, "matching", CHILD_TIMEOUT_MINUTES);
    return new Result(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
        Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
        Double.parseDouble(f[8]), Double.parseDouble(f[9]));
  }

  private String table(String loadBefore, String loadAfter, List<Result> results) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "heapdiff matching benchmark, %s%n",
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))));
    out.append(String.format(Locale.ROOT, "JDK %s (%s); one JVM per run: -Xmx%s%s%s%n",
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), xmx,
        jvmOptions.isEmpty() ? "" : " " + String.join(" ", jvmOptions),
        jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC")) ? ""
            : ", the default collector (G1)"));
    out.append(String.format(Locale.ROOT, "machine: %d CPUs (%s), %.1f GiB memory, load average %s before, %s after%n",
        Runtime.getRuntime().availableProcessors(), ReaderBench.cpuModel(), ReaderBench.memTotalKb() / (1024.0 * 1024),
        loadBefore, loadAfter));
    out.append(String.format(Locale.ROOT, "dumps: %s, %.1f MB; %s, %.1f MB (scale %s)%n%n", before.getFileName(),
        Files.size(before) / MB, after.getFileName(), Files.size(after) / MB, scale));
    out.append(String.format(Locale.ROOT, "%-4s %12s %12s %12s %14s %12s %12s %10s %16s %12s %12s%n", "run",
        "open before s", "open after s", "match s", "match/open", "before objs", "after objs", "new", "match bytes/obj",
        "again open s", "again match s"));
    for (int k = 0; k < results.size(); k++) {
      Result r = results.get(k);
      double open = Math.max(r.openBefore(), r.openAfter());
      out.append(String.format(Locale.ROOT, "%-4d %12.2f %12.2f %12.2f %14.2f %,12d %,12d %,10d %16.1f %12.2f %12.2f%n",
          k + 1, r.openBefore(), r.openAfter(), r.match(), r.match() / open, r.beforeObjects(), r.afterObjects(),
          r.fresh(), (double) r.matchHeap() / (r.beforeObjects() + r.afterObjects()), r.openAgain(),
          r.matchAgain()));
    }
    out.append(String.format(Locale.ROOT, "notes: open = Heap.load(dump) and its first analysis (graph, reachability);%n"
        + "match = after.minus(before), the matching of both dumps' live objects and the set of new ones;%n"
        + "match/open = match seconds over the slower of the two opens (target <= 1);%n"
        + "match bytes/obj = the Java heap's peak during the matching beyond the two open dumps (garbage not yet%n"
        + "collected included: an upper bound), over the objects of both dumps;%n"
        + "again = the same two dumps opened (the slower of the two) and matched again in the same JVM, its code%n"
        + "compiled by then, as a second pair is in jshell or a test suite (not the target's measure).%n"));
    return out.toString();
  }
}
