package dev.keybridge.provider.keygen;

import com.azure.security.keyvault.keys.models.CreateKeyOptions;
import com.azure.security.keyvault.keys.models.KeyOperation;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.keys.KeyBundle;
import java.security.InvalidKeyException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Creating a key in the vault: one create request, the result turned into a handle. */
final class KeyCreation {
  private static final SecureRandom NAME_RANDOM = new SecureRandom();

  private KeyCreation() {}

  /** A fresh name like {@code kb-rsa-2048-3f9c0a1be4d27c55} when the spec gives none. */
  static String name(VaultKeyGenParameterSpec spec, String kindAndSize) {
    if (spec != null && spec.name().isPresent()) {
      return spec.name().get();
    }
    byte[] suffix = new byte[8];
    NAME_RANDOM.nextBytes(suffix);
    return "kb-" + kindAndSize + "-" + HexFormat.of().formatHex(suffix);
  }

  /** Applies the options every key type shares; extra tags are added to the spec's. */
  static void applyCommon(
      CreateKeyOptions options, VaultKeyGenParameterSpec spec, Map<String, String> extraTags) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (spec != null) {
      tags.putAll(spec.tags());
      spec.keyOperations()
          .ifPresent(
              ops ->
                  options.setKeyOperations(
                      ops.stream().map(KeyOperation::fromString).toArray(KeyOperation[]::new)));
      spec.exportable().ifPresent(options::setExportable);
      spec.notBefore().ifPresent(t -> options.setNotBefore(t.atOffset(ZoneOffset.UTC)));
      spec.expiresOn().ifPresent(t -> options.setExpiresOn(t.atOffset(ZoneOffset.UTC)));
    }
    tags.putAll(extraTags);
    if (!tags.isEmpty()) {
      options.setTags(tags);
    }
  }

  /**
   * Sends the create request through management's key access and returns the handle.
   *
   * @throws ProviderException naming the vault error code and the key when the vault refuses or
   *     cannot be reached (the JCA generate methods declare no checked exception)
   */
  static VaultKey create(
      Supplier<KeyVaultClients> clients, String algorithm, CreateKeyOptions options) {
    KeyVaultClients vault = clients.get();
    KeyBundle created;
    try {
      created = vault.keyAccess().createKey(options);
    } catch (KeyVaultException e) {
      throw new ProviderException(algorithm + " key generation in the vault: " + e.getMessage(), e);
    }
    try {
      return VaultKeys.fromKeyBundle(created, vault.crypto());
    } catch (InvalidKeyException e) {
      throw new ProviderException(
          algorithm
              + " key '"
              + options.getName()
              + "' was created but is not usable: "
              + e.getMessage(),
          e);
    }
  }
}
