package dev.keybridge.provider.signature;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.provider.KeyBridgeProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unit test of the answer checks in the signature SPIs, with a fake VaultCrypto that answers
 * wrongly (something the real local vault never does): a signature of the wrong length must be a
 * SignatureException, never returned.
 */
class VaultAnswerCheckTest {
  private static final String KID = "https://localhost:1/keys/k/0123456789abcdef0123456789abcdef";

  /** Answers every sign request with {@code answer}; every other operation is unexpected. */
  private record FixedAnswer(byte[] answer) implements VaultCrypto {
    @Override
    public byte[] sign(String keyId, String algorithm, byte[] digest) {
      return answer.clone();
    }

    @Override
    public byte[] decrypt(String keyId, String algorithm, byte[] ciphertext) {
      throw new AssertionError();
    }

    @Override
    public byte[] unwrapKey(String keyId, String algorithm, byte[] wrappedKey) {
      throw new AssertionError();
    }

    @Override
    public byte[] wrapKey(String keyId, String algorithm, byte[] key) {
      throw new AssertionError();
    }

    @Override
    public SymmetricResult encrypt(
        String keyId, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
      throw new AssertionError();
    }

    @Override
    public byte[] decrypt(
        String keyId, String algorithm, byte[] ciphertext, byte[] iv, byte[] aad, byte[] tag) {
      throw new AssertionError();
    }

    @Override
    public byte[] randomBytes(int count) {
      throw new AssertionError();
    }
  }

  /** Signs through an unconfigured provider: signatures use the handle's own vault access. */
  private static byte[] sign(String algorithm, PrivateKey key) throws Exception {
    Signature signer = Signature.getInstance(algorithm, new KeyBridgeProvider());
    signer.initSign(key);
    signer.update(new byte[] {1});
    return signer.sign();
  }

  @Test
  void anRsaSignatureShorterThanTheModulusIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    VaultRsaPrivateKey key =
        VaultRsaPrivateKey.of(
            KID,
            "RSA",
            List.of("sign"),
            (RSAPublicKey) pair.getPublic(),
            new FixedAnswer(new byte[255]));
    assertThatThrownBy(() -> sign("SHA256withRSA", key))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("255-byte signature")
        .hasMessageContaining("expected 256 bytes");
  }

  @Test
  void anEcdsaSignatureOfTheWrongLengthIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    VaultEcPrivateKey key =
        VaultEcPrivateKey.of(
            KID,
            "EC",
            "P-256",
            List.of("sign"),
            (ECPublicKey) pair.getPublic(),
            new FixedAnswer(new byte[70]));
    assertThatThrownBy(() -> sign("SHA256withECDSA", key))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("70-byte signature")
        .hasMessageContaining("expected 64 bytes (raw r||s)");
  }

  @Test
  void aKeyWithoutTheSignOperationIsRefusedBeforeAnyRequest() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    VaultEcPrivateKey key =
        VaultEcPrivateKey.of(
            KID,
            "EC",
            "P-256",
            List.of("verify"),
            (ECPublicKey) generator.generateKeyPair().getPublic(),
            new FixedAnswer(new byte[64]));
    assertThatThrownBy(() -> sign("SHA256withECDSA", key))
        .isInstanceOf(java.security.InvalidKeyException.class)
        .hasMessageContaining("does not allow 'sign'");
  }
}
