package dev.keybridge.management;

import com.azure.core.util.polling.PollerFlux;
import com.azure.security.keyvault.keys.KeyAsyncClient;
import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.keys.models.ReleaseKeyResult;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.JwkKeys;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.KeyUpdate;
import dev.keybridge.management.release.ReleaseOptions;
import dev.keybridge.management.release.ReleasedKeyDecoder;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The asynchronous key-management facade: the operations of {@link KeyVaultManager}, built on the
 * SDK's async clients (no thread pool around the sync ones). Futures fail with a {@link
 * KeyVaultException}; invalid arguments throw {@link IllegalArgumentException} at once. Listings
 * are {@link Flow.Publisher}s that fetch pages as subscribers request items. Thread-safe.
 */
public final class KeyVaultAsyncManager {
  private final KeyVaultClients clients;
  private final CertificateAsyncManager certificates;
  private final SecretAsyncManager secrets;

  /** A facade over the shared clients of {@code config}. */
  public KeyVaultAsyncManager(KeyVaultConfig config) {
    this(KeyVaultClients.of(config));
  }

  /** A facade over existing shared clients. */
  public KeyVaultAsyncManager(KeyVaultClients clients) {
    this.clients = clients;
    this.certificates = new CertificateAsyncManager(clients);
    this.secrets = new SecretAsyncManager(clients);
  }

  /** The shared clients under this facade. */
  public KeyVaultClients clients() {
    return clients;
  }

  /** Secret operations, asynchronously. */
  public SecretAsyncManager secrets() {
    return secrets;
  }

  /** Certificate operations, asynchronously. */
  public CertificateAsyncManager certificates() {
    return certificates;
  }

  /**
   * As {@link KeyVaultManager#createRsaKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> createRsaKey(String name, int keySize, KeyOptions options) {
    return key(
        "createKey", name, () -> keys().createRsaKey(options.rsaRequest(name, keySize, null)));
  }

  /**
   * As {@link KeyVaultManager#createRsaKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> createRsaKey(
      String name, int keySize, int publicExponent, KeyOptions options) {
    return key(
        "createKey",
        name,
        () -> keys().createRsaKey(options.rsaRequest(name, keySize, publicExponent)));
  }

  /**
   * As {@link KeyVaultManager#createEcKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> createEcKey(
      String name, KeyCurveName curve, KeyOptions options) {
    return key("createKey", name, () -> keys().createEcKey(options.ecRequest(name, curve)));
  }

  /**
   * As {@link KeyVaultManager#createOctKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> createOctKey(String name, int keySize, KeyOptions options) {
    return key("createKey", name, () -> keys().createOctKey(options.octRequest(name, keySize)));
  }

  /**
   * As {@link KeyVaultManager#createKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> createKey(String name, KeyType type, KeyOptions options) {
    return key("createKey", name, () -> keys().createKey(options.request(name, type)));
  }

  /**
   * As {@link KeyVaultManager#importKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> importKey(String name, KeyPair keyPair, KeyOptions options) {
    return importKey(name, keyPair.getPrivate(), keyPair.getPublic(), options);
  }

  /**
   * As {@link KeyVaultManager#importKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> importKey(
      String name, PrivateKey privateKey, PublicKey publicKey, KeyOptions options) {
    return importKey(name, JwkKeys.fromKeyPair(publicKey, privateKey), options);
  }

  /**
   * As {@link KeyVaultManager#importKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> importKey(
      String name, SecretKey secretKey, KeyOptions options) {
    return importKey(name, JwkKeys.fromSecretKey(secretKey), options);
  }

  /**
   * As {@link KeyVaultManager#importKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> importKey(String name, JsonWebKey jwk, KeyOptions options) {
    return key(
        "importKey", name, () -> keys().importKey(KeyRequests.importKey(name, jwk, options)));
  }

  /**
   * As {@link KeyVaultManager#getKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> getKey(String name) {
    return getKey(name, null);
  }

  /**
   * As {@link KeyVaultManager#getKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> getKey(String name, String version) {
    KeyNames.name(name);
    KeyNames.version(version);
    String exact = version == null || version.isEmpty() ? null : version;
    return run("getKey", name, () -> clients.restKeyAccess().getKeyLater(name, exact));
  }

  /**
   * As {@link KeyVaultManager#listKeyNames}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public Flow.Publisher<String> listKeyNames() {
    return Paging.publisher(
        () -> keys().listPropertiesOfKeys(), KeyProperties::getName, "listKeys", null);
  }

  /**
   * As {@link KeyVaultManager#listKeys}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public Flow.Publisher<KeyProperties> listKeys() {
    return Paging.publisher(() -> keys().listPropertiesOfKeys(), p -> p, "listKeys", null);
  }

  /**
   * As {@link KeyVaultManager#listKeyVersions}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public Flow.Publisher<KeyProperties> listKeyVersions(String name) {
    KeyNames.name(name);
    return Paging.publisher(
        () -> keys().listPropertiesOfKeyVersions(name), p -> p, "listKeyVersions", name);
  }

  /**
   * As {@link KeyVaultManager#updateKeyProperties}, without blocking; the future fails with a
   * {@link KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> updateKeyProperties(
      String name, String version, KeyUpdate update) {
    KeyNames.name(name);
    KeyNames.version(version);
    String vaultUrl = clients.config().vaultUrl().toString();
    return key(
        "updateKey",
        name,
        () ->
            keys()
                .updateKeyProperties(
                    KeyRequests.update(vaultUrl, name, version, update),
                    KeyRequests.operations(update)));
  }

  /** The SDK's poller for a delete (its errors are the SDK's; prefer {@link #deleteKey}). */
  public PollerFlux<DeletedKey, Void> beginDeleteKey(String name) {
    KeyNames.name(name);
    return keys().beginDeleteKey(name).setPollInterval(clients.config().pollInterval());
  }

