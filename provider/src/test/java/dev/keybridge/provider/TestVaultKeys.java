package dev.keybridge.provider;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.config.KeyVaultConfig;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/** Creates and imports keys in a test vault through the SDK and returns keybridge handles. */
public final class TestVaultKeys {
  private static final List<KeyOperation> ALL_OPERATIONS =
      List.of(
          KeyOperation.SIGN,
          KeyOperation.VERIFY,
          KeyOperation.ENCRYPT,
          KeyOperation.DECRYPT,
          KeyOperation.WRAP_KEY,
          KeyOperation.UNWRAP_KEY);
  private static final List<KeyOperation> AES_OPERATIONS =
      List.of(
          KeyOperation.ENCRYPT,
          KeyOperation.DECRYPT,
          KeyOperation.WRAP_KEY,
          KeyOperation.UNWRAP_KEY);

  private final KeyVaultConfig config;
  private final KeyVaultClients clients;

  public TestVaultKeys(Path propertiesFile) {
    this.config = KeyVaultConfig.fromProperties(propertiesFile);
    this.clients = KeyVaultClients.of(config);
  }

  public KeyVaultConfig config() {
    return config;
  }

  public KeyVaultClients clients() {
    return clients;
  }

  public KeyClient keys() {
    return clients.keys();
  }

  /** A provider configured for this vault (not registered with Security). */
  public KeyBridgeProvider provider() {
    return new KeyBridgeProvider(config);
  }

  public VaultRsaPrivateKey createRsa(String name, int bits) throws GeneralSecurityException {
    return (VaultRsaPrivateKey)
        handle(keys().createRsaKey(new CreateRsaKeyOptions(name).setKeySize(bits)));
  }

  /** curve: P-256, P-384, P-521 or P-256K. */
  public VaultEcPrivateKey createEc(String name, String curve) throws GeneralSecurityException {
    return (VaultEcPrivateKey)
        handle(
            keys()
                .createEcKey(
                    new CreateEcKeyOptions(name).setCurveName(KeyCurveName.fromString(curve))));
  }

  public VaultRsaPrivateKey importRsa(String name, KeyPair pair) throws GeneralSecurityException {
    return (VaultRsaPrivateKey)
        handle(
            keys().importKey(new ImportKeyOptions(name, JsonWebKey.fromRsa(pair, ALL_OPERATIONS))));
  }

  /** Imports known AES material (Managed HSM), tagged with its size as keybridge does. */
  public VaultSecretKey importAes(String name, byte[] material) throws GeneralSecurityException {
    ImportKeyOptions options =
        new ImportKeyOptions(
                name, JsonWebKey.fromAes(new SecretKeySpec(material, "AES"), AES_OPERATIONS))
            .setHardwareProtected(true);
    options.setTags(Map.of(VaultKeys.AES_KEY_SIZE_TAG, Integer.toString(material.length * 8)));
    return (VaultSecretKey) handle(keys().importKey(options));
  }

  public VaultKey handle(KeyVaultKey key) throws GeneralSecurityException {
    return VaultKeys.fromKeyVaultKey(key, clients.crypto());
  }

  /** A software RSA key pair (for imports and cross checks). */
  public static KeyPair softwareRsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
    generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
    return generator.generateKeyPair();
  }
}
