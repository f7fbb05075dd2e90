package dev.heapdiff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir Path dir;

  @Test
  void aNewFileIsItsOwnersOnlyAndStaysSoWhenWritten() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");

    Path file = PrivateFiles.newFile(dir.resolve("notes.txt"));
    Files.writeString(file, "a secret");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(file).hasContent("a secret");
  }

  @Test
  void anExistingFileIsNotTakenOver() throws Exception {
    Path file = Files.writeString(dir.resolve("theirs.txt"), "theirs");

    assertThatThrownBy(() -> PrivateFiles.newFile(file)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(file).hasContent("theirs");
  }

  @Test
  void aTemporaryDirectoryIsItsOwnersOnly() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");

    Path made = PrivateFiles.temporaryDirectory("heapdiff-test-");
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
    } finally {
      Files.delete(made);
    }
  }
}
