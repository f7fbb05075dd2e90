package dev.heapdiff;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectLayout;
import dev.heapdiff.internal.Analysis;
import dev.heapdiff.hprof.internal.DeleteAtExit;
import dev.heapdiff.internal.match.Matching;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A heap dump: the set of all live objects of one JVM at one moment. Taking a snapshot
 * ({@link Heap#snapshot()}) writes a dump file and records only its path and metadata; the file is
 * read the first time the snapshot is analysed (any {@link ObjectSet} method), so taking one costs
 * the user's heap nothing.
 *
 * <p>Objects of heapdiff itself, and what only they reach, are not part of a snapshot; nor is what
 * only the frames of the call that wrote the dump hold (the JDK's {@code dumpHeap} and {@code
 * Heap.snapshot}: the file's name, the time), so two snapshots with nothing in between differ by
 * nothing.
 *
 * <p>Close a snapshot to release the graph and delete its file (unless it was loaded from a file
 * the user gave, or taken with {@link SnapshotOptions#keep(boolean) keep}).
 */
public final class Snapshot extends ObjectSet implements AutoCloseable {
  private final Path file;
  private final SnapshotInfo info;
  private final ObjectLayout layout;
  private final boolean deleteOnClose;
  private final Path privateDirectory;
  private volatile Analysis analysis;
  private volatile boolean closed;
  /** Matchings with other snapshots, made on first use; guarded by {@link #MATCHINGS}. */
  private final Map<Snapshot, Matching> matchings = new IdentityHashMap<>();
  private static final Object MATCHINGS = new Object();

  Snapshot(Path file, SnapshotInfo info, ObjectLayout layout, boolean deleteOnClose, Path privateDirectory) {
    super(null, null);
    this.file = file;
    this.info = info;
    this.layout = layout;
    this.deleteOnClose = deleteOnClose;
    this.privateDirectory = privateDirectory;
  }

  @Override
  Snapshot owner() {
    return this;
  }

  /**
   * Returns the dump file.
   *
   * @return the file {@link Heap#snapshot()} wrote or {@link Heap#load(Path)} was given; it may no
   *     longer exist after {@link #close()}
   */
  public Path file() {
    return file;
  }

  /**
   * Returns what is known about the snapshot without reading it.
   *
   * @return for a snapshot of this JVM, its time, pid, JVM, collectors, compressed oops and alignment;
   *     for a loaded file, only the file's last-modified time
   */
  public SnapshotInfo info() {
    return info;
  }

  /**
   * Returns whether the dump has been read already.
   *
   * @return true from the first analysis until {@link #close()}, which releases the graph
   */
  public boolean isAnalysed() {
    return analysis != null;
  }

  /**
   * Returns the object graph of the dump, reading it on first use.
   *
   * @return the graph, one per snapshot, shared by its sets and objects; closing the snapshot closes it
   * @throws UncheckedIOException if the dump cannot be read (the cause is an
   *     {@link dev.heapdiff.hprof.HprofFormatException} for a malformed file)
   * @throws IllegalStateException if the snapshot is closed
   */
  public HeapGraph graph() {
    return analysis().graph();
  }

  Analysis analysis() {
    Analysis a = analysis;
    if (a == null) {
      synchronized (this) {
        a = analysis;
        if (a == null) {
          if (closed) {
            throw new IllegalStateException("snapshot " + file.getFileName() + " is closed");
          }
          try {
            a = analyse(HeapGraph.open(file, layout));
          } catch (IOException e) {
            // The reader's messages name the file already.
            String message = e.getMessage() != null && e.getMessage().contains(file.toString()) ? e.getMessage()
                : file + ": " + e.getMessage();
            throw new UncheckedIOException("cannot read heap dump " + message, e);
          }
          analysis = a;
        }
      }
    }
    return a;
  }

  /** The first analysis of a graph just opened, which is closed if the analysis fails (its heap ran out). */
  private static Analysis analyse(HeapGraph graph) throws IOException {
    try {
      return Analysis.of(graph);
    } catch (RuntimeException | Error e) {
      try {
        graph.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Returns the objects of this snapshot that did not exist in {@code earlier}: {@code
   * after.minus(before)} is what the code between the two snapshots created and kept, and {@code
   * before.minus(after)} what it let go (as objects of {@code before}). Dumps name objects only by
   * address, and collectors move objects and reuse addresses, so which object is which is inferred
   * from both dumps (classes, class loaders, threads, static fields, contents and the references
   * around each object) and computed once per pair of snapshots. An object replaced by a new one of
   * its class in the same place (a map's value replaced by {@code put}, nodes a {@code
   * ConcurrentHashMap} copied when it grew, a row a database rewrote with one value changed) looks
   * like the old object changed in place and is usually matched with it: it does not count as new,
   * nor the old one as gone (the dumps alone cannot tell the two apart; see the README).
   *
   * @param earlier the snapshot to compare with: the earlier one for what is new, the later one for what
   *     is gone; this snapshot itself gives the empty set
   * @return a new set of this snapshot's objects
   * @throws dev.heapdiff.hprof.NotEnoughMemoryException if this JVM's heap cannot hold the matching of
   *     the two dumps
   */
  public ObjectSet minus(Snapshot earlier) {
    return minus((ObjectSet) earlier);
  }

  /** Returns the matching of this snapshot's objects with those of {@code other}, made once per pair. */
  Matching matchingWith(Snapshot other) {
    synchronized (MATCHINGS) {
      Matching m = matchings.get(other);
      if (m == null) {
        boolean thisLater = !graph().timestamp().isBefore(other.graph().timestamp());
        Snapshot later = thisLater ? this : other;
        Snapshot earlier = thisLater ? other : this;
        m = Matching.of(later.graph(), later.analysis().live(), earlier.graph(), earlier.analysis().live());
        matchings.put(other, m);
        other.matchings.put(this, m);
      }
      return m;
    }
  }

  /** Releases the graph and deletes the dump file if the snapshot owns it. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (MATCHINGS) {
      for (Snapshot other : matchings.keySet()) {
        other.matchings.remove(this);
      }
      matchings.clear();
    }
    Analysis a = analysis;
    analysis = null;
    if (a != null) {
      a.graph().close();
    }
    if (deleteOnClose) {
      Files.deleteIfExists(file);
      DeleteAtExit.forget(file);
      if (privateDirectory != null) {
        try (var rest = Files.list(privateDirectory)) {
          if (rest.findAny().isEmpty()) {
            Files.deleteIfExists(privateDirectory);
            DeleteAtExit.forget(privateDirectory);
          }
        }
      }
    }
  }

  /** Snapshots are equal only to themselves. */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  /**
   * Returns whether {@link #close()} was called: the snapshot and its sets can no longer be read.
   *
   * @return true from the start of the first {@code close()}, even if deleting the file then failed
   */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Snapshot ").append(file.getFileName()).append(" (").append(info).append(')');
    if (closed) {
      return out.append(", closed").toString();
    }
    Analysis a = analysis;
    if (a == null) {
      return out.append(", not read yet: .byClass() reads it").toString();
    }
    return out.append('\n').append(byClass()).toString();
  }
}
