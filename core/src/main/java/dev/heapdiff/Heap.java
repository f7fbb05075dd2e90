package dev.heapdiff;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectLayout;
import dev.heapdiff.hprof.internal.DeleteAtExit;
import dev.heapdiff.internal.PrivateFiles;
import dev.heapdiff.internal.WarmUpDump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where snapshots come from: this JVM ({@link #snapshot()}) or a dump file ({@link #load(Path)}).
 *
 * <pre>{@code
 * Snapshot before = Heap.snapshot();
 * service.handle(request);
 * Snapshot after = Heap.snapshot();
 * System.out.println(after.byClass());
 * }</pre>
 */
public final class Heap {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Heap() {}

  /**
   * Dumps the live objects of this JVM with the default options.
   *
   * @return a snapshot of a new dump file, not read until first analysed; closing it deletes the file
   * @throws UncheckedIOException if the dump cannot be written (no space, no permission)
   */
  public static Snapshot snapshot() {
    return snapshot(SnapshotOptions.defaults());
  }

  /**
   * Dumps the live objects of this JVM (after a full GC, as {@code jcmd GC.heap_dump} does). The
   * file is created owner-only: heap dumps hold secrets.
   *
   * @param options where the dump goes, whether it is compressed and whether it is kept after
   *     {@link Snapshot#close()}; start from {@link SnapshotOptions#defaults()}
   * @return a snapshot that records the file, the JVM's metadata and object layout; the file is read
   *     only when the snapshot is first analysed
   * @throws UncheckedIOException if the dump cannot be written (no space, no permission)
   */
  public static Snapshot snapshot(SnapshotOptions options) {
    Path privateDirectory = null;
    try {
      Path dir;
      if (options.directory().isPresent()) {
        dir = options.directory().get();
      } else if (System.getProperty("heapdiff.dir") != null) {
        dir = Path.of(System.getProperty("heapdiff.dir"));
      } else {
        dir = privateDirectory = PrivateFiles.temporaryDirectory("heapdiff-");
      }
      PrivateFiles.createDirectories(dir);
      long pid = ProcessHandle.current().pid();
      Path file = dir.resolve("heapdiff-" + pid + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime()
          + (options.gzip() ? ".hprof.gz" : ".hprof"));
      HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      Instant time = Instant.now();
      // Everything this call does is done before the dump where it can be: what the JDK makes on
      // first use (management beans, option values, method handles) is then in the first dump too,
      // instead of new in the second.
      SnapshotInfo info = info(bean, pid, time);
      ObjectLayout layout = layout(bean);
      boolean deleteOnClose = !options.keep();
      warmUp(info, layout);
      // The JDK keeps, per thread, the path of its last file system call (sun.nio.fs's native
      // buffers); made the same path each time, this call's file names are not new in the next dump.
      Files.isDirectory(LAST_PATH);
      if (options.gzip()) {
        dumpCompressed(bean, file);
      } else {
        bean.dumpHeap(file.toString(), true);
      }
      restrictToOwner(file);
      if (deleteOnClose) {
        if (privateDirectory != null) {
          DeleteAtExit.register(privateDirectory);
        }
        DeleteAtExit.register(file);
      }
      return new Snapshot(file, info, layout, deleteOnClose, privateDirectory);
    } catch (IOException e) {
      if (privateDirectory != null) {
        try {
          Files.deleteIfExists(privateDirectory); // left empty by the failed dump
        } catch (IOException notEmpty) {
          e.addSuppressed(notEmpty);
        }
      }
      throw new UncheckedIOException("cannot dump the heap: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a HotSpot heap dump file (from {@code jcmd PID GC.heap_dump}, {@code jmap},
   * {@code -XX:+HeapDumpOnOutOfMemoryError}; plain or gzip). The file is read on first analysis
   * and never deleted.
   *
   * @param dump a HotSpot heap dump file, plain or gzip; it is not checked to be one until first read
   * @return a snapshot of the file whose {@link Snapshot#info()} holds only the file's last-modified time
   * @throws NoSuchFileException if there is no such file
   * @throws java.nio.file.FileSystemException if it is a directory, a pipe or a device, or cannot be
   *     read (the checks of {@link HeapGraph#requireDumpFile})
   */
  public static Snapshot load(Path dump) throws IOException {
    // Said now rather than at the first analysis; a pipe could be read only once.
    HeapGraph.requireDumpFile(dump);
    Instant time = Files.getLastModifiedTime(dump).toInstant();
    SnapshotInfo info = new SnapshotInfo(time, OptionalInt.empty(), "", List.of(), Optional.empty(),
        OptionalInt.empty());
    return new Snapshot(dump, info, null, false, null);
  }

  /** A path that stays the same object for the JVM's life: see {@link #snapshot(SnapshotOptions)}. */
  private static final Path LAST_PATH = Path.of(System.getProperty("java.io.tmpdir", "."));
  private static final Object WARM_UP = new Object();
  private static boolean warm;

  /**
   * Once per JVM, before the first dump: does what a snapshot does after its dump (restricting a
   * file to its owner, registering it for deletion, making and closing a {@code Snapshot}) on an
   * empty file, so that the classes and JDK objects those steps make on first use are in the first
   * dump instead of new in the second (about 60 objects; 1,000 before the metadata was read first).
   */
  private static void warmUp(SnapshotInfo info, ObjectLayout layout) {
    synchronized (WARM_UP) {
      if (warm) {
        return;
      }
      warm = true;
      try {
        Path dir = PrivateFiles.temporaryDirectory("heapdiff-");
        Path file = Files.createFile(dir.resolve("warm-up.hprof"));
        DeleteAtExit.register(dir);
        DeleteAtExit.register(file);
        restrictToOwner(file);
        new Snapshot(file, info, layout, true, dir).close();
        analyseOnce(info, layout);
      } catch (IOException | RuntimeException | LinkageError e) {
        // Only a warm-up (a temporary directory that cannot be written, say, where the user gave
        // another for the dumps): without it the snapshot is still right, only the next diff shows
        // more of the JDK's first-run objects.
      }
    }
  }

  /**
   * Reads, diffs and shows a pair of small dumps ({@link WarmUpDump}) in every view: the first
   * analysis in a JVM loads JDK classes and fills JDK caches (file mapping, number formats, regular
   * expressions, streams, lambdas), about 9,000 objects that the user's next snapshot would
   * otherwise show as new whenever they looked at a snapshot in between.
   */
  private static void analyseOnce(SnapshotInfo info, ObjectLayout layout) throws IOException {
    Path dir = PrivateFiles.temporaryDirectory("heapdiff-");
    DeleteAtExit.register(dir);
    Path earlier = dir.resolve("warm-up-earlier.hprof");
    Path later = dir.resolve("warm-up-later.hprof");
    DeleteAtExit.register(earlier);
    DeleteAtExit.register(later);
    try (Snapshot a = new Snapshot(earlier, info, layout, true, dir);
        Snapshot b = new Snapshot(later, info, layout, true, dir)) {
      WarmUpDump.write(PrivateFiles.newFile(earlier), false);
      WarmUpDump.write(PrivateFiles.newFile(later), true);
      ObjectSet fresh = b.minus(a);
      // Each view's text made, as jshell prints it: that runs the formatting code too.
      new StringBuilder().append(a).append(b.byClass()).append(fresh.byClass().more())
          .append(fresh.byId()).append(fresh.bySize()).append(fresh.byPackage()).append(fresh.byClassLoader())
          .append(fresh.byReferrers()).append(fresh.byVia()).append(fresh.pathsFromRoots())
          .append(fresh.referencePattern()).append(a.minus(b).byClass()).append(fresh.referrers().byClass());
    }
  }

  /** Dumps next to {@code file}, then compresses into it: the JVM's own dump call cannot compress. */
  private static void dumpCompressed(HotSpotDiagnosticMXBean bean, Path file) throws IOException {
    Path plain = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.gz$", ""));
    bean.dumpHeap(plain.toString(), true);
    PrivateFiles.newFile(file);
    try (var in = Files.newInputStream(plain);
        var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      in.transferTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    } finally {
      Files.deleteIfExists(plain);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }

  private static SnapshotInfo info(HotSpotDiagnosticMXBean bean, long pid, Instant time) {
    List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).toList();
    String jvm = System.getProperty("java.vm.name", "") + " " + System.getProperty("java.runtime.version", "");
    return new SnapshotInfo(time, OptionalInt.of((int) pid), jvm.trim(), collectors,
        option(bean, "UseCompressedOops").map(Boolean::parseBoolean),
        option(bean, "ObjectAlignmentInBytes").map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty()));
  }

  /** The object layout of this JVM, so that a snapshot's sizes need no inference. */
  private static ObjectLayout layout(HotSpotDiagnosticMXBean bean) {
    boolean compactHeaders = option(bean, "UseCompactObjectHeaders").map(Boolean::parseBoolean).orElse(false);
    boolean compressedClasses = option(bean, "UseCompressedClassPointers").map(Boolean::parseBoolean).orElse(true);
    boolean compressedOops = option(bean, "UseCompressedOops").map(Boolean::parseBoolean).orElse(true);
    int alignment = option(bean, "ObjectAlignmentInBytes").map(Integer::parseInt).orElse(8);
    int header = compactHeaders ? 8 : compressedClasses ? 12 : 16;
    boolean alignedArrays = Runtime.version().feature() < 22;
    return new ObjectLayout(header, compressedOops ? 4 : 8, alignment, alignedArrays, "given");
  }

  private static Optional<String> option(HotSpotDiagnosticMXBean bean, String name) {
    try {
      VMOption option = bean.getVMOption(name);
      return Optional.of(option.getValue());
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not an option of this JVM
    }
  }
}
