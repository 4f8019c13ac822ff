package dev.keybridge.management;

import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
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
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.SecretKey;

/**
 * The synchronous key-management facade over the official SDK clients of one configuration. Every
 * failure is a {@link KeyVaultException} naming the operation, the key and the vault error code;
 * invalid arguments are {@link IllegalArgumentException}s. Thread-safe.
 */
public final class KeyVaultManager {
  /** Longest wait of {@link #deleteKey} and {@link #recoverDeletedKey} for the vault to finish. */
  public static final Duration LONG_RUNNING_TIMEOUT = Duration.ofMinutes(5);

  private final KeyVaultClients clients;
  private final CertificateManager certificates;
  private final SecretManager secrets;

  /** A facade over the shared clients of {@code config}. */
  public KeyVaultManager(KeyVaultConfig config) {
    this(KeyVaultClients.of(config));
  }

  /** A facade over existing shared clients. */
  public KeyVaultManager(KeyVaultClients clients) {
    this.clients = clients;
    this.certificates = new CertificateManager(clients);
    this.secrets = new SecretManager(clients);
  }

  /** The shared clients under this facade. */
  public KeyVaultClients clients() {
    return clients;
  }

  /** Secret operations (set, read, list, update, delete, backup). */
  public SecretManager secrets() {
    return secrets;
  }

  /** Certificate operations (signing and TLS certificates). */
  public CertificateManager certificates() {
    return certificates;
  }

  /** POST /keys/{name}/create: a new RSA key (or new version), {@code keySize} 2048/3072/4096. */
  public KeyBundle createRsaKey(String name, int keySize, KeyOptions options) {
    return call(
        "createKey", name, () -> keys().createRsaKey(options.rsaRequest(name, keySize, null)));
  }

  /** As {@link #createRsaKey(String, int, KeyOptions)} with an explicit public exponent. */
  public KeyBundle createRsaKey(String name, int keySize, int publicExponent, KeyOptions options) {
    return call(
        "createKey",
        name,
        () -> keys().createRsaKey(options.rsaRequest(name, keySize, publicExponent)));
  }

  /** A new EC key on P-256, P-384, P-521 or P-256K. */
  public KeyBundle createEcKey(String name, KeyCurveName curve, KeyOptions options) {
    return call("createKey", name, () -> keys().createEcKey(options.ecRequest(name, curve)));
  }

  /** A new symmetric (oct) key of 128, 192 or 256 bits. */
  public KeyBundle createOctKey(String name, int keySize, KeyOptions options) {
    return call("createKey", name, () -> keys().createOctKey(options.octRequest(name, keySize)));
  }

  /** A new key of {@code type} with the vault's default size or curve. */
  public KeyBundle createKey(String name, KeyType type, KeyOptions options) {
    return call("createKey", name, () -> keys().createKey(options.request(name, type)));
  }

  /** PUT /keys/{name}: imports an RSA (CRT) or EC key pair. */
  public KeyBundle importKey(String name, KeyPair keyPair, KeyOptions options) {
    return importKey(name, keyPair.getPrivate(), keyPair.getPublic(), options);
  }

  /** Imports an RSA (CRT) or EC private key together with its public key. */
  public KeyBundle importKey(
      String name, PrivateKey privateKey, PublicKey publicKey, KeyOptions options) {
    return importKey(name, JwkKeys.fromKeyPair(publicKey, privateKey), options);
  }

  /** Imports a secret key (AES or HMAC bytes) as an oct key. */
  public KeyBundle importKey(String name, SecretKey secretKey, KeyOptions options) {
    return importKey(name, JwkKeys.fromSecretKey(secretKey), options);
  }

  /** Imports a JSON Web Key with its private material. */
  public KeyBundle importKey(String name, JsonWebKey jwk, KeyOptions options) {
    return call(
        "importKey", name, () -> keys().importKey(KeyRequests.importKey(name, jwk, options)));
  }

  /** GET /keys/{name}/: the latest version. */
  public KeyBundle getKey(String name) {
    return getKey(name, null);
  }

  /**
   * GET /keys/{name}/{version}; a null version means the latest. Through {@link
   * KeyVaultClients#keyAccess()}: the bundle's {@link KeyBundle#keySize()} is the vault's {@code
   * attributes.key_size} where it reports one.
   */
  public KeyBundle getKey(String name, String version) {
    KeyNames.name(name);
    KeyNames.version(version);
    return clients.keyAccess().getKey(name, version == null || version.isEmpty() ? null : version);
  }

  /** Names of all (not deleted) keys, fetched page by page as the stream is consumed. */
  public Stream<String> listKeyNames() {
    return Paging.stream(
        () -> keys().listPropertiesOfKeys(), KeyProperties::getName, "listKeys", null);
  }

  /** Properties of all keys (latest versions), lazily paged. */
  public Stream<KeyProperties> listKeys() {
    return Paging.stream(() -> keys().listPropertiesOfKeys(), p -> p, "listKeys", null);
  }

  /** Properties of every version of a key, lazily paged. */
  public Stream<KeyProperties> listKeyVersions(String name) {
    KeyNames.name(name);
    return Paging.stream(
        () -> keys().listPropertiesOfKeyVersions(name), p -> p, "listKeyVersions", name);
  }

  /**
   * PATCH /keys/{name}/{version}: changes only what {@code update} sets (null version = latest).
   */
  public KeyBundle updateKeyProperties(String name, String version, KeyUpdate update) {
    KeyNames.name(name);
    KeyNames.version(version);
    String vaultUrl = clients.config().vaultUrl().toString();
    return call(
        "updateKey",
        name,
        () ->
            keys()
                .updateKeyProperties(
                    KeyRequests.update(vaultUrl, name, version, update),
                    KeyRequests.operations(update)));
  }

