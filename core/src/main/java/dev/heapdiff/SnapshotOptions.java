package dev.heapdiff;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Heap#snapshot(SnapshotOptions)} writes its dump.
 *
 * @param directory where the dump file goes; empty for the default: the system property
 *     {@code heapdiff.dir} if set, else a private (owner-only) temporary directory
 * @param gzip whether to compress the dump (smaller file, slower to take and to open)
 * @param keep whether to keep the file after {@link Snapshot#close()} and at exit
 */
public record SnapshotOptions(Optional<Path> directory, boolean gzip, boolean keep) {
  public SnapshotOptions {
    Objects.requireNonNull(directory, "directory");
  }

  /** The defaults: the default directory, no compression, the file deleted on close. */
  public static SnapshotOptions defaults() {
    return new SnapshotOptions(Optional.empty(), false, false);
  }

  /** Returns these options with dumps written into {@code dir}. */
  public SnapshotOptions directory(Path dir) {
    return new SnapshotOptions(Optional.of(Objects.requireNonNull(dir, "dir")), gzip, keep);
  }

  /** Returns these options with compression on or off. */
  public SnapshotOptions gzip(boolean on) {
    return new SnapshotOptions(directory, on, keep);
  }

  /** Returns these options with the file kept (or deleted) after close. */
  public SnapshotOptions keep(boolean on) {
    return new SnapshotOptions(directory, gzip, on);
  }
}
