package dev.heapdiff.bench;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times an in-process leak check ({@link LeakCheckRun}: two {@code Heap.snapshot()}s around a change,
 * {@code after.minus(before)} and its table) in a child JVM whose heap holds about 100 MB of objects
 * by default, against the design's target of under 2 s in all, and prints a table, one row per round.
 *
 * <p>Usage: {@code java -cp bench/target/heapdiff-bench.jar dev.heapdiff.bench.LeakCheckBench [--scale
 * 0.2] [--rounds 5] [--xmx 1g] [--jvm-option opt]...}.
 */
public final class LeakCheckBench {
  private static final long CHILD_TIMEOUT_MINUTES = 20;
  private static final double TARGET_SECONDS = 2;

  private double scale = 0.2;
  private int rounds = 5;
  private String xmx = "1g";
  private final List<String> jvmOptions = new ArrayList<>();

  private LeakCheckBench() {}

  public static void main(String[] args) throws Exception {
    LeakCheckBench bench = new LeakCheckBench();
    bench.parse(args);
    bench.run();
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--xmx" -> xmx = value;
        case "--jvm-option" -> jvmOptions.add(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --scale s, --rounds n, --xmx size, --jvm-option opt");
      }
      i++;
    }
  }

  private void run() throws IOException, InterruptedException {
    String loadBefore = ReaderBench.loadAverage();
    List<String> options = new ArrayList<>(List.of("-Xmx" + xmx));
    options.addAll(jvmOptions);
    List<String> command = ReaderBench.javaCommand(options.toArray(String[]::new));
    command.add(LeakCheckRun.class.getName());
    command.add(Double.toString(scale));
    command.add(Integer.toString(rounds));
    List<String[]> results = ReaderBench.resultsOf(command, "the leak check", CHILD_TIMEOUT_MINUTES);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "heapdiff in-process leak check benchmark, %s%n",
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))));
    out.append(String.format(Locale.ROOT, "JDK %s (%s); one JVM: -Xmx%s%s; DumpWorkload at scale %s%n",
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), xmx,
        jvmOptions.isEmpty() ? ", the default collector (G1)" : " " + String.join(" ", jvmOptions), scale));
    out.append(String.format(Locale.ROOT, "machine: %d CPUs (%s), load average %s before, %s after%n%n",
        Runtime.getRuntime().availableProcessors(), ReaderBench.cpuModel(), loadBefore, ReaderBench.loadAverage()));
    out.append(String.format(Locale.ROOT, "%-6s %9s %12s %11s %11s %13s %9s %8s %8s%n", "round", "heap MB",
        "dump objs", "snapshot s", "snapshot s", "minus+table s", "total s", "target s", "new"));
    for (int k = 0; k < results.size(); k++) {
      String[] f = results.get(k);
      out.append(String.format(Locale.ROOT, "%-6d %9s %,12d %11.2f %11.2f %13.2f %9.2f %8s %,8d%n", k + 1, f[1],
          Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
          Double.parseDouble(f[6]), "< " + (int) TARGET_SECONDS, Long.parseLong(f[7])));
    }
    out.append(String.format(Locale.ROOT, "notes: heap MB = the child's heap in use before the round, after a"
        + " GC; snapshot = Heap.snapshot(),%nthe dump written (read later, on first use); minus+table ="
        + " after.minus(before).byClass().toString(),%nboth dumps read and matched; total = the round (the"
        + " design's target: under %.0f s for a 100 MB heap).%n", TARGET_SECONDS));
    System.out.print(out);
    if (results.isEmpty()) {
      throw new IOException("no rounds: " + Arrays.toString(command.toArray()));
    }
  }
}
