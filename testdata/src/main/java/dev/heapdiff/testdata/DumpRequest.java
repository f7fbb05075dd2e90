package dev.heapdiff.testdata;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Dumps the running JVM the way the ground-truth tests need it: the JVM's class histogram right
 * before the dump, the dump (live objects only), and the histogram again right after. Objects
 * allocated between the first histogram and the dump are the only allowed difference between the
 * histogram and the dump, and the second histogram bounds them.
 */
public final class DumpRequest {
  private DumpRequest() {}

  /** Writes {@code name.histo-before.txt}, {@code name.hprof}, {@code name.histo-after.txt} into dir. */
  public static Path dumpWithHistograms(Path dir, String name) throws IOException {
    Path dump = dir.resolve(name + ".hprof");
    Files.deleteIfExists(dump);
    // Warm up: the first histogram and dump load classes, intern strings and run cleaners; doing
    // both once beforehand leaves only each call's own transient objects as a difference.
    Path warmUp = dir.resolve(name + ".warm-up.hprof");
    histogram();
    dump(warmUp);
    Files.delete(warmUp);
    histogram();
    writeHistogram(dir.resolve(name + ".histo-before.txt"));
    dump(dump);
    writeHistogram(dir.resolve(name + ".histo-after.txt"));
    return dump;
  }

  /** Dumps live objects into {@code file}. */
  public static void dump(Path file) throws IOException {
    HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    bean.dumpHeap(file.toString(), true);
  }

  /** Writes the JVM's class histogram (live objects, after a full GC) into {@code file}. */
  public static void writeHistogram(Path file) throws IOException {
    Files.writeString(file, histogram());
  }

  static String histogram() throws IOException {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
      return (String) server.invoke(name, "gcClassHistogram", new Object[] {new String[0]},
          new String[] {String[].class.getName()});
    } catch (Exception e) {
      throw new IOException("cannot take the class histogram", e);
    }
  }
}
