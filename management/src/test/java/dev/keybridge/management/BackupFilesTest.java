package dev.keybridge.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFilesTest {
  @TempDir Path dir;

  @Test
  void writesAtomicallyReplacingAndLeavingNoTemporaryFile() throws Exception {
    Path file = dir.resolve("sub/k1.backup");
    BackupFiles.write(file, new byte[] {1, 2, 3});
    BackupFiles.write(file, new byte[] {4, 5});
    assertThat(Files.readAllBytes(file)).containsExactly(4, 5);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
    assertThat(BackupFiles.read(file)).containsExactly(4, 5);
  }

  @Test
  void emptyOrMissingFilesAreRefused() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.backup"));
    assertThatThrownBy(() -> BackupFiles.read(empty)).hasMessageContaining("is empty");
    assertThatThrownBy(() -> BackupFiles.read(dir.resolve("none"))).hasMessageContaining("none");
  }
}
