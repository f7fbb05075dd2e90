package dev.heapdiff.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files heapdiff writes are its owner's only: heap dumps and what names them hold secrets. */
public final class PrivateFiles {
  private PrivateFiles() {}

  /**
   * Creates {@code dir} and its missing parents, each new one owner-only ({@code rwx------}) where
   * the file system has POSIX permissions; directories that exist are left as they are.
   */
  public static void createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      try {
        Files.createDirectory(absolute,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createDirectory(absolute);
      }
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(absolute)) {
        throw raced;
      }
    }
  }

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

  /**
   * Creates {@code file}, empty, that only its owner can read and write ({@code rw-------}) where the
   * file system has POSIX permissions: written afterwards, or given to a child process as its output,
   * it keeps them, where a file created by the writing would get the umask's (often {@code rw-r--r--}).
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   */
  public static Path newFile(Path file) throws IOException {
    try {
      return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createFile(file);
    }
  }
}
