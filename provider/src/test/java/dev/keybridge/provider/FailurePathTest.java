package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.config.KeyVaultConfig;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.ProviderException;
import java.security.Signature;
import java.security.SignatureException;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vault refusals and outages surface as the exception the JCA method declares, naming the vault
 * error code and the key; never as an empty or partial result.
 */
class FailurePathTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client("reader", "reader-secret", Role.READER)
          .client("encryption", "encryption-secret", Role.CRYPTO_SERVICE_ENCRYPTION_USER);

  private static final byte[] MESSAGE = "refused".getBytes(StandardCharsets.UTF_8);
  private static TestVaultKeys keys;
  private static KeyBridgeProvider provider;

  @BeforeAll
  static void setUp() {
    keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
  }

  /** The same key, reached as another registered client. */
  private static VaultRsaPrivateKey as(String clientId, String secret, KeyVaultKey key)
      throws Exception {
    KeyVaultConfig config =
        keys.config().toBuilder().clientId(clientId).clientSecret(secret).build();
    return (VaultRsaPrivateKey) VaultKeys.fromKeyVaultKey(key, KeyVaultClients.of(config).crypto());
  }

  private static byte[] sign(VaultRsaPrivateKey key) throws Exception {
    Signature signer = Signature.getInstance("SHA256withRSA", provider);
    signer.initSign(key);
    signer.update(MESSAGE);
    return signer.sign();
  }

  private static byte[] decrypt(VaultRsaPrivateKey key) throws Exception {
    Cipher encrypt = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);
    encrypt.init(Cipher.ENCRYPT_MODE, key);
    byte[] ciphertext = encrypt.doFinal(MESSAGE);
    Cipher decrypt = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);
    decrypt.init(Cipher.DECRYPT_MODE, key);
    return decrypt.doFinal(ciphertext);
  }

  @Test
  void aReaderMayNotSign() throws Exception {
    keys.createRsa("reader-target", 2048);
    VaultRsaPrivateKey asReader =
        as("reader", "reader-secret", keys.keys().getKey("reader-target"));
    assertThatThrownBy(() -> sign(asReader))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("Forbidden")
        .hasMessageContaining("reader-target");
  }

  @Test
  void anEncryptionServiceUserMayNotDecrypt() throws Exception {
    keys.createRsa("encryption-target", 2048);
    VaultRsaPrivateKey asService =
        as("encryption", "encryption-secret", keys.keys().getKey("encryption-target"));
    assertThatThrownBy(() -> decrypt(asService))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("Forbidden")
        .hasMessageContaining("encryption-target");
  }

  @Test
  void aDisabledKeyRefusesSigningAndDecryption() throws Exception {
    VaultRsaPrivateKey key = keys.createRsa("disabled", 2048);
    assertThat(sign(key)).hasSize(256);
    KeyVaultKey current = keys.keys().getKey("disabled");
    keys.keys().updateKeyProperties(current.getProperties().setEnabled(false));
    assertThatThrownBy(() -> sign(key))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("Forbidden")
        .hasMessageContaining("disabled");
    assertThatThrownBy(() -> decrypt(key))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("Forbidden");
  }

  @Test
  void aDeletedKeyIsNotFound() throws Exception {
    VaultRsaPrivateKey key = keys.createRsa("deleted", 2048);
    keys.keys().beginDeleteKey("deleted").waitForCompletion();
    assertThatThrownBy(() -> sign(key))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("KeyNotFound")
        .hasMessageContaining("deleted");
    assertThatThrownBy(() -> decrypt(key))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("KeyNotFound");
  }

  @Test
  void anUnreachableVaultIsNamedSo() throws Exception {
    KeyVaultKey key =
        keys.keys()
            .createRsaKey(
                new com.azure.security.keyvault.keys.models.CreateRsaKeyOptions("unreachable"));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    KeyVaultConfig down =
        keys.config().toBuilder().vaultUrl("https://localhost:" + closedPort).maxRetries(0).build();
    VaultRsaPrivateKey handle =
        (VaultRsaPrivateKey)
            VaultKeys.fromJsonWebKey(
                withHost(key, "https://localhost:" + closedPort),
                KeyVaultClients.of(down).crypto());
    assertThatThrownBy(() -> sign(handle))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("VaultUnreachable")
        .hasMessageContaining("unreachable");
  }

  /** The key's JWK with its kid moved to another vault URL (same name and version). */
  private static com.azure.security.keyvault.keys.models.JsonWebKey withHost(
      KeyVaultKey key, String vaultUrl) {
    String kid = key.getKey().getId();
    String path = kid.substring(kid.indexOf("/keys/"));
    return key.getKey().setId(vaultUrl + path);
  }
}
