package dev.heapdiff;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectLayout;
import dev.heapdiff.internal.Analysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A heap dump: the set of all live objects of one JVM at one moment. Taking a snapshot
 * ({@link Heap#snapshot()}) writes a dump file and records only its path and metadata; the file is
 * read the first time the snapshot is analysed (any {@link ObjectSet} method), so taking one costs
 * the user's heap nothing.
 *
 * <p>Objects of heapdiff itself, and what only they reach, are not part of a snapshot.
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

  /** Returns the dump file. */
  public Path file() {
    return file;
  }

  /** Returns what is known about the snapshot without reading it. */
  public SnapshotInfo info() {
    return info;
  }

  /** Returns whether the dump has been read already. */
  public boolean isAnalysed() {
    return analysis != null;
  }

  /**
   * Returns the object graph of the dump, reading it on first use.
   *
   * @throws UncheckedIOException if the dump cannot be read (the cause is an
   *     {@link dev.heapdiff.hprof.HprofFormatException} for a malformed file)
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
            a = Analysis.of(HeapGraph.open(file, layout));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read heap dump " + file + ": " + e.getMessage(), e);
          }
          analysis = a;
        }
      }
    }
    return a;
  }

  /** Releases the graph and deletes the dump file if the snapshot owns it. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    Analysis a = analysis;
    analysis = null;
    if (a != null) {
      a.graph().close();
    }
    if (deleteOnClose) {
      Files.deleteIfExists(file);
      if (privateDirectory != null) {
        try (var rest = Files.list(privateDirectory)) {
          if (rest.findAny().isEmpty()) {
            Files.deleteIfExists(privateDirectory);
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

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Snapshot ").append(file.getFileName()).append(" (").append(info).append(')');
    Analysis a = analysis;
    if (a == null) {
      return out.append(", not read yet: .byClass() reads it").toString();
    }
    return out.append('\n').append(byClass()).toString();
  }
}
