package dev.keybridge.localvault.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
  @TempDir Path dir;

  @Test
  void createsAnOwnerOnlyKeyFileAndReusesIt() throws Exception {
    Path file = dir.resolve("master.key");
    MasterKey first = MasterKey.loadOrCreate(file);
    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    byte[] sealed = first.seal("material".getBytes(StandardCharsets.UTF_8), "key:a/1");
    assertThat(
            new String(
                MasterKey.loadOrCreate(file).open(sealed, "key:a/1"), StandardCharsets.UTF_8))
        .isEqualTo("material");
  }

  @Test
  void refusesModifiedValuesOtherContextsAndOtherKeys() {
    MasterKey key = MasterKey.loadOrCreate(dir.resolve("a.key"));
    byte[] sealed = key.seal(new byte[] {1, 2, 3}, "ctx");
    byte[] modified = sealed.clone();
    modified[modified.length - 1] ^= 1;
    assertThatThrownBy(() -> key.open(modified, "ctx"))
        .isInstanceOf(MasterKey.SealedDataException.class);
    assertThatThrownBy(() -> key.open(sealed, "other"))
        .isInstanceOf(MasterKey.SealedDataException.class);
    assertThatThrownBy(() -> MasterKey.loadOrCreate(dir.resolve("b.key")).open(sealed, "ctx"))
        .isInstanceOf(MasterKey.SealedDataException.class);
    assertThatThrownBy(() -> key.open(new byte[5], "ctx"))
        .isInstanceOf(MasterKey.SealedDataException.class);
  }
}