  /** DELETE /keys/{name} (all versions), returning the poller that waits for the deletion. */
  public SyncPoller<DeletedKey, Void> beginDeleteKey(String name) {
    KeyNames.name(name);
    return poller(() -> keys().beginDeleteKey(name), "deleteKey", name);
  }

  /** Deletes a key and waits until the vault lists it as deleted. */
  public DeletedKey deleteKey(String name) {
    return beginDeleteKey(name).waitForCompletion(LONG_RUNNING_TIMEOUT).getValue();
  }

  /** GET /deletedkeys/{name}. */
  public DeletedKey getDeletedKey(String name) {
    KeyNames.name(name);
    return run("getDeletedKey", name, () -> keys().getDeletedKey(name));
  }

  /** Deleted keys, lazily paged. */
  public Stream<DeletedKey> listDeletedKeys() {
    return Paging.stream(() -> keys().listDeletedKeys(), k -> k, "listDeletedKeys", null);
  }

  /** POST /deletedkeys/{name}/recover, returning the poller that waits for the key to be back. */
  public SyncPoller<KeyVaultKey, Void> beginRecoverDeletedKey(String name) {
    KeyNames.name(name);
    return poller(() -> keys().beginRecoverDeletedKey(name), "recoverDeletedKey", name);
  }

  /** Recovers a deleted key and waits until it is usable again. */
  public KeyBundle recoverDeletedKey(String name) {
    KeyVaultKey recovered =
        beginRecoverDeletedKey(name).waitForCompletion(LONG_RUNNING_TIMEOUT).getValue();
    return KeyBundle.of(recovered);
  }

  /** DELETE /deletedkeys/{name}: permanently removes a deleted key. */
  public void purgeDeletedKey(String name) {
    KeyNames.name(name);
    run(
        "purgeDeletedKey",
        name,
        () -> {
          keys().purgeDeletedKey(name);
          return null;
        });
  }

  /** POST /keys/{name}/backup: an opaque blob holding every version. */
  public byte[] backupKey(String name) {
    KeyNames.name(name);
    return run("backupKey", name, () -> keys().backupKey(name));
  }

  /** Backs a key up into {@code file}, written atomically (temp file, then atomic rename). */
  public Path backupKey(String name, Path file) {
    return BackupFiles.write(file, backupKey(name));
  }

  /** POST /keys/restore: restores every version; the name comes from the backup. */
  public KeyBundle restoreKeyBackup(byte[] backup) {
    return call("restoreKey", null, () -> keys().restoreKeyBackup(backup));
  }

  /**
   * Restores a backup file written by {@link #backupKey(String, Path)} (or by the vault's tools).
   */
  public KeyBundle restoreKeyBackup(Path file) {
    return restoreKeyBackup(BackupFiles.read(file));
  }

  /** POST /keys/{name}/rotate: a new version with the same type, size and operations. */
  public KeyBundle rotateKey(String name) {
    return call("rotateKey", name, () -> keys().rotateKey(name));
  }

  /** GET /keys/{name}/rotationpolicy (the vault's default when none was set). */
  public KeyRotationPolicy getKeyRotationPolicy(String name) {
    KeyNames.name(name);
    return run("getRotationPolicy", name, () -> keys().getKeyRotationPolicy(name));
  }

  /** PUT /keys/{name}/rotationpolicy. */
  public KeyRotationPolicy updateKeyRotationPolicy(String name, KeyRotationPolicy policy) {
    KeyNames.name(name);
    return run("updateRotationPolicy", name, () -> keys().updateKeyRotationPolicy(name, policy));
  }

  /** POST /rng: {@code count} (1 to 128) random bytes from the HSM. */
  public byte[] getRandomBytes(int count) {
    KeyRequests.randomByteCount(count);
    return run("getRandomBytes", null, () -> keys().getRandomBytes(count));
  }

  /**
   * POST /keys/{name}/{version}/release: the signed release result (a JWS), as the vault returned
   * it. A null version means the latest.
   */
  public String releaseKey(
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
                    KeyRequests.release(options),
                    Context.NONE)
                .getValue()
                .getValue());
  }

  /**
   * Releases a key and opens the result with {@code runtimeKey}, the private half of the runtime
   * key in the target token: checks the result's signature, unwraps {@code key_hsm} and returns a
   * {@link PrivateKey} (RSA, EC) or an AES {@link SecretKey} (oct).
   *
   * @throws IllegalArgumentException if {@code runtimeKey} does not match the token's runtime key
   */
  public Key releaseKey(
      String name,
      String version,
      String targetAttestationToken,
      ReleaseOptions options,
      PrivateKey runtimeKey) {
    ReleasedKeyDecoder.checkRuntimeKey(targetAttestationToken, runtimeKey);
    String result = releaseKey(name, version, targetAttestationToken, options);
    return KeyRequests.releasedKey(name, result, runtimeKey, options);
  }

  private KeyClient keys() {
    return clients.keys();
  }

  private <T> SyncPoller<T, Void> poller(
      Supplier<SyncPoller<T, Void>> begin, String operation, String name) {
    return TranslatingSyncPoller.start(begin, clients.config().pollInterval(), operation, name);
  }

  private static KeyBundle call(String operation, String name, Supplier<KeyVaultKey> action) {
    if (name != null) {
      KeyNames.name(name);
    }
    KeyVaultKey key = run(operation, name, action);
    return KeyBundle.of(key);
  }

  /** Runs a blocking vault call; what it throws becomes a {@link KeyVaultException}. */
  static <T> T run(String operation, String name, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw KeyVaultErrors.translate(e, operation, name);
    }
  }
}
