package dev.keybridge.provider.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.provider.KeyBridgeProvider;
import dev.keybridge.provider.TestVaultKeys;
import dev.keybridge.provider.keygen.VaultKeyGenParameterSpec;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Managed HSM services: AES key generation and the HSM's random number generator. */
class ManagedHsmServicesTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  private static TestVaultKeys keys;
  private static KeyBridgeProvider provider;

  @BeforeAll
  static void setUp() {
    keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1, 127, 128, 129, 300, 1000})
  void secureRandomCostsCeilNOver128Requests(int n) throws Exception {
    SecureRandom random = SecureRandom.getInstance("AzureKeyVaultRng", provider);
    random.nextBytes(new byte[1]); // the token and challenge first
    random = SecureRandom.getInstance("AzureKeyVaultRng", provider);
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    assertThat(log.count(mark, "POST", "/rng")).isEqualTo((n + 127) / 128);
    assertThat(log.since(mark)).hasSize((n + 127) / 128);
    if (n >= 128) {
      Set<Byte> distinct = new HashSet<>();
      for (byte b : bytes) {
        distinct.add(b);
      }
      assertThat(distinct.size()).as("random bytes are not constant").isGreaterThan(32);
    }
  }

  @Test
  void smallRequestsShareABufferedRequestAndSeedingIsIgnored() throws Exception {
    SecureRandom random = SecureRandom.getInstance("AzureKeyVaultRng", provider);
    random.nextInt();
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    random.setSeed(42L);
    for (int i = 0; i < 31; i++) {
      random.nextInt(); // 31 x 4 bytes fit in what the first request left
    }
    assertThat(log.since(mark)).isEmpty();
  }

  @Test
  void aesKeyGeneratorCreatesATaggedVaultKey() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
    generator.init(VaultKeyGenParameterSpec.builder().name("generated-aes").keySize(192).build());
    SecretKey key = generator.generateKey();

    VaultSecretKey handle = (VaultSecretKey) key;
    assertThat(handle.getEncoded()).isNull();
    assertThat(handle.keySize()).isEqualTo(192);
    assertThat(keys.keys().getKey("generated-aes").getProperties().getTags())
        .containsEntry(VaultKeys.AES_KEY_SIZE_TAG, "192");

    Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
    encrypt.init(Cipher.ENCRYPT_MODE, key);
    byte[] sealed = encrypt.doFinal("generated".getBytes());
    Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
    decrypt.init(Cipher.DECRYPT_MODE, key, encrypt.getParameters());
    assertThat(new String(decrypt.doFinal(sealed))).isEqualTo("generated");

    KeyGenerator byDefault = KeyGenerator.getInstance("AES", provider);
    VaultSecretKey unnamed = (VaultSecretKey) byDefault.generateKey();
    assertThat(unnamed.keySize()).isEqualTo(256);
    assertThat(unnamed.name()).matches("kb-aes-256-[0-9a-f]{16}");
    assertThatThrownBy(() -> byDefault.init(100)).hasMessageContaining("128, 192 or 256");
  }
}
