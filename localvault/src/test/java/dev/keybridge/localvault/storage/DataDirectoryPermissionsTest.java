package dev.keybridge.localvault.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.LocalVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder is 0700 and every file in it 0600, at creation and again at every start. */
class DataDirectoryPermissionsTest {
  @TempDir Path tmp;

  @Test
  void theDataFolderAndItsFilesArePrivateAtCreationAndEveryStart() throws Exception {
    Path dir = tmp.resolve("vault");
    try (LocalVault vault = LocalVault.builder().dataDir(dir).build().start()) {
      vault.url();
      assertPrivate(dir);
      assertThat(files(dir))
          .extracting(p -> p.getFileName().toString())
          .contains("vault.db", "master.key", "access.log", "keybridge.properties", "ca.pem");
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dir.resolve("access.log"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        dir.resolve("vault.db"), PosixFilePermissions.fromString("rw-rw-rw-"));
    try (LocalVault vault = LocalVault.builder().dataDir(dir).build().start()) {
      vault.url();
      assertPrivate(dir);
    }
  }

  private static void assertPrivate(Path dir) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (Path f : files(dir)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .as(f.getFileName().toString())
          .isEqualTo("rw-------");
    }
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
