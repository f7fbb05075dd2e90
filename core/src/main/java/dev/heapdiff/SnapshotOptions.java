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
  /**
   * Creates options; {@link #defaults()} and the methods that change one option are shorter.
   *
   * @param directory where the dump file goes, or empty for the default; not null
   * @param gzip whether to compress the dump
   * @param keep whether to keep the file after {@link Snapshot#close()} and at exit
   * @throws NullPointerException if {@code directory} is null rather than empty
   */
  public SnapshotOptions {
    Objects.requireNonNull(directory, "directory");
  }

  /**
   * The defaults: the default directory, no compression, the file deleted on close.
   *
   * @return options with no directory, {@code gzip} false and {@code keep} false
   */
  public static SnapshotOptions defaults() {
    return new SnapshotOptions(Optional.empty(), false, false);
  }

  /**
   * Returns these options with dumps written into {@code dir}.
   *
   * @param dir the directory; if missing, it and any missing parents are created owner-only at the
   *     next snapshot
   * @return new options; these are unchanged
   */
  public SnapshotOptions directory(Path dir) {
    return new SnapshotOptions(Optional.of(Objects.requireNonNull(dir, "dir")), gzip, keep);
  }

  /**
   * Returns these options with compression on or off.
   *
   * @param on true to write a {@code .hprof.gz} file, false for a plain {@code .hprof}
   * @return new options; these are unchanged
   */
  public SnapshotOptions gzip(boolean on) {
    return new SnapshotOptions(directory, on, keep);
  }

  /**
   * Returns these options with the file kept (or deleted) after close.
   *
   * @param on true to keep the file after {@link Snapshot#close()} and at exit, false to delete it
   * @return new options; these are unchanged
   */
  public SnapshotOptions keep(boolean on) {
    return new SnapshotOptions(directory, gzip, on);
  }
}
