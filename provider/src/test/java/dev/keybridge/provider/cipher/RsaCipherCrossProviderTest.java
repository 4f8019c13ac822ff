package dev.keybridge.provider.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.provider.KeyBridgeProvider;
import dev.keybridge.provider.TestVaultKeys;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RSA Cipher service: SunJCE encrypts/wraps with the public key and keybridge decrypts/
 * unwraps in the vault; keybridge encrypts/wraps (locally) and SunJCE decrypts with the private key
 * of an imported key pair. Cases come from {@code provider.getServices()}.
 */
class RsaCipherCrossProviderTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final OAEPParameterSpec SHA1 =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
  private static final OAEPParameterSpec SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  private static final byte[] PLAINTEXT = "a secret for the vault".getBytes(StandardCharsets.UTF_8);

  private static KeyBridgeProvider provider;
  private static VaultRsaPrivateKey imported;
  private static KeyPair importedPair;
  private static VaultRsaPrivateKey created3072;

  @BeforeAll
  static void keys() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
    importedPair = TestVaultKeys.softwareRsa(2048);
    imported = keys.importRsa("cipher-imported-2048", importedPair);
    created3072 = keys.createRsa("cipher-created-3072", 3072);
  }

  /** (transformation, OAEP parameters given to keybridge or null). */
  static Stream<Arguments> rsaTransformations() {
    List<Arguments> cases = new ArrayList<>();
    for (Provider.Service service : new KeyBridgeProvider().getServices()) {
      String name = service.getAlgorithm();
      if (service.getType().equals("Cipher") && name.startsWith("RSA")) {
        cases.add(Arguments.of(name, null));
        if (name.equals("RSA/ECB/OAEPPadding")) {
          cases.add(Arguments.of(name, "SHA-256"));
          cases.add(Arguments.of(name, "SHA-1"));
        }
      }
    }
    return cases.stream();
  }

  /** The exact JDK parameters each keybridge transformation means (Key Vault's algorithms). */
  private static OAEPParameterSpec jdkParameters(String transformation, String oaepHash) {
    if (transformation.endsWith("PKCS1Padding")) {
      return null;
    }
    if (transformation.contains("SHA-256") || "SHA-256".equals(oaepHash)) {
      return SHA256;
    }
    return SHA1;
  }

  private static Cipher jdk(OAEPParameterSpec params) throws Exception {
    return Cipher.getInstance(
        params == null ? "RSA/ECB/PKCS1Padding" : "RSA/ECB/OAEPPadding", "SunJCE");
  }

  private static Cipher keybridge(String transformation) throws Exception {
    return Cipher.getInstance(transformation, provider);
  }

  private static OAEPParameterSpec given(String oaepHash) {
    return oaepHash == null ? null : oaepHash.equals("SHA-256") ? SHA256 : SHA1;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rsaTransformations")
  void jdkEncryptsKeybridgeDecryptsInTheVault(String transformation, String oaepHash)
      throws Exception {
    OAEPParameterSpec params = jdkParameters(transformation, oaepHash);
    for (VaultRsaPrivateKey key : List.of(imported, created3072)) {
      Cipher encrypt = jdk(params);
      encrypt.init(Cipher.ENCRYPT_MODE, key.publicKey(), params);
      byte[] ciphertext = encrypt.doFinal(PLAINTEXT);

      Cipher decrypt = keybridge(transformation);
      decrypt.init(Cipher.DECRYPT_MODE, key, given(oaepHash));
      decrypt.update(ciphertext, 0, 10);
      assertThat(decrypt.doFinal(ciphertext, 10, ciphertext.length - 10)).isEqualTo(PLAINTEXT);

      ciphertext[ciphertext.length - 1] ^= 1;
      assertThatThrownBy(() -> decrypt.doFinal(ciphertext))
          .isInstanceOf(BadPaddingException.class)
          .hasMessageContaining(key.keyId());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rsaTransformations")
  void keybridgeEncryptsLocallyJdkDecrypts(String transformation, String oaepHash)
      throws Exception {
    OAEPParameterSpec params = jdkParameters(transformation, oaepHash);
    Cipher encrypt = keybridge(transformation);
    encrypt.init(Cipher.ENCRYPT_MODE, imported, given(oaepHash)); // the handle's public key
    byte[] ciphertext = encrypt.doFinal(PLAINTEXT);

    Cipher decrypt = jdk(params);
    decrypt.init(Cipher.DECRYPT_MODE, importedPair.getPrivate(), params);
    assertThat(decrypt.doFinal(ciphertext)).isEqualTo(PLAINTEXT);
    if (params != null) {
      assertThat(
              encrypt
                  .getParameters()
                  .getParameterSpec(OAEPParameterSpec.class)
                  .getDigestAlgorithm())
          .isEqualTo(params.getDigestAlgorithm());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rsaTransformations")
  void wrapAndUnwrapBothWays(String transformation, String oaepHash) throws Exception {
    OAEPParameterSpec params = jdkParameters(transformation, oaepHash);
    SecretKey aes =
        new SecretKeySpec(
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, "AES");

    Cipher jdkWrap = jdk(params);
    jdkWrap.init(Cipher.WRAP_MODE, imported.publicKey(), params);
    Cipher unwrap = keybridge(transformation);
    unwrap.init(Cipher.UNWRAP_MODE, imported, given(oaepHash));
    assertThat(unwrap.unwrap(jdkWrap.wrap(aes), "AES", Cipher.SECRET_KEY)).isEqualTo(aes);

    Cipher wrap = keybridge(transformation);
    wrap.init(Cipher.WRAP_MODE, imported.publicKey(), given(oaepHash));
    Cipher jdkUnwrap = jdk(params);
    jdkUnwrap.init(Cipher.UNWRAP_MODE, importedPair.getPrivate(), params);
    assertThat(jdkUnwrap.unwrap(wrap.wrap(aes), "AES", Cipher.SECRET_KEY)).isEqualTo(aes);
  }

  @Test
  void oaepWithSha256MeansMgf1Sha256AndOtherParametersAreRejected() throws Exception {
    Cipher cipher = keybridge("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    OAEPParameterSpec jdkDefault =
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
    assertThatThrownBy(() -> cipher.init(Cipher.DECRYPT_MODE, imported, jdkDefault))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("RSA-OAEP-256 (SHA-256 with MGF1-SHA-256)");
    OAEPParameterSpec labelled =
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(new byte[] {1}));
    assertThatThrownBy(() -> cipher.init(Cipher.DECRYPT_MODE, imported, labelled))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("no label");
    assertThatThrownBy(
            () ->
                keybridge("RSA/ECB/OAEPWithSHA-1AndMGF1Padding")
                    .init(Cipher.DECRYPT_MODE, imported, SHA256))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("RSA/ECB/OAEPPadding");
  }

  @Test
  void tooLongCiphertextsAndSoftwareKeysFailPrecisely() throws Exception {
    Cipher cipher = keybridge("RSA/ECB/PKCS1Padding");
    cipher.init(Cipher.DECRYPT_MODE, imported);
    assertThatThrownBy(() -> cipher.doFinal(new byte[257]))
        .isInstanceOf(IllegalBlockSizeException.class)
        .hasMessageContaining("at most 256");
    assertThatThrownBy(() -> cipher.init(Cipher.DECRYPT_MODE, importedPair.getPrivate()))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("software");
    Cipher encrypt = keybridge("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    encrypt.init(Cipher.ENCRYPT_MODE, imported);
    assertThatThrownBy(() -> encrypt.doFinal(new byte[256 - 66 + 1]))
        .isInstanceOf(IllegalBlockSizeException.class);
  }
}
