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
  /** The byte offset in the (uncompressed) dump where the problem was found. */
  private final long offset;
  /** What was expected and what was found, without the file and offset. */
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

  /**
   * Returns the dump file that could not be read.
   *
   * @return the file the message names (for a gzip dump read by {@link HeapGraph#open(Path)}, the
   *     compressed file); null after deserialization, as the path is not serialized
   */
  public Path file() {
    return file;
  }

  /**
   * Returns what was expected and what was found, without the file and offset.
   *
   * @return the end of the message, such as {@code not an HPROF file: expected the header "JAVA PROFILE
   *     1.0.2"}
   */
  public String problem() {
    return problem;
  }

  /**
   * Returns the byte offset (in the uncompressed dump) at which reading failed.
   *
   * @return the offset from the start of the dump, 0 for a bad header; for a gzip dump an offset in its
   *     decompressed contents, as the problem then says
   */
  public long offset() {
    return offset;
  }
}