  /** Deletes a key; completes when the vault lists it as deleted. */
  public CompletableFuture<DeletedKey> deleteKey(String name) {
    return run(
        "deleteKey",
        name,
        () ->
            beginDeleteKey(name)
                .last()
                .timeout(KeyVaultManager.LONG_RUNNING_TIMEOUT)
                .map(response -> response.getValue()));
  }

  /**
   * As {@link KeyVaultManager#getDeletedKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<DeletedKey> getDeletedKey(String name) {
    KeyNames.name(name);
    return run("getDeletedKey", name, () -> keys().getDeletedKey(name));
  }

  /**
   * As {@link KeyVaultManager#listDeletedKeys}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public Flow.Publisher<DeletedKey> listDeletedKeys() {
    return Paging.publisher(() -> keys().listDeletedKeys(), k -> k, "listDeletedKeys", null);
  }

  /**
   * As {@link KeyVaultManager#beginRecoverDeletedKey}, without blocking; the future fails with a
   * {@link KeyVaultException}.
   */
  public PollerFlux<KeyVaultKey, Void> beginRecoverDeletedKey(String name) {
    KeyNames.name(name);
    return keys().beginRecoverDeletedKey(name).setPollInterval(clients.config().pollInterval());
  }

  /** Recovers a deleted key; completes when it is usable again. */
  public CompletableFuture<KeyBundle> recoverDeletedKey(String name) {
    return run(
        "recoverDeletedKey",
        name,
        () ->
            beginRecoverDeletedKey(name)
                .last()
                .timeout(KeyVaultManager.LONG_RUNNING_TIMEOUT)
                .map(response -> KeyBundle.of(response.getValue())));
  }

