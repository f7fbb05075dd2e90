package dev.heapdiff.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The command's standard output: a {@link PrintWriter} that also keeps the first {@link IOException}
 * its stream threw. A {@code PrintWriter} (and {@code System.out}, a {@code PrintStream}) only keeps
 * a flag, so without this a full disk or a closed pipe could be noticed but not named.
 * {@link OutputCheck} asks after every command.
 */
final class StandardOutput extends PrintWriter {
  private final Recorder recorder;

  /** Writes {@code stream} in {@code charset}, flushing on every line break as picocli's default output does. */
  StandardOutput(OutputStream stream, Charset charset) {
    this(new Recorder(new OutputStreamWriter(stream, charset)));
  }

  private StandardOutput(Recorder recorder) {
    super(new BufferedWriter(recorder), true);
    this.recorder = recorder;
  }

  /**
   * Returns the process's standard output, written directly to its file descriptor rather than
   * through {@code System.out}, whose errors are lost, in the charset {@code System.out} uses.
   */
  static StandardOutput open() {
    return new StandardOutput(new FileOutputStream(FileDescriptor.out), charset());
  }

  /** Returns the first error writing or flushing met, if any. */
  Optional<IOException> failure() {
    return Optional.ofNullable(recorder.failure);
  }

  /** {@code System.out}'s charset: {@code stdout.encoding} from JDK 19 on, {@code sun.stdout.encoding} before. */
  private static Charset charset() {
    for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
      String name = System.getProperty(property);
      if (name != null) {
        try {
          return Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
          // the JVM fell back to the default charset too
        }
      }
    }
    return Charset.defaultCharset();
  }

  @Override
  public String toString() {
    return "standard output" + failure().map(e -> " (failed: " + e.getMessage() + ")").orElse("");
  }

  /** Passes everything on and remembers the first exception; the exception still goes up to PrintWriter. */
  private static final class Recorder extends Writer {
    private final Writer out;
    private volatile IOException failure;

    Recorder(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      try {
        out.write(chars, offset, length);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        throw remember(e);
      }
    }

    private IOException remember(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }
  }
}
