package dev.keybridge.localvault.crypto;

import static dev.keybridge.localvault.crypto.SignatureInteropTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RSA1_5, RSA-OAEP and RSA-OAEP-256 against the JDK's SunJCE ciphers, both directions. */
class RsaEncryptionInteropTest {

  static Stream<Arguments> keysAndAlgorithms() {
    return Stream.of(2048, 3072, 4096)
        .flatMap(
            bits ->
                Stream.of("RSA1_5", "RSA-OAEP", "RSA-OAEP-256")
                    .map(alg -> Arguments.of(bits, alg)));
  }

  @ParameterizedTest(name = "RSA-{0} {1}")
  @MethodSource("keysAndAlgorithms")
  void keyCryptoDecryptsWhatTheJdkEncrypts(int bits, String alg) throws Exception {
    KeyMaterial key = TestKeyMaterial.rsa(bits);
    byte[] plaintext = bytes(maxPlaintext(alg, bits / 8), 7);
    Cipher jdk = jdkCipher(alg, Cipher.ENCRYPT_MODE, key);
    byte[] ciphertext = jdk.doFinal(plaintext);

    assertThat(KeyCrypto.decrypt(key, alg, ciphertext, null, null, null)).isEqualTo(plaintext);
    assertThat(KeyCrypto.unwrapKey(key, alg, ciphertext)).isEqualTo(plaintext);
  }

  @ParameterizedTest(name = "RSA-{0} {1}")
  @MethodSource("keysAndAlgorithms")
  void jdkDecryptsWhatKeyCryptoEncrypts(int bits, String alg) throws Exception {
    KeyMaterial key = TestKeyMaterial.rsa(bits);
    byte[] plaintext = bytes(32, 3);
    CipherResult result = KeyCrypto.encrypt(key, alg, plaintext, null, null);

    assertThat(result.ciphertext()).hasSize(bits / 8);
    assertThat(result.iv()).isNull();
    assertThat(result.tag()).isNull();
    assertThat(jdkCipher(alg, Cipher.DECRYPT_MODE, key).doFinal(result.ciphertext()))
        .isEqualTo(plaintext);
    byte[] wrapped = KeyCrypto.wrapKey(key, alg, plaintext);
    assertThat(jdkCipher(alg, Cipher.DECRYPT_MODE, key).doFinal(wrapped)).isEqualTo(plaintext);
  }

  @ParameterizedTest(name = "RSA-{0} {1}")
  @MethodSource("keysAndAlgorithms")
  void plaintextLimitIsThatOfThePadding(int bits, String alg) throws Exception {
    KeyMaterial key = TestKeyMaterial.rsa(bits);
    int max = maxPlaintext(alg, bits / 8);
    byte[] longest = bytes(max, 1);
    assertThat(
            jdkCipher(alg, Cipher.DECRYPT_MODE, key)
                .doFinal(KeyCrypto.encrypt(key, alg, longest, null, null).ciphertext()))
        .isEqualTo(longest);
    assertBadParameter(
        () -> KeyCrypto.encrypt(key, alg, bytes(max + 1, 1), null, null),
        "Plaintext too long for " + alg + " with a " + bits + "-bit key (max " + max + " bytes)");
    assertBadParameter(
        () -> KeyCrypto.wrapKey(key, alg, bytes(max + 1, 1)),
        "Key to wrap too long for " + alg + " with a " + bits + "-bit key (max " + max + " bytes)");
  }

  @Test
  void plaintextLimitMatchesKeyVaultForOaep256() {
    assertBadParameter(
        () ->
            KeyCrypto.encrypt(TestKeyMaterial.rsa(2048), "RSA-OAEP-256", new byte[191], null, null),
        "Plaintext too long for RSA-OAEP-256 with a 2048-bit key (max 190 bytes)");
  }

