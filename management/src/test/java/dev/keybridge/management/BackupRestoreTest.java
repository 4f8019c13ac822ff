package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyProperties;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue #3 acceptance 5: a three-version key survives backup, delete, purge and restore. */
class BackupRestoreTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir Path dir;

  private static KeyVaultManager manager;
  private static KeyVaultAsyncManager async;

  @BeforeAll
  static void managers() {
    manager = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
    async = new KeyVaultAsyncManager(VaultFixtures.adminConfig(VAULT.vault()));
  }

  @Test
  void threeVersionsRestoreAndSignAgain() throws Exception {
    String name = name("three");
    List<KeyBundle> versions = new ArrayList<>();
    versions.add(manager.createRsaKey(name, 2048, KeyOptions.defaults()));
    versions.add(manager.rotateKey(name));
    versions.add(manager.createRsaKey(name, 2048, KeyOptions.defaults()));

    Path file = manager.backupKey(name, dir.resolve("keys/" + name + ".backup"));
    assertThat(Files.size(file)).isPositive();
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
    manager.deleteKey(name);
    manager.purgeDeletedKey(name);
    assertThat(manager.listKeyNames()).doesNotContain(name);

    KeyBundle restored = manager.restoreKeyBackup(file);
    assertThat(restored.name()).isEqualTo(name);
    assertThat(restored.version()).isEqualTo(versions.get(2).version());
    assertThat(
            manager
                .listKeyVersions(name)
                .map(KeyProperties::getVersion)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(versions.stream().map(KeyBundle::version).toList());

    byte[] message = "signed after restore".getBytes();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
    for (KeyBundle version : versions) {
      byte[] signature = manager.clients().crypto().sign(version.id(), "RS256", digest);
      Signature jdk = Signature.getInstance("SHA256withRSA");
      jdk.initVerify(version.publicKey().orElseThrow());
      jdk.update(message);
      assertThat(jdk.verify(signature)).as(version.version()).isTrue();
    }
  }

  @Test
  void asyncBackupToBytesAndFileRestores() throws Exception {
    String name = name("async-backup");
    KeyBundle key =
        async
            .createEcKey(
                name,
                com.azure.security.keyvault.keys.models.KeyCurveName.P_384,
                KeyOptions.defaults())
            .get();
    byte[] bytes = async.backupKey(name).get();
    Path file = async.backupKey(name, dir.resolve("a.backup")).get();
    assertThat(Files.readAllBytes(file)).isNotEmpty();
    async.deleteKey(name).get();
    async.purgeDeletedKey(name).get();
    KeyBundle restored = async.restoreKeyBackup(bytes).get();
    assertThat(restored.publicKey()).isEqualTo(key.publicKey());

    async.deleteKey(name).get();
    async.purgeDeletedKey(name).get();
    assertThat(async.restoreKeyBackup(file).get().version()).isEqualTo(key.version());
  }
}
