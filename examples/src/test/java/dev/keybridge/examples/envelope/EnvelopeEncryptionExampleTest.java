package dev.keybridge.examples.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.examples.envelope.EnvelopeEncryptionExample.Envelope;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Envelope encryption: seal locally with the RSA public key, open with one unwrap in the vault. */
class EnvelopeEncryptionExampleTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final byte[] MESSAGE =
      "the launch codes are 0000".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "record-42".getBytes(StandardCharsets.UTF_8);

  private static VaultPrivateKey kek;

  @BeforeAll
  static void createKeyEncryptionKey() throws Exception {
    KeyVaultManager manager =
        new KeyVaultManager(KeyVaultConfig.fromProperties(VAULT.vault().propertiesFile()));
    manager.createRsaKey("kek", 2048, KeyOptions.defaults());
    ExampleVault.installProvider();
    kek =
        (VaultPrivateKey)
            ExampleVault.open(VAULT.vault().propertiesFile()).keyStore().getKey("kek", null);
  }

  @Test
  void sealsLocallyAndOpensWithOneUnwrapInTheVault() throws Exception {
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    Envelope envelope = EnvelopeEncryptionExample.seal(MESSAGE, kek.publicKey(), kek.keyId(), AAD);

    assertThat(log.since(mark)).as("sealing is local").isEmpty();
    assertThat(envelope.keyId()).isEqualTo(kek.keyId());
    assertThat(envelope.wrappedDataKey()).hasSize(256);
    assertThat(envelope.ciphertext()).hasSize(MESSAGE.length + 16);

    byte[] opened = EnvelopeEncryptionExample.open(envelope, kek, AAD);

    assertThat(opened).isEqualTo(MESSAGE);
    assertThat(ServedRequests.count(log, mark, "POST", "/keys/kek/" + kek.version() + "/unwrapkey"))
        .isEqualTo(1);
    assertThat(ServedRequests.count(log, mark, "GET", ".*")).as("no other reads").isZero();
  }

  @Test
  void alteredCiphertextOrAssociatedDataIsRejected() throws Exception {
    Envelope envelope = EnvelopeEncryptionExample.seal(MESSAGE, kek.publicKey(), kek.keyId(), AAD);
    byte[] ciphertext = envelope.ciphertext();
    ciphertext[0] ^= 1;
    Envelope altered =
        new Envelope(envelope.keyId(), envelope.wrappedDataKey(), envelope.iv(), ciphertext);

    assertThatThrownBy(() -> EnvelopeEncryptionExample.open(altered, kek, AAD))
        .isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(
            () ->
                EnvelopeEncryptionExample.open(
                    envelope, kek, "record-43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void dataKeyWrappedForAnotherKeyDoesNotOpen() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    PublicKey otherKey = generator.generateKeyPair().getPublic();
    Envelope foreign = EnvelopeEncryptionExample.seal(MESSAGE, otherKey, "other", AAD);

    assertThatThrownBy(() -> EnvelopeEncryptionExample.open(foreign, kek, AAD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("kek");
  }
}
