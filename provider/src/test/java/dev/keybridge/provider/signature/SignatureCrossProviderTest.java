package dev.keybridge.provider.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.provider.KeyBridgeProvider;
import dev.keybridge.provider.TestVaultKeys;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Signature service of the provider x every key it can sign with: keybridge signs in the
 * vault and SunRsaSign / SunEC / Bouncy Castle verify; the JDK signs with software keys and
 * keybridge verifies. Cases come from {@code provider.getServices()}, so a new algorithm without a
 * key mapping here fails the case generation instead of going untested.
 */
class SignatureCrossProviderTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final Provider BC = new BouncyCastleProvider();
  private static final byte[] MESSAGE = "keybridge signs this".getBytes(StandardCharsets.UTF_8);
  private static final List<String> RSA_KEYS = List.of("RSA-2048", "RSA-3072", "RSA-4096");
  // every ECDSA hash with every curve, as the JDK allows (JDK 25's jarsigner signs P-256 keys
  // with SHA384withECDSA by default)
  private static final List<String> CURVES = List.of("P-256", "P-256K", "P-384", "P-521");

  private static KeyBridgeProvider provider;
  private static final Map<String, VaultPrivateKey> VAULT_KEYS = new LinkedHashMap<>();
  private static final Map<String, KeyPair> SOFTWARE_KEYS = new LinkedHashMap<>();

  @BeforeAll
  static void createKeys() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
    for (String label : RSA_KEYS) {
      int bits = Integer.parseInt(label.substring(4));
      VAULT_KEYS.put(label, keys.createRsa("sig-rsa-" + bits, bits));
    }
    for (String curve : List.of("P-256", "P-256K", "P-384", "P-521")) {
      VAULT_KEYS.put(curve, keys.createEc("sig-ec-" + curve.replace("-", ""), curve));
    }
    SOFTWARE_KEYS.put("RSA", TestVaultKeys.softwareRsa(2048));
    for (String curve : List.of("P-256", "P-256K", "P-384", "P-521")) {
      KeyPairGenerator generator =
          curve.equals("P-256K")
              ? KeyPairGenerator.getInstance("EC", BC)
              : KeyPairGenerator.getInstance("EC", "SunEC");
      generator.initialize(new ECGenParameterSpec(secName(curve)));
      SOFTWARE_KEYS.put(curve, generator.generateKeyPair());
    }
  }

  /** (algorithm, vault key label, PSS parameters or null) for every registered Signature. */
  static Stream<Arguments> signatureCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Provider.Service service : new KeyBridgeProvider().getServices()) {
      if (!service.getType().equals("Signature")) {
        continue;
      }
      String algorithm = service.getAlgorithm();
      for (String key : keysFor(algorithm)) {
        if (algorithm.equals("RSASSA-PSS")) {
          for (String hash : List.of("SHA-256", "SHA-384", "SHA-512")) {
            cases.add(Arguments.of(algorithm, key, hash));
          }
        } else {
          cases.add(Arguments.of(algorithm, key, null));
        }
      }
    }
    return cases.stream();
  }

  private static List<String> keysFor(String algorithm) {
    if (algorithm.contains("RSA")) {
      return RSA_KEYS;
    }
    if (algorithm.contains("ECDSA")) {
      return CURVES;
    }
    throw new AssertionError("No test keys for the new Signature algorithm " + algorithm);
  }

  @ParameterizedTest(name = "{0} with {1} {2}")
  @MethodSource("signatureCases")
  void keybridgeSignsAndTheJdkVerifies(String algorithm, String keyLabel, String pssHash)
      throws Exception {
    VaultPrivateKey key = VAULT_KEYS.get(keyLabel);
    Signature signer = Signature.getInstance(algorithm, provider);
    if (pssHash != null) {
      signer.setParameter(pss(pssHash)); // before initSign, as JSSE and jarsigner do
    }
    signer.initSign(key);
    signer.update(MESSAGE);
    byte[] signature = signer.sign();

    checkFormat(algorithm, key, signature);
    Signature verifier = jdkVerifier(algorithm, keyLabel, pssHash);
    verifier.initVerify(key.publicKey());
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).as("%s verifies", verifier.getProvider()).isTrue();

    // keybridge's own verification: local, with the handle's public key.
    Signature localVerifier = Signature.getInstance(algorithm, provider);
    localVerifier.initVerify(key.publicKey());
    if (pssHash != null) {
      localVerifier.setParameter(pss(pssHash)); // after init this time
    }
    localVerifier.update(MESSAGE);
    assertThat(localVerifier.verify(signature)).isTrue();
    localVerifier.update("another message".getBytes(StandardCharsets.UTF_8));
    assertThat(localVerifier.verify(signature)).isFalse();
  }

  @ParameterizedTest(name = "{0} with software {1} {2}")
  @MethodSource("signatureCases")
  void theJdkSignsAndKeybridgeVerifies(String algorithm, String keyLabel, String pssHash)
      throws Exception {
    KeyPair software = SOFTWARE_KEYS.get(keyLabel.startsWith("RSA") ? "RSA" : keyLabel);
    Signature jdk = jdkVerifier(algorithm, keyLabel, pssHash);
    jdk.initSign(software.getPrivate());
    jdk.update(MESSAGE);
    byte[] signature = jdk.sign();

    Signature verifier = Signature.getInstance(algorithm, provider);
    if (pssHash != null) {
      verifier.setParameter(pss(pssHash));
    }
    verifier.initVerify(software.getPublic());
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).isTrue();
    signature[signature.length / 2] ^= 1;
    verifier.update(MESSAGE);
    assertThat(verifyOrReject(verifier, signature)).isFalse();
  }

  @Test
  void pssParametersMayAlsoBeSetAfterInitSign() throws Exception {
    VaultRsaPrivateKey key = (VaultRsaPrivateKey) VAULT_KEYS.get("RSA-2048");
    Signature signer = Signature.getInstance("RSASSA-PSS", provider);
    signer.initSign(key);
    signer.setParameter(pss("SHA-384"));
    signer.update(MESSAGE);
    byte[] signature = signer.sign();
    assertThat(signer.getParameters().getParameterSpec(PSSParameterSpec.class).getSaltLength())
        .isEqualTo(48);

    Signature verifier = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
    verifier.initVerify(key.publicKey());
    verifier.setParameter(pss("SHA-384"));
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void pssParametersKeyVaultDoesNotHaveAreRejectedPrecisely() throws Exception {
    Signature signer = Signature.getInstance("RSASSA-PSS", provider);
    assertThatThrownBy(
            () ->
                signer.setParameter(
                    new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA1, 32, 1)))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("MGF1 must use the message digest, SHA-256");
    assertThatThrownBy(
            () ->
                signer.setParameter(
                    new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1)))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("salt length must equal the digest length, 32 bytes");
    assertThatThrownBy(() -> signer.setParameter(PSSParameterSpec.DEFAULT))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("SHA-256, SHA-384 or SHA-512");
    Signature fixed = Signature.getInstance("SHA256withRSA/PSS", provider);
    assertThatThrownBy(() -> fixed.setParameter(pss("SHA-512")))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("fixes its parameters");
  }

  @Test
  void rsassaPssWithoutParametersFailsBeforeData() throws Exception {
    Signature signer = Signature.getInstance("RSASSA-PSS", provider);
    signer.initSign(VAULT_KEYS.get("RSA-2048"));
    assertThatThrownBy(() -> signer.update(MESSAGE)).hasMessageContaining("PSSParameterSpec");
  }

  @Test
  void aHashLongerThanTheCurveSendsItsLeftmostBytesAndOneShorterIsPadded() throws Exception {
    // SHA-384 with P-256: the vault's ES256 receives the first 32 bytes of the SHA-384 hash, which
    // is what ECDSA signs; a software P-256 key signing the same digest bytes agrees
    VaultEcPrivateKey p256 = (VaultEcPrivateKey) VAULT_KEYS.get("P-256");
    Signature signer = Signature.getInstance("SHA384withECDSAinP1363Format", provider);
    signer.initSign(p256);
    signer.update(MESSAGE);
    byte[] signature = signer.sign();
    byte[] cut = Arrays.copyOf(MessageDigest.getInstance("SHA-384").digest(MESSAGE), 32);
    Signature raw = Signature.getInstance("NONEwithECDSAinP1363Format", "SunEC");
    raw.initVerify(p256.publicKey());
    raw.update(cut);
    assertThat(raw.verify(signature)).isTrue();

    // SHA-256 with P-521: ES512 receives 32 zero bytes, then the hash
    VaultEcPrivateKey p521 = (VaultEcPrivateKey) VAULT_KEYS.get("P-521");
    Signature longer = Signature.getInstance("SHA256withECDSA", provider);
    longer.initSign(p521);
    longer.update(MESSAGE);
    Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
    jdk.initVerify(p521.publicKey());
    jdk.update(MESSAGE);
    assertThat(jdk.verify(longer.sign())).isTrue();
  }

  @Test
  void wrongKeyTypesAreInvalidKeysNotClassCasts() throws Exception {
    assertThatThrownBy(
            () ->
                Signature.getInstance("SHA256withECDSA", provider)
                    .initSign(VAULT_KEYS.get("RSA-2048")))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("EC");
    assertThatThrownBy(
            () ->
                Signature.getInstance("SHA256withRSA", provider).initSign(VAULT_KEYS.get("P-256")))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("RSA");
    assertThatThrownBy(
            () ->
                Signature.getInstance("SHA256withRSA", provider)
                    .initSign(SOFTWARE_KEYS.get("RSA").getPrivate()))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("software");
  }

  private static boolean verifyOrReject(Signature verifier, byte[] signature) {
    try {
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // a damaged DER encoding may be refused outright: also a rejection
    }
  }

  /** RSA: modulus length; P1363: 2 x field bytes; DER: a SEQUENCE no longer than that + 9. */
  private static void checkFormat(String algorithm, VaultPrivateKey key, byte[] signature) {
    if (key instanceof VaultRsaPrivateKey rsa) {
      assertThat(signature).hasSize((rsa.getModulus().bitLength() + 7) / 8);
      return;
    }
    int field =
        (((VaultEcPrivateKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
    if (algorithm.endsWith("inP1363Format")) {
      assertThat(signature).hasSize(2 * field);
    } else {
      assertThat(signature[0]).isEqualTo((byte) 0x30);
      assertThat(signature.length).isBetween(8, 2 * field + 9);
    }
  }

  /** The independent verifier: JDK providers by name, Bouncy Castle for secp256k1. */
  static Signature jdkVerifier(String algorithm, String keyLabel, String pssHash) throws Exception {
    if (algorithm.equals("RSASSA-PSS") || algorithm.endsWith("/PSS")) {
      String hash = pssHash != null ? pssHash : "SHA-" + algorithm.substring(3, 6);
      Signature verifier = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
      verifier.setParameter(pss(hash));
      return verifier;
    }
    if (algorithm.contains("RSA")) {
      return Signature.getInstance(algorithm, "SunRsaSign");
    }
    if (keyLabel.equals("P-256K")) {
      String hash = "SHA" + algorithm.substring(3, 6);
      return Signature.getInstance(
          hash + (algorithm.endsWith("inP1363Format") ? "withPLAIN-ECDSA" : "withECDSA"), BC);
    }
    return Signature.getInstance(algorithm, "SunEC");
  }

  static PSSParameterSpec pss(String hash) {
    int length = Integer.parseInt(hash.substring(4)) / 8;
    return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), length, 1);
  }

  private static String secName(String curve) {
    return switch (curve) {
      case "P-256" -> "secp256r1";
      case "P-256K" -> "secp256k1";
      case "P-384" -> "secp384r1";
      default -> "secp521r1";
    };
  }
}
