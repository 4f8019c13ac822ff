package dev.keybridge.management;

import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.secrets.SecretInfo;
import dev.keybridge.management.secrets.SecretOptions;
import dev.keybridge.management.secrets.VaultSecret;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The secret operations of {@link SecretManager}, without blocking: futures and publishers fail
 * with a {@link KeyVaultException}. Thread-safe.
 */
public final class SecretAsyncManager {
  private final KeyVaultClients clients;

  /** A facade over the shared clients of {@code config}. */
  public SecretAsyncManager(KeyVaultConfig config) {
    this(KeyVaultClients.of(config));
  }

  /** A facade over existing shared clients. */
  public SecretAsyncManager(KeyVaultClients clients) {
    this.clients = clients;
  }

  /** As {@link SecretManager#setSecret}. */
  public CompletableFuture<VaultSecret> setSecret(
      String name, String value, SecretOptions options) {
    KeyNames.name(name);
    if (value == null) {
      throw new IllegalArgumentException("a secret value is required (it may be empty)");
    }
    return KeyVaultAsyncManager.run(
        "setSecret",
        name,
        () -> secrets().setSecret(options.toSecret(name, value)).map(VaultSecret::of));
  }

  /** As {@link SecretManager#getSecret(String, String)} (null version: the latest). */
  public CompletableFuture<VaultSecret> getSecret(String name, String version) {
    KeyNames.name(name);
    KeyNames.version(version);
    return KeyVaultAsyncManager.run(
        "getSecret", name, () -> secrets().getSecret(name, version).map(VaultSecret::of));
  }

  /** As {@link SecretManager#listSecrets}. */
  public Flow.Publisher<SecretInfo> listSecrets() {
    return Paging.publisher(
        () -> secrets().listPropertiesOfSecrets(), SecretInfo::of, "listSecrets", null);
  }

  /** As {@link SecretManager#listSecretVersions}. */
  public Flow.Publisher<SecretInfo> listSecretVersions(String name) {
    KeyNames.name(name);
    return Paging.publisher(
        () -> secrets().listPropertiesOfSecretVersions(name),
        SecretInfo::of,
        "listSecretVersions",
        name);
  }

  /** As {@link SecretManager#updateSecretProperties}. */
  public CompletableFuture<SecretInfo> updateSecretProperties(
      String name, String version, SecretOptions changes) {
    KeyNames.name(name);
    KeyNames.version(version);
    var properties =
        SecretManager.update(clients.config().vaultUrl().toString(), name, version, changes);
    return KeyVaultAsyncManager.run(
        "updateSecretProperties",
        name,
        () -> secrets().updateSecretProperties(properties).map(SecretInfo::of));
  }

  /** As {@link SecretManager#deleteSecret}: completes when the vault lists it as deleted. */
  public CompletableFuture<DeletedSecret> deleteSecret(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "deleteSecret",
        name,
        () ->
            secrets()
                .beginDeleteSecret(name)
                .setPollInterval(clients.config().pollInterval())
                .last()
                .timeout(KeyVaultManager.LONG_RUNNING_TIMEOUT)
                .map(response -> response.getValue()));
  }

  /** As {@link SecretManager#getDeletedSecret}. */
  public CompletableFuture<DeletedSecret> getDeletedSecret(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "getDeletedSecret", name, () -> secrets().getDeletedSecret(name));
  }

  /** As {@link SecretManager#listDeletedSecrets}. */
  public Flow.Publisher<DeletedSecret> listDeletedSecrets() {
    return Paging.publisher(
        () -> secrets().listDeletedSecrets(), s -> s, "listDeletedSecrets", null);
  }

  /** As {@link SecretManager#recoverDeletedSecret}: completes when it is readable again. */
  public CompletableFuture<SecretInfo> recoverDeletedSecret(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "recoverDeletedSecret",
        name,
        () ->
            secrets()
                .beginRecoverDeletedSecret(name)
                .setPollInterval(clients.config().pollInterval())
                .last()
                .timeout(KeyVaultManager.LONG_RUNNING_TIMEOUT)
                .map(response -> SecretInfo.of(response.getValue().getProperties())));
  }

  /** As {@link SecretManager#purgeDeletedSecret}. */
  public CompletableFuture<Void> purgeDeletedSecret(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "purgeDeletedSecret", name, () -> secrets().purgeDeletedSecret(name));
  }

  /** As {@link SecretManager#backupSecret(String)}. */
  public CompletableFuture<byte[]> backupSecret(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run("backupSecret", name, () -> secrets().backupSecret(name));
  }

  /** As {@link SecretManager#backupSecret(String, Path)}: written atomically. */
  public CompletableFuture<Path> backupSecret(String name, Path file) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "backupSecret",
        name,
        () ->
            secrets()
                .backupSecret(name)
                .publishOn(Schedulers.boundedElastic())
                .map(bytes -> BackupFiles.write(file, bytes)));
  }

  /** As {@link SecretManager#restoreSecretBackup(byte[])}. */
  public CompletableFuture<SecretInfo> restoreSecretBackup(byte[] backup) {
    return KeyVaultAsyncManager.run(
        "restoreSecret",
        null,
        () -> secrets().restoreSecretBackup(backup).map(s -> SecretInfo.of(s.getProperties())));
  }

  /** As {@link SecretManager#restoreSecretBackup(Path)}. */
  public CompletableFuture<SecretInfo> restoreSecretBackup(Path file) {
    return KeyVaultAsyncManager.run(
        "restoreSecret",
        null,
        () ->
            Mono.fromCallable(() -> BackupFiles.read(file))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(bytes -> secrets().restoreSecretBackup(bytes))
                .map(s -> SecretInfo.of(s.getProperties())));
  }

  private SecretAsyncClient secrets() {
    return clients.secretsAsync();
  }
}
