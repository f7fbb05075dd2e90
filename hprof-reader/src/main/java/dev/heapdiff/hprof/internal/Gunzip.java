package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.HprofFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens gzip-compressed dumps by decompressing them into an owner-only temporary file. */
public final class Gunzip {
  private Gunzip() {}

  /** Returns whether {@code file} starts with the gzip magic bytes. */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1F && in.read() == 0x8B;
    }
  }

  /**
   * Decompresses {@code file} into a new temporary file, which the caller must delete with {@link
   * #delete}; until then it is deleted when the JVM exits (also when the user stops it half way).
   */
  public static Path decompress(Path file) throws IOException {
    Path target = createPrivateTempFile();
    DeleteAtExit.register(target);
    long written = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while (true) {
        try {
          n = in.read(buffer);
        } catch (EOFException | ZipException e) {
          throw corrupt(file, written, e);
        }
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        written += n;
      }
    } catch (IOException e) {
      delete(target);
      if (e instanceof HprofFormatException) {
        throw e;
      }
      if (e instanceof EOFException || e instanceof ZipException) {
        throw corrupt(file, written, e); // from the gzip header, which the stream reads when it is made
      }
      // A full disk, most likely: say how far it got.
      throw new IOException(file + ": cannot decompress into " + target + " after " + written
          + " uncompressed bytes: " + e.getMessage(), e);
    }
    return target;
  }

  /** Deletes a copy {@link #decompress} made, and lets go of it at exit. */
  public static void delete(Path copy) throws IOException {
    Files.deleteIfExists(copy);
    DeleteAtExit.forget(copy);
  }

  private static HprofFormatException corrupt(Path file, long written, IOException e) {
    return new HprofFormatException(file, written,
        "the gzip stream is truncated or corrupt after " + written + " uncompressed bytes: " + e.getMessage());
  }

  private static Path createPrivateTempFile() throws IOException {
    try {
      return Files.createTempFile("heapdiff-", ".hprof",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Path file = Files.createTempFile("heapdiff-", ".hprof");
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
      file.toFile().setWritable(false, false);
      file.toFile().setWritable(true, true);
      return file;
    }
  }
}
