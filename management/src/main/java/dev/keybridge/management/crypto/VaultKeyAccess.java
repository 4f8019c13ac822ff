package dev.keybridge.management.crypto;

import com.azure.security.keyvault.keys.models.CreateKeyOptions;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.KeyProperties;
import dev.keybridge.management.keys.KeyBundle;
import java.util.stream.Stream;

/**
 * The one small interface through which the KeyStore, the key generators and the facade reach a
 * vault's keys: get, list, create, import, delete, and the {@link VaultCrypto} for private- and
 * secret-key operations. Every method is one vault request (a list: one per page), every failure a
 * {@link dev.keybridge.management.KeyVaultException} naming operation, key, error code and status,
 * and every key comes back as a {@link KeyBundle} whose {@link KeyBundle#keySize()} follows {@link
 * dev.keybridge.management.keys.KeySizes}. Creates and imports of oct keys record their size the
 * same way whoever calls them. Implementations are thread-safe.
 */
public interface VaultKeyAccess {

  /** GET /keys/{name}/{version} (null version: the latest), with {@code attributes.key_size}. */
  KeyBundle getKey(String name, String version);

  /** The properties of every key (latest versions), lazily paged. */
  Stream<KeyProperties> listKeys();

  /** POST /keys/{name}/create from SDK options (RSA, EC or oct options, or a generic one). */
  KeyBundle createKey(CreateKeyOptions options);

  /** PUT /keys/{name}: imports the JWK of the options as a new version. */
  KeyBundle importKey(ImportKeyOptions options);

  /** DELETE /keys/{name}: soft-deletes every version; returns once the vault accepted it. */
  void deleteKey(String name);

  /** Private- and secret-key operations, one request each. */
  VaultCrypto crypto();
}
