package dev.heapdiff.bench;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A child-JVM program that opens two dumps of one program and matches them, timing each step, and
 * prints one {@code RESULT} line: seconds to open {@code before}, seconds to open {@code after},
 * seconds for {@code after.minus(before)}, the Java heap the matching used at its peak beyond the
 * two open dumps, the object counts of both dumps, the number of new objects found, and then the
 * slower open's seconds and the match's when the same two dumps are opened and matched again in
 * this JVM. Arguments: the earlier dump's path, the later dump's path.
 */
public final class MatchRun {
  private MatchRun() {}

  public static void main(String[] args) throws Exception {
    String first;
    try (Snapshot before = Heap.load(Path.of(args[0])); Snapshot after = Heap.load(Path.of(args[1]))) {
      long start = System.nanoTime();
      long beforeObjects = before.graph().objectCount();
      before.count();
      double openBefore = (System.nanoTime() - start) / 1e9;

      start = System.nanoTime();
      long afterObjects = after.graph().objectCount();
      after.count();
      double openAfter = (System.nanoTime() - start) / 1e9;

      System.gc();
      System.gc();
      List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);

      start = System.nanoTime();
      ObjectSet fresh = after.minus(before);
      long found = fresh.count();
      double match = (System.nanoTime() - start) / 1e9;

      long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      first = String.format(Locale.ROOT, "%s %.4f %.4f %.4f %d %d %d %d", ReaderRun.RESULT, openBefore, openAfter,
          match, peak - baseline, beforeObjects, afterObjects, found);
    }
    // The first pair closed, as a program done with it would.
    double[] again = secondPair(args);
    System.out.printf(Locale.ROOT, "%s %.4f %.4f%n", first, again[0], again[1]);
  }

  /**
   * The same two dumps opened and matched again in this JVM (the first pair closed), its code
   * compiled by now, as a second pair of dumps is in jshell or a test suite: returns the slower
   * open's seconds and the match's.
   */
  private static double[] secondPair(String[] args) throws Exception {
    System.gc();
    try (Snapshot before = Heap.load(Path.of(args[0])); Snapshot after = Heap.load(Path.of(args[1]))) {
      long start = System.nanoTime();
      before.count();
      double openBefore = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      after.count();
      double openAfter = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      after.minus(before).count();
      return new double[] {Math.max(openBefore, openAfter), (System.nanoTime() - start) / 1e9};
    }
  }
}
