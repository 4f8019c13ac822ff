package dev.keybridge.localvault.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.VaultError;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key type and signature algorithm: KeyCrypto signs a digest and the JDK's own providers
 * (SunRsaSign, SunEC; Bouncy Castle for secp256k1) verify over the original message, and the
 * reverse.
 */
class SignatureInteropTest {
  private static final Provider BC = new BouncyCastleProvider();
  private static final byte[] MESSAGE =
      "keybridge signs what the JDK verifies".getBytes(StandardCharsets.UTF_8);

  static Stream<Arguments> keysAndAlgorithms() {
    List<Arguments> cases = new ArrayList<>();
    for (int bits : new int[] {2048, 3072, 4096}) {
      for (String alg : new String[] {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}) {
        cases.add(Arguments.of("RSA-" + bits, alg));
      }
    }
    cases.add(Arguments.of("P-256", "ES256"));
    cases.add(Arguments.of("P-384", "ES384"));
    cases.add(Arguments.of("P-521", "ES512"));
    cases.add(Arguments.of("P-256K", "ES256K"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("keysAndAlgorithms")
  void jdkVerifiesWhatKeyCryptoSigns(String keyName, String alg) throws Exception {
    KeyMaterial key = key(keyName);
    byte[] signature = KeyCrypto.sign(key, alg, digest(alg, MESSAGE));

    assertThat(signature).hasSize(expectedSignatureLength(key));
    Signature jdk = jdkSignature(alg);
    jdk.initVerify(key.publicKey());
    jdk.update(MESSAGE);
    assertThat(jdk.verify(signature)).as("JDK verification of the KeyCrypto signature").isTrue();
    assertThat(KeyCrypto.verify(key, alg, digest(alg, MESSAGE), signature)).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("keysAndAlgorithms")
  void keyCryptoVerifiesWhatTheJdkSigns(String keyName, String alg) throws Exception {
    KeyMaterial key = key(keyName);
    Signature jdk = jdkSignature(alg);
    jdk.initSign(key.keyPair().getPrivate());
    jdk.update(MESSAGE);
    byte[] signature = jdk.sign();
    byte[] digest = digest(alg, MESSAGE);

    assertThat(KeyCrypto.verify(key, alg, digest, signature)).isTrue();

    byte[] otherDigest = digest.clone();
    otherDigest[0] ^= 1;
    assertThat(KeyCrypto.verify(key, alg, otherDigest, signature)).isFalse();
    byte[] flipped = signature.clone();
    flipped[flipped.length / 2] ^= 0x10;
    assertThat(KeyCrypto.verify(key, alg, digest, flipped)).isFalse();
    assertThat(KeyCrypto.verify(key, alg, digest, Arrays.copyOf(signature, signature.length - 1)))
        .isFalse();
    assertThat(KeyCrypto.verify(key, alg, digest, Arrays.copyOf(signature, signature.length + 1)))
        .isFalse();
    assertThat(KeyCrypto.verify(key, alg, digest, new byte[0])).isFalse();
  }

  @Test
  void rsaPkcs1SignaturesAreDeterministicAndPssAreRandomized() {
    KeyMaterial key = TestKeyMaterial.rsa(2048);
    byte[] digest = digest("RS256", MESSAGE);
    assertThat(KeyCrypto.sign(key, "RS256", digest))
        .isEqualTo(KeyCrypto.sign(key, "RS256", digest));
    assertThat(KeyCrypto.sign(key, "PS256", digest))
        .isNotEqualTo(KeyCrypto.sign(key, "PS256", digest));
  }

  @Test
  void digestLengthMustMatchTheAlgorithm() {
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.rsa(2048), "RS256", new byte[31]),
        "Digest for RS256 must be 32 bytes, got 31");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.ec("P-521"), "ES512", new byte[48]),
        "Digest for ES512 must be 64 bytes, got 48");
    assertBadParameter(
        () -> KeyCrypto.verify(TestKeyMaterial.rsa(2048), "PS384", new byte[32], new byte[256]),
        "Digest for PS384 must be 48 bytes, got 32");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.ec("P-256"), "ES256", null),
        "Digest (value) is required for ES256");
  }

  @Test
  void algorithmMustSuitTheKey() {
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.ec("P-256"), "ES384", new byte[48]),
        "Algorithm ES384 is not valid for a P-256 key");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.ec("P-256"), "ES256K", new byte[32]),
        "Algorithm ES256K is not valid for a P-256 key");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.ec("P-256K"), "ES256", new byte[32]),
        "Algorithm ES256 is not valid for a P-256K key");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.rsa(2048), "ES256", new byte[32]),
        "Algorithm ES256 is not valid for an RSA key");
    assertBadParameter(
        () -> KeyCrypto.verify(TestKeyMaterial.ec("P-384"), "RS384", new byte[48], new byte[96]),
        "Algorithm RS384 is not valid for a P-384 key");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.oct(256), "RS256", new byte[32]),
        "Algorithm RS256 is not valid for a 256-bit oct-HSM key");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.rsa(2048), "RSA-OAEP", new byte[32]),
        "Algorithm RSA-OAEP is not a valid sign algorithm for an RSA key (expected one of"
            + " RS256, RS384, RS512, PS256, PS384, PS512)");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.oct(128), "HS256", new byte[32]),
        "Algorithm HS256 is not a valid sign algorithm; a 128-bit oct-HSM key does not support"
            + " sign");
    assertBadParameter(
        () -> KeyCrypto.sign(TestKeyMaterial.rsa(2048), null, new byte[32]),
        "Algorithm (alg) is required for sign");
  }

  @Test
  void signatureAlgorithmTablesListWhatEachKeyAccepts() {
    assertThat(KeyCrypto.signatureAlgorithms(TestKeyMaterial.rsa(2048)))
        .containsExactly("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
    assertThat(KeyCrypto.signatureAlgorithms(TestKeyMaterial.ec("P-256"))).containsExactly("ES256");
    assertThat(KeyCrypto.signatureAlgorithms(TestKeyMaterial.ec("P-384"))).containsExactly("ES384");
    assertThat(KeyCrypto.signatureAlgorithms(TestKeyMaterial.ec("P-521"))).containsExactly("ES512");
    assertThat(KeyCrypto.signatureAlgorithms(TestKeyMaterial.ec("P-256K")))
        .containsExactly("ES256K");
    assertThat(KeyCrypto.signatureAlgorithms(TestKeyMaterial.oct(256))).isEmpty();
  }

  @Test
  void verificationOnlyMaterialVerifiesButDoesNotSign() throws Exception {
    KeyMaterial full = TestKeyMaterial.ec("P-384");
    KeyMaterial publicOnly = KeyMaterial.fromPublicKey(full.publicKey());
    byte[] digest = digest("ES384", MESSAGE);
    assertThat(KeyCrypto.verify(publicOnly, "ES384", digest, KeyCrypto.sign(full, "ES384", digest)))
        .isTrue();
    assertBadParameter(
        () -> KeyCrypto.sign(publicOnly, "ES384", digest),
        "sign needs a private key; this key material is verification-only");
  }

  @Test
  void concurrentSignaturesWithOneKeyAreAllValid() throws Exception {
    KeyMaterial rsa = TestKeyMaterial.rsa(2048);
    KeyMaterial ec = TestKeyMaterial.ec("P-256");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        byte[] digest = digest("ES256", ("message " + i).getBytes(StandardCharsets.UTF_8));
        String alg = i % 3 == 0 ? "RS256" : i % 3 == 1 ? "PS256" : "ES256";
        KeyMaterial key = alg.equals("ES256") ? ec : rsa;
        results.add(
            pool.submit(
                () -> KeyCrypto.verify(key, alg, digest, KeyCrypto.sign(key, alg, digest))));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static KeyMaterial key(String name) {
    return name.startsWith("RSA-")
        ? TestKeyMaterial.rsa(Integer.parseInt(name.substring(4)))
        : TestKeyMaterial.ec(name);
  }

  static byte[] digest(String alg, byte[] message) {
    return WycheproofVectors.digest("SHA-" + alg.substring(2, 5), message);
  }

  private static int expectedSignatureLength(KeyMaterial key) {
    return key.isRsa() ? key.keySize() / 8 : 2 * ((key.keySize() + 7) / 8);
  }

  /** The JDK (or, for secp256k1, Bouncy Castle) signature over the message, raw r||s for EC. */
  private static Signature jdkSignature(String alg) throws Exception {
    String bits = alg.substring(2, 5);
    if (alg.startsWith("RS")) {
      return Signature.getInstance("SHA" + bits + "withRSA", "SunRsaSign");
    }
    if (alg.startsWith("PS")) {
      Signature pss = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
      String hash = "SHA-" + bits;
      pss.setParameter(
          new PSSParameterSpec(
              hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(bits) / 8, 1));
      return pss;
    }
    if (alg.equals("ES256K")) {
      return Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
    }
    return Signature.getInstance("SHA" + bits + "withECDSAinP1363Format", "SunEC");
  }

  static void assertBadParameter(Runnable operation, String message) {
    assertThatThrownBy(operation::run)
        .isInstanceOfSatisfying(
            VaultError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("BadParameter");
            })
        .hasMessage(message);
  }
}
