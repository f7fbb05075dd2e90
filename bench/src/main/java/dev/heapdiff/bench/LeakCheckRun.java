package dev.heapdiff.bench;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Snapshot;
import java.util.Locale;

/**
 * A child-JVM program that does what a leak test does in its own JVM: it fills its heap with {@link
 * DumpWorkload}'s objects at a scale, then, round after round, takes a snapshot, changes about 1% of
 * the heap ({@link DumpWorkload#mutate}), takes another and prints {@code after.minus(before)} by
 * class, timing each step. One {@code RESULT} line per round: the heap in use before the round (MB),
 * the objects in the later dump, seconds for the first snapshot, for the second, for the minus and
 * its table (reading both dumps included), in all, and the new objects found. Arguments: the scale,
 * the number of rounds.
 */
public final class LeakCheckRun {
  private LeakCheckRun() {}

  public static void main(String[] args) throws Exception {
    double scale = Double.parseDouble(args[0]);
    int rounds = Integer.parseInt(args[1]);
    DumpWorkload.build(scale);
    for (int round = 0; round < rounds; round++) {
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long used = rt.totalMemory() - rt.freeMemory();
      long start = System.nanoTime();
      try (Snapshot before = Heap.snapshot()) {
        double first = (System.nanoTime() - start) / 1e9;
        DumpWorkload.mutate(scale);
        long second = System.nanoTime();
        try (Snapshot after = Heap.snapshot()) {
          double secondSeconds = (System.nanoTime() - second) / 1e9;
          long diff = System.nanoTime();
          ObjectSet fresh = after.minus(before);
          String table = fresh.byClass().toString();
          long end = System.nanoTime();
          if (table.isEmpty()) {
            throw new IllegalStateException("no table");
          }
          System.out.printf(Locale.ROOT, "%s %d %d %.4f %.4f %.4f %.4f %d%n", ReaderRun.RESULT, used >> 20,
              after.graph().objectCount(), first, secondSeconds, (end - diff) / 1e9, (end - start) / 1e9,
              fresh.count());
        }
      }
    }
  }
}
