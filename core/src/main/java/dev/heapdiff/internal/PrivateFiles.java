package dev.heapdiff.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files heapdiff writes are its owner's only: heap dumps and what names them hold secrets. */
public final class PrivateFiles {
  private PrivateFiles() {}

  /**
   * Creates a new temporary directory that only its owner can read, write and enter ({@code
   * rwx------}); where the file system has no POSIX permissions, the platform's per-user temporary
   * directory holds it.
   */
  public static Path temporaryDirectory(String prefix) throws IOException {
    try {
      return Files.createTempDirectory(prefix,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempDirectory(prefix);
    }
  }
}
