package dev.heapdiff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories heapdiff creates for dumps are its owner's only; those that exist are left alone. */
class PrivateFilesTest {
  @TempDir Path dir;

  @Test
  void missingDirectoriesAreCreatedOwnerOnlyAndExistingOnesLeftAsTheyAre() throws Exception {
    Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions");
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
        .isInstanceOf(java.nio.file.FileSystemException.class);
    assertThatThrownBy(() -> PrivateFiles.createDirectories(file)).isInstanceOf(FileAlreadyExistsException.class);
  }
}
