package dev.keybridge.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit test of the backup file checks and the atomic write. */
class BackupFilesTest {
  private static final byte[] AZURE =
      "&AzureKeyVaultKeyBackupV1.microsoft.com\u0001\u00ffblob"
          .getBytes(StandardCharsets.ISO_8859_1);

  @TempDir Path dir;

  private static byte[] binaryBlob() {
    byte[] blob = new byte[64];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) (i * 37 + 1);
    }
    return blob;
  }

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
  void refusesToReplaceWithoutOverwriteAndReportsUnwritableFolders() throws Exception {
    Path target = dir.resolve("k.keybackup");
    BackupFiles.write(target, binaryBlob(), false);
    assertThatThrownBy(() -> BackupFiles.write(target, new byte[] {9}, false))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("already exists");
    assertThat(target).hasBinaryContent(binaryBlob());
    BackupFiles.write(target, AZURE, true);
    assertThat(target).hasBinaryContent(AZURE);

    Path blocked = Files.writeString(dir.resolve("file-not-folder"), "x");
    assertThatThrownBy(() -> BackupFiles.write(blocked.resolve("k.keybackup"), AZURE, false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("k.keybackup", "file-not-folder");
    }
  }

  @Test
  void acceptsRawBlobsTheirBase64AndTheVaultJson() throws Exception {
    byte[] blob = binaryBlob();
    assertThat(BackupFiles.read(Files.write(dir.resolve("a.bin"), blob))).isEqualTo(blob);
    assertThat(BackupFiles.read(Files.write(dir.resolve("b.bin"), AZURE))).isEqualTo(AZURE);
    String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
    assertThat(BackupFiles.read(Files.writeString(dir.resolve("c.txt"), b64url + "\n")))
        .isEqualTo(blob);
    assertThat(
            BackupFiles.read(
                Files.writeString(dir.resolve("d.json"), "{\"value\":\"" + b64url + "\"}")))
        .isEqualTo(blob);
  }

  @Test
  void refusesTextThatIsNotABackupAndEmptyOrMissingFiles() throws Exception {
    for (String text :
        new String[] {
          "hello",
          "helloabc",
          "{\"value\":\"aGVsbG8\"}",
          "{\"other\":1}",
          "-----BEGIN PUBLIC KEY-----\nAAAA\n",
          "remember to rotate the keys\n"
        }) {
      Path file = Files.writeString(dir.resolve("x" + text.length() + ".txt"), text);
      assertThatThrownBy(() -> BackupFiles.read(file))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("is not a Key Vault key backup")
          .hasMessageContaining("nothing was sent");
    }
    Path empty = Files.createFile(dir.resolve("empty.backup"));
    assertThatThrownBy(() -> BackupFiles.read(empty)).hasMessageContaining("is empty");
    assertThatThrownBy(() -> BackupFiles.read(dir.resolve("none"))).hasMessageContaining("none");
  }
}
