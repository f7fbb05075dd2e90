package dev.heapdiff.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A child-JVM program that opens one dump with one reader and prints one {@code RESULT} line:
 * wall seconds to open, peak resident set size of this process, Java heap retained by the opened
 * structure, and the reader's object count. Arguments: reader name, dump path.
 */
public final class ReaderRun {
  static final String RESULT = "RESULT";

  private ReaderRun() {}

  public static void main(String[] args) throws IOException {
    Reader reader = Reader.valueOf(args[0]);
    Path dump = Path.of(args[1]);

    long start = System.nanoTime();
    Reader.Opened opened = reader.open(dump);
    double seconds = (System.nanoTime() - start) / 1e9;

    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Reference.reachabilityFence(opened.structure());
    long peakRssKb = statusKilobytes("VmHWM");
    System.out.printf(Locale.ROOT, "%s %s %.4f %d %d %d%n", RESULT, reader, seconds, peakRssKb * 1024,
        heap, opened.objects());
  }

  /** Reads a {@code kB} field such as {@code VmHWM} from {@code /proc/self/status}; -1 elsewhere. */
  static long statusKilobytes(String field) throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
      }
    }
    return -1;
  }
}
