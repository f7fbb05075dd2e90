package dev.heapdiff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directories heapdiff creates are its owner's only; what exists already is left alone. */
class PrivateFilesTest {
  @TempDir Path dir;

  private void assumePosix() {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
  }

  @Test
  void aNewFileIsItsOwnersOnlyAndStaysSoWhenWritten() throws Exception {
    assumePosix();

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
    assumePosix();

    Path made = PrivateFiles.temporaryDirectory("heapdiff-test-");
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
    } finally {
      Files.delete(made);
    }
  }

  @Test
  void missingDirectoriesAreCreatedOwnerOnlyAndExistingOnesLeftAsTheyAre() throws Exception {
    assumePosix();
    Set<PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
    Files.setPosixFilePermissions(dir, open);
    Path deep = dir.resolve("snapshots").resolve("today");

    PrivateFiles.createDirectories(deep);
    PrivateFiles.createDirectories(deep); // again: nothing to do

    assertThat(Files.isDirectory(deep)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(deep))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(deep.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(open);
  }

  @Test
  void aFileInTheWayIsNotTakenForADirectory() throws Exception {
    Path file = Files.createFile(dir.resolve("taken"));
    assertThatThrownBy(() -> PrivateFiles.createDirectories(file.resolve("below")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> PrivateFiles.createDirectories(file)).isInstanceOf(FileAlreadyExistsException.class);
  }
}