  @ParameterizedTest(name = "RSA-2048 {0}")
  @ValueSource(strings = {"RSA1_5", "RSA-OAEP", "RSA-OAEP-256"})
  void invalidCiphertextIsRefusedWithoutData(String alg) throws Exception {
    KeyMaterial key = TestKeyMaterial.rsa(2048);
    byte[] ciphertext = KeyCrypto.encrypt(key, alg, bytes(16, 5), null, null).ciphertext();
    // The raw RSA encryption of 00 01 01 .. 01: neither PKCS#1 v1.5 type 2 nor (but with
    // negligible probability) OAEP padding.
    byte[] block = new byte[256];
    Arrays.fill(block, 1, 256, (byte) 1);
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding", "SunJCE");
    raw.init(Cipher.ENCRYPT_MODE, key.publicKey());
    byte[] tampered = raw.doFinal(block);
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, alg, tampered, null, null, null), alg + " decryption failed");
    assertBadParameter(() -> KeyCrypto.unwrapKey(key, alg, tampered), alg + " key unwrap failed");
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, alg, Arrays.copyOf(ciphertext, 255), null, null, null),
        "Ciphertext for " + alg + " with a 2048-bit key must be 256 bytes, got 255");
  }

  @Test
  void otherKeyTypesAndAlgorithmsAreRefused() {
    assertBadParameter(
        () -> KeyCrypto.encrypt(TestKeyMaterial.ec("P-256"), "RSA-OAEP", new byte[16], null, null),
        "Algorithm RSA-OAEP is not valid for a P-256 key");
    assertBadParameter(
        () -> KeyCrypto.encrypt(TestKeyMaterial.rsa(2048), "A128GCM", new byte[16], null, null),
        "Algorithm A128GCM is not valid for an RSA key");
    assertBadParameter(
        () ->
            KeyCrypto.encrypt(TestKeyMaterial.rsa(2048), "RSA-OAEP-384", new byte[16], null, null),
        "Algorithm RSA-OAEP-384 is not a valid encrypt algorithm for an RSA key (expected one of"
            + " RSA1_5, RSA-OAEP, RSA-OAEP-256)");
    assertBadParameter(
        () -> KeyCrypto.encrypt(TestKeyMaterial.rsa(2048), "RSA-OAEP", null, null, null),
        "Plaintext (value) is required for encrypt");
    assertThat(KeyCrypto.encryptionAlgorithms(TestKeyMaterial.rsa(2048)))
        .containsExactly("RSA1_5", "RSA-OAEP", "RSA-OAEP-256");
    assertThat(KeyCrypto.wrapAlgorithms(TestKeyMaterial.rsa(2048)))
        .containsExactly("RSA1_5", "RSA-OAEP", "RSA-OAEP-256");
    assertThat(KeyCrypto.encryptionAlgorithms(TestKeyMaterial.ec("P-256"))).isEmpty();
    assertThat(KeyCrypto.wrapAlgorithms(TestKeyMaterial.ec("P-256"))).isEmpty();
  }

  static int maxPlaintext(String alg, int k) {
    return switch (alg) {
      case "RSA1_5" -> k - 11;
      case "RSA-OAEP" -> k - 42;
      default -> k - 66;
    };
  }

  private static Cipher jdkCipher(String alg, int mode, KeyMaterial key) throws Exception {
    java.security.Key jcaKey =
        mode == Cipher.ENCRYPT_MODE ? key.publicKey() : key.keyPair().getPrivate();
    if (alg.equals("RSA1_5")) {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding", "SunJCE");
      cipher.init(mode, jcaKey);
      return cipher;
    }
    String hash = alg.equals("RSA-OAEP") ? "SHA-1" : "SHA-256";
    Cipher cipher =
        Cipher.getInstance(
            alg.equals("RSA-OAEP")
                ? "RSA/ECB/OAEPWithSHA-1AndMGF1Padding"
                : "RSA/ECB/OAEPWithSHA-256AndMGF1Padding",
            "SunJCE");
    cipher.init(
        mode,
        jcaKey,
        new OAEPParameterSpec(
            hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT));
    return cipher;
  }

  static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (seed * 31 + i * 7);
    }
    return bytes;
  }
}