  /**
   * As {@link KeyVaultManager#purgeDeletedKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<Void> purgeDeletedKey(String name) {
    KeyNames.name(name);
    return run("purgeDeletedKey", name, () -> keys().purgeDeletedKey(name));
  }

  /**
   * As {@link KeyVaultManager#backupKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<byte[]> backupKey(String name) {
    KeyNames.name(name);
    return run("backupKey", name, () -> keys().backupKey(name));
  }

  /** Backs a key up into {@code file}, written atomically. */
  public CompletableFuture<Path> backupKey(String name, Path file) {
    KeyNames.name(name);
    return run(
        "backupKey",
        name,
        () ->
            keys()
                .backupKey(name)
                .publishOn(Schedulers.boundedElastic())
                .map(bytes -> BackupFiles.write(file, bytes)));
  }

  /**
   * As {@link KeyVaultManager#restoreKeyBackup}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> restoreKeyBackup(byte[] backup) {
    return run("restoreKey", null, () -> keys().restoreKeyBackup(backup).map(KeyBundle::of));
  }

  /**
   * As {@link KeyVaultManager#restoreKeyBackup}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> restoreKeyBackup(Path file) {
    return run(
        "restoreKey",
        null,
        () ->
            Mono.fromCallable(() -> BackupFiles.read(file))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(bytes -> keys().restoreKeyBackup(bytes))
                .map(KeyBundle::of));
  }

  /**
   * As {@link KeyVaultManager#rotateKey}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<KeyBundle> rotateKey(String name) {
    return key("rotateKey", name, () -> keys().rotateKey(name));
  }

  /**
   * As {@link KeyVaultManager#getKeyRotationPolicy}, without blocking; the future fails with a
   * {@link KeyVaultException}.
   */
  public CompletableFuture<KeyRotationPolicy> getKeyRotationPolicy(String name) {
    KeyNames.name(name);
    return run("getRotationPolicy", name, () -> keys().getKeyRotationPolicy(name));
  }

  /**
   * As {@link KeyVaultManager#updateKeyRotationPolicy}, without blocking; the future fails with a
   * {@link KeyVaultException}.
   */
  public CompletableFuture<KeyRotationPolicy> updateKeyRotationPolicy(
      String name, KeyRotationPolicy policy) {
    KeyNames.name(name);
    return run("updateRotationPolicy", name, () -> keys().updateKeyRotationPolicy(name, policy));
  }

  /**
   * As {@link KeyVaultManager#getRandomBytes}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<byte[]> getRandomBytes(int count) {
    KeyRequests.randomByteCount(count);
    return run("getRandomBytes", null, () -> keys().getRandomBytes(count));
  }

  /** The signed release result (JWS) as the vault returned it; null version = latest. */
  public CompletableFuture<String> releaseKey(
      String name, String version, String targetAttestationToken, ReleaseOptions options) {
    KeyNames.name(name);
    KeyNames.version(version);
    return run(
        "release",
        name,
        () ->
            keys()
                .releaseKeyWithResponse(
                    name,
                    KeyRequests.versionSegment(version),
                    targetAttestationToken,
                    KeyRequests.release(options))
                .map(response -> response.getValue())
                .map(ReleaseKeyResult::getValue));
  }

  /** Releases a key and unwraps it with the runtime private key, as the sync facade does. */
  public CompletableFuture<Key> releaseKey(
      String name,
      String version,
      String targetAttestationToken,
      ReleaseOptions options,
      PrivateKey runtimeKey) {
    ReleasedKeyDecoder.checkRuntimeKey(targetAttestationToken, runtimeKey);
    return releaseKey(name, version, targetAttestationToken, options)
        .thenApply(result -> KeyRequests.releasedKey(name, result, runtimeKey, options));
  }

  private KeyAsyncClient keys() {
    return clients.keysAsync();
  }

  private static CompletableFuture<KeyBundle> key(
      String operation, String name, Supplier<Mono<KeyVaultKey>> action) {
    KeyNames.name(name);
    return run(operation, name, () -> action.get().map(KeyBundle::of));
  }

  static <T> CompletableFuture<T> run(String operation, String name, Supplier<Mono<T>> action) {
    return Mono.defer(action)
        .onErrorMap(e -> KeyVaultErrors.translate(e, operation, name))
        .toFuture();
  }
}
