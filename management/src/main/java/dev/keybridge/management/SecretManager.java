package dev.keybridge.management;

import com.azure.core.util.polling.SyncPoller;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.secrets.SecretInfo;
import dev.keybridge.management.secrets.SecretOptions;
import dev.keybridge.management.secrets.VaultSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Secrets: set, read (latest or a version), list, update properties, delete, recover, purge, back
 * up and restore, through the official {@link SecretClient} on the shared pipeline. Values are
 * never logged and never part of a message or {@code toString()}. Failures are {@link
 * KeyVaultException}s naming the operation, the secret and the vault error code (e.g. 403 {@code
 * SecretManagedByKeyVault} for the secret of a certificate, 409 {@code
 * ObjectIsDeletedButRecoverable} for a deleted name). Thread-safe.
 */
public final class SecretManager {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyVaultClients clients;

  /** A facade over the shared clients of {@code config}. */
  public SecretManager(KeyVaultConfig config) {
    this(KeyVaultClients.of(config));
  }

  /** A facade over existing shared clients. */
  public SecretManager(KeyVaultClients clients) {
    this.clients = clients;
  }

  /** PUT /secrets/{name}: a new version holding {@code value}. */
  public VaultSecret setSecret(String name, String value, SecretOptions options) {
    KeyNames.name(name);
    if (value == null) {
      throw new IllegalArgumentException("a secret value is required (it may be empty)");
    }
    KeyVaultSecret request = options.toSecret(name, value);
    return VaultSecret.of(
        KeyVaultManager.run("setSecret", name, () -> secrets().setSecret(request)));
  }

  /** GET /secrets/{name}/: the latest version with its value. */
  public VaultSecret getSecret(String name) {
    return getSecret(name, null);
  }

  /** GET /secrets/{name}/{version} (null version: the latest). */
  public VaultSecret getSecret(String name, String version) {
    KeyNames.name(name);
    KeyNames.version(version);
    return VaultSecret.of(
        KeyVaultManager.run("getSecret", name, () -> secrets().getSecret(name, version)));
  }

  /** The latest version of every secret (no values), lazily paged. */
  public Stream<SecretInfo> listSecrets() {
    return Paging.stream(
        () -> secrets().listPropertiesOfSecrets(), SecretInfo::of, "listSecrets", null);
  }

  /** Every version of a secret (no values), lazily paged. */
  public Stream<SecretInfo> listSecretVersions(String name) {
    KeyNames.name(name);
    return Paging.stream(
        () -> secrets().listPropertiesOfSecretVersions(name),
        SecretInfo::of,
        "listSecretVersions",
        name);
  }

  /**
   * PATCH /secrets/{name}/{version}: changes only what {@code changes} sets (null version: the
   * latest).
   *
   * @throws IllegalArgumentException if {@code changes} sets nothing
   */
  public SecretInfo updateSecretProperties(String name, String version, SecretOptions changes) {
    KeyNames.name(name);
    KeyNames.version(version);
    SecretProperties properties =
        update(clients.config().vaultUrl().toString(), name, version, changes);
    return SecretInfo.of(
        KeyVaultManager.run(
            "updateSecretProperties", name, () -> secrets().updateSecretProperties(properties)));
  }

  /** DELETE /secrets/{name} (all versions), returning the poller that waits for the deletion. */
  public SyncPoller<DeletedSecret, Void> beginDeleteSecret(String name) {
    KeyNames.name(name);
    return TranslatingSyncPoller.start(
        () -> secrets().beginDeleteSecret(name),
        clients.config().pollInterval(),
        "deleteSecret",
        name);
  }

  /** Deletes a secret and waits until the vault lists it as deleted. */
  public DeletedSecret deleteSecret(String name) {
    return beginDeleteSecret(name)
        .waitForCompletion(KeyVaultManager.LONG_RUNNING_TIMEOUT)
        .getValue();
  }

  /** GET /deletedsecrets/{name}. */
  public DeletedSecret getDeletedSecret(String name) {
    KeyNames.name(name);
    return KeyVaultManager.run("getDeletedSecret", name, () -> secrets().getDeletedSecret(name));
  }

  /** Deleted secrets, lazily paged. */
  public Stream<DeletedSecret> listDeletedSecrets() {
    return Paging.stream(() -> secrets().listDeletedSecrets(), s -> s, "listDeletedSecrets", null);
  }

  /** Recovers a deleted secret and waits until it is readable again; returns its latest version. */
  public SecretInfo recoverDeletedSecret(String name) {
    KeyNames.name(name);
    KeyVaultSecret recovered =
        TranslatingSyncPoller.start(
                () -> secrets().beginRecoverDeletedSecret(name),
                clients.config().pollInterval(),
                "recoverDeletedSecret",
                name)
            .waitForCompletion(KeyVaultManager.LONG_RUNNING_TIMEOUT)
            .getValue();
    return SecretInfo.of(recovered.getProperties());
  }

  /** DELETE /deletedsecrets/{name}: permanently removes a deleted secret. */
  public void purgeDeletedSecret(String name) {
    KeyNames.name(name);
    KeyVaultManager.run(
        "purgeDeletedSecret",
        name,
        () -> {
          secrets().purgeDeletedSecret(name);
          return null;
        });
  }

  /** POST /secrets/{name}/backup: an opaque, vault-sealed blob holding every version. */
  public byte[] backupSecret(String name) {
    KeyNames.name(name);
    return KeyVaultManager.run("backupSecret", name, () -> secrets().backupSecret(name));
  }

  /** Backs a secret up into {@code file}, written atomically (temp file, then atomic rename). */
  public Path backupSecret(String name, Path file) {
    return BackupFiles.write(file, backupSecret(name));
  }

  /** POST /secrets/restore: restores every version under the backup's name, which must be free. */
  public SecretInfo restoreSecretBackup(byte[] backup) {
    return SecretInfo.of(
        KeyVaultManager.run("restoreSecret", null, () -> secrets().restoreSecretBackup(backup))
            .getProperties());
  }

  /** Restores a backup file written by {@link #backupSecret(String, Path)}. */
  public SecretInfo restoreSecretBackup(Path file) {
    return restoreSecretBackup(BackupFiles.read(file));
  }

  /** The SDK properties of a PATCH: the name and version with only the changed properties. */
  static SecretProperties update(
      String vaultUrl, String name, String version, SecretOptions changes) {
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a secret update must change at least one property");
    }
    // SecretProperties has no public setters for name and version: the SDK derives them from the
    // id, which the PATCH request itself never sends.
    String base = vaultUrl.endsWith("/") ? vaultUrl.substring(0, vaultUrl.length() - 1) : vaultUrl;
    String id = base + "/secrets/" + name + "/" + KeyRequests.versionSegment(version);
    try (JsonReader reader =
        JsonProviders.createReader("{\"id\":" + JSON.writeValueAsString(id) + "}")) {
      return changes.applyTo(SecretProperties.fromJson(reader));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SecretClient secrets() {
    return clients.secrets();
  }
}
