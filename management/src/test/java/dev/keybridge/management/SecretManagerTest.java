package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.secrets.SecretInfo;
import dev.keybridge.management.secrets.SecretOptions;
import dev.keybridge.management.secrets.VaultSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.adapter.JdkFlowAdapter;

/** The secrets facade, sync and async, for its results and its errors, against the local vault. */
class SecretManagerTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static SecretManager secrets;
  private static SecretAsyncManager async;

  @BeforeAll
  static void managers() {
    KeyVaultManager manager = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
    secrets = manager.secrets();
    async = new KeyVaultAsyncManager(manager.clients()).secrets();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(60, TimeUnit.SECONDS);
  }

  private static <T> List<T> collect(Flow.Publisher<T> publisher) {
    return JdkFlowAdapter.flowPublisherToFlux(publisher).collectList().block();
  }

  @Test
  void setGetListAndUpdate() {
    String name = name("app-config");
    Instant exp = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    VaultSecret v1 =
        secrets.setSecret(
            name,
            "first-value",
            SecretOptions.builder()
                .contentType("text/plain")
                .tags(Map.of("team", "payments"))
                .expiresOn(exp)
                .build());
    VaultSecret v2 = secrets.setSecret(name, "second-value", SecretOptions.NONE);

    assertThat(v1.value()).isEqualTo("first-value");
    assertThat(v1.toString()).doesNotContain("first-value").contains(name);
    assertThat(v1.info().contentType()).isEqualTo("text/plain");
    assertThat(v1.info().tags()).containsExactlyEntriesOf(Map.of("team", "payments"));
    assertThat(v1.info().expiresOn()).isEqualTo(exp);
    assertThat(v1.info().recoveryLevel()).isEqualTo("Recoverable+Purgeable");
    assertThat(v1.info().recoverableDays()).isEqualTo(90);
    assertThat(secrets.getSecret(name).value()).isEqualTo("second-value");
    assertThat(secrets.getSecret(name, v1.version()).value()).isEqualTo("first-value");
    assertThat(secrets.listSecrets().map(SecretInfo::name)).contains(name);
    assertThat(secrets.listSecretVersions(name).map(SecretInfo::version))
        .containsExactlyInAnyOrder(v1.version(), v2.version());

    SecretInfo latest =
        secrets.updateSecretProperties(
            name, null, SecretOptions.builder().contentType("application/json").build());
    assertThat(latest.version()).isEqualTo(v2.version());
    assertThat(latest.contentType()).isEqualTo("application/json");
    SecretInfo old =
        secrets.updateSecretProperties(
            name, v1.version(), SecretOptions.builder().enabled(false).build());
    assertThat(old.enabled()).isFalse();
    assertThat(old.contentType()).isEqualTo("text/plain");
    assertThatThrownBy(() -> secrets.getSecret(name, v1.version()))
        .isInstanceOfSatisfying(
            KeyVaultException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.innerErrorCode()).isEqualTo("SecretDisabled");
              assertThat(e.getMessage()).doesNotContain("first-value");
            });
    assertThatThrownBy(() -> secrets.updateSecretProperties(name, null, SecretOptions.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteRecoverPurgeBackupAndRestore(@TempDir Path dir) {
    String name = name("rotating-token");
    secrets.setSecret(name, "token-1", SecretOptions.NONE);
    Path backup = secrets.backupSecret(name, dir.resolve("token.backup"));
    assertThat(new String(readAll(backup), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("token-1");

    DeletedSecret deleted = secrets.deleteSecret(name);
    assertThat(deleted.getRecoveryId()).endsWith("/deletedsecrets/" + name);
    assertThat(secrets.getDeletedSecret(name).getName()).isEqualTo(name);
    assertThat(secrets.listDeletedSecrets().map(DeletedSecret::getName)).contains(name);
    assertThatThrownBy(() -> secrets.setSecret(name, "token-2", SecretOptions.NONE))
        .isInstanceOfSatisfying(
            KeyVaultException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.innerErrorCode()).isEqualTo("ObjectIsDeletedButRecoverable");
              assertThat(e.getMessage()).contains("setSecret").contains(name);
            });

    assertThat(secrets.recoverDeletedSecret(name).name()).isEqualTo(name);
    assertThat(secrets.getSecret(name).value()).isEqualTo("token-1");

    secrets.deleteSecret(name);
    secrets.purgeDeletedSecret(name);
    SecretInfo restored = secrets.restoreSecretBackup(backup);
    assertThat(restored.name()).isEqualTo(name);
    assertThat(secrets.getSecret(name).value()).isEqualTo("token-1");
  }

  @Test
  void aCertificatesSecretIsReadableButNotSettable() {
    String name = name("tls");
    VAULT
        .sdk()
        .certificateClient()
        .beginCreateCertificate(name, CertificatePolicy.getDefault())
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(60));
    VaultSecret certSecret = secrets.getSecret(name);
    assertThat(certSecret.info().managed()).isTrue();
    assertThat(certSecret.info().keyId()).contains("/keys/" + name + "/");
    assertThat(certSecret.info().contentType()).isEqualTo("application/x-pkcs12");
    assertThatThrownBy(() -> secrets.setSecret(name, "replacement", SecretOptions.NONE))
        .isInstanceOfSatisfying(
            KeyVaultException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.innerErrorCode()).isEqualTo("SecretManagedByKeyVault");
            });
  }

  @Test
  void asyncCoversTheSameOperations(@TempDir Path dir) throws Exception {
    String name = name("async-secret");
    VaultSecret v1 =
        await(async.setSecret(name, "a-1", SecretOptions.builder().tags(Map.of("k", "v")).build()));
    await(async.setSecret(name, "a-2", SecretOptions.NONE));
    assertThat(await(async.getSecret(name, null)).value()).isEqualTo("a-2");
    assertThat(await(async.getSecret(name, v1.version())).value()).isEqualTo("a-1");
    assertThat(collect(async.listSecrets()).stream().map(SecretInfo::name)).contains(name);
    assertThat(collect(async.listSecretVersions(name))).hasSize(2);
    assertThat(
            await(
                    async.updateSecretProperties(
                        name, v1.version(), SecretOptions.builder().contentType("x/y").build()))
                .contentType())
        .isEqualTo("x/y");

    Path file = await(async.backupSecret(name, dir.resolve("b")));
    assertThat(await(async.backupSecret(name))).isNotEmpty();
    assertThat(await(async.deleteSecret(name)).getName()).isEqualTo(name);
    assertThat(await(async.getDeletedSecret(name)).getName()).isEqualTo(name);
    assertThat(collect(async.listDeletedSecrets()).stream().map(DeletedSecret::getName))
        .contains(name);
    assertThat(await(async.recoverDeletedSecret(name)).name()).isEqualTo(name);
    await(async.deleteSecret(name));
    await(async.purgeDeletedSecret(name));
    assertThat(await(async.restoreSecretBackup(file)).name()).isEqualTo(name);
    assertThat(await(async.getSecret(name, null)).value()).isEqualTo("a-2");

    assertThatThrownBy(() -> await(async.getSecret("missing-" + name, null)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            KeyVaultException.class, e -> assertThat(e.errorCode()).isEqualTo("SecretNotFound"));
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
