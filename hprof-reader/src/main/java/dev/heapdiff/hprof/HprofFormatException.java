package dev.heapdiff.hprof;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a file is not a readable HotSpot heap dump: not HPROF at all, an unsupported version,
 * truncated, or inconsistent. The message names the file, the byte offset where reading failed and
 * what was expected there.
 */
public final class HprofFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final String problem;

  /**
   * Creates an exception for {@code file} at byte {@code offset}.
   *
   * @param file the dump file
   * @param offset the byte offset in the (uncompressed) dump where the problem was found
   * @param problem what was expected and what was found
   */
  public HprofFormatException(Path file, long offset, String problem) {
    super(file + ": at byte offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  /** Returns the dump file that could not be read. */
  public Path file() {
    return file;
  }

  /** Returns what was expected and what was found, without the file and offset. */
  public String problem() {
    return problem;
  }

  /** Returns the byte offset (in the uncompressed dump) at which reading failed. */
  public long offset() {
    return offset;
  }
}
