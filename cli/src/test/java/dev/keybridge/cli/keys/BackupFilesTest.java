package dev.keybridge.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit test of the backup file format checks and the atomic write. */
class BackupFilesTest {
  @TempDir Path dir;

  private static final byte[] AZURE =
      (BackupFiles.AZURE_KEY_BACKUP_MAGIC + "eyJrIjoxfQ").getBytes(StandardCharsets.US_ASCII);

  private static byte[] localVaultBlob() {
    byte[] blob = new byte[64];
    blob[0] = 1;
    for (int i = 1; i < blob.length; i++) {
      blob[i] = (byte) (i * 37);
    }
    return blob;
  }

  @Test
  void acceptsRawBlobsTheirBase64AndTheVaultJson() throws Exception {
    byte[] local = localVaultBlob();
    assertThat(BackupFiles.read(Files.write(dir.resolve("a.bin"), local))).isEqualTo(local);
    assertThat(BackupFiles.read(Files.write(dir.resolve("b.bin"), AZURE))).isEqualTo(AZURE);
    String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(local);
    assertThat(BackupFiles.read(Files.writeString(dir.resolve("c.txt"), b64url + "\n")))
        .isEqualTo(local);
    assertThat(
            BackupFiles.read(
                Files.writeString(dir.resolve("d.json"), "{\"value\":\"" + b64url + "\"}")))
        .isEqualTo(local);
  }

  @Test
  void refusesWhatIsNotABackup() throws Exception {
    byte[] shortBlob = new byte[] {1, (byte) 0x80, 3};
    for (byte[] content :
        new byte[][] {
          "hello".getBytes(StandardCharsets.US_ASCII),
          "{\"value\":\"aGVsbG8\"}".getBytes(StandardCharsets.US_ASCII),
          shortBlob,
          new byte[0]
        }) {
      Path file = Files.write(dir.resolve("x" + content.length + ".bin"), content);
      assertThatThrownBy(() -> BackupFiles.read(file))
          .isInstanceOfSatisfying(
              CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FILE))
          .hasMessageContaining("not a Key Vault key backup");
    }
  }

  @Test
  void writesAtomicallyAndNeverLeavesTempFiles() throws Exception {
    Path target = dir.resolve("k.keybackup");
    BackupFiles.write(target, localVaultBlob(), false);
    assertThat(target).hasBinaryContent(localVaultBlob());
    assertThatThrownBy(() -> BackupFiles.write(target, new byte[] {9}, false))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("already exists");
    assertThat(target).hasBinaryContent(localVaultBlob());
    BackupFiles.write(target, AZURE, true);
    assertThat(target).hasBinaryContent(AZURE);

    Path blocked = dir.resolve("file-not-folder");
    Files.writeString(blocked, "x");
    assertThatThrownBy(() -> BackupFiles.write(blocked.resolve("k.keybackup"), AZURE, false))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FILE));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("k.keybackup", "file-not-folder");
    }
  }
}
