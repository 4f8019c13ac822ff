package dev.keybridge.localvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LocalVault builder, data directory layout and keybridge.properties contract. */
class LocalVaultTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void writesTheDataDirectoryAndThePropertiesFileInTheDesignFormat() throws Exception {
    try (LocalVault vault = LocalVault.builder().dataDir(dir).build().start()) {
      assertThat(vault.url().toString()).matches("https://localhost:\\d+");
      List<String> lines = Files.readAllLines(vault.propertiesFile());
      assertThat(lines)
          .containsExactly(
              "keybridge.vault.url=" + vault.url(),
              "keybridge.trust.ca-file=" + dir.toAbsolutePath().resolve("ca.pem"),
              "keybridge.auth.method=client-secret",
              "keybridge.auth.tenant-id=" + vault.tenantId(),
              "keybridge.auth.client-id=" + vault.adminClientId(),
              "keybridge.auth.client-secret=" + vault.adminClientSecret(),
              "keybridge.auth.authority-host=" + vault.url());
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.propertiesFile())))
          .isEqualTo("rw-------");
      assertThat(dir.resolve("master.key")).exists();
      assertThat(dir.resolve("vault.db")).exists();
      assertThat(Files.readString(vault.caCertificateFile()))
          .startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(vault.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void refusesASecondVaultOnTheSameDirectoryAndAMissingDirectory() {
    try (LocalVault vault = LocalVault.builder().dataDir(dir).build().start()) {
      assertThatThrownBy(() -> LocalVault.builder().dataDir(dir).build().start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("used by another running vault");
      assertThat(vault.isRunning()).isTrue();
    }
    assertThatThrownBy(() -> LocalVault.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataDir");
    assertThatThrownBy(() -> LocalVault.builder().client("bad id", "s", Role.READER))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
