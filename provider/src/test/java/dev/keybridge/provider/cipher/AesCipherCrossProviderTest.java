package dev.keybridge.provider.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.provider.KeyBridgeProvider;
import dev.keybridge.provider.TestVaultKeys;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AES Cipher service x every key size it takes, on a Managed HSM vault with imported (known)
 * AES keys: keybridge encrypts/wraps in the vault and SunJCE decrypts/unwraps, and the reverse.
 * Cases come from {@code provider.getServices()}.
 */
class AesCipherCrossProviderTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PLAINTEXT =
      "AES in the HSM, 37 bytes of plaintext".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "header".getBytes(StandardCharsets.UTF_8);

  private static KeyBridgeProvider provider;
  private static final Map<Integer, VaultSecretKey> HANDLES = new HashMap<>();
  private static final Map<Integer, SecretKey> MATERIAL = new HashMap<>();

  @BeforeAll
  static void importKeys() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
    for (int size : List.of(128, 192, 256)) {
      byte[] material = new byte[size / 8];
      RANDOM.nextBytes(material);
      MATERIAL.put(size, new SecretKeySpec(material, "AES"));
      HANDLES.put(size, keys.importAes("aes-" + size, material));
    }
  }

  /** (transformation, key size) for every AES service and every size it accepts. */
  static Stream<Arguments> aesCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Provider.Service service : new KeyBridgeProvider().getServices()) {
      String name = service.getAlgorithm();
      if (!service.getType().equals("Cipher") || !name.startsWith("AES")) {
        continue;
      }
      List<Integer> sizes =
          name.startsWith("AES_")
              ? List.of(Integer.parseInt(name.substring(4, 7)))
              : List.of(128, 192, 256);
      sizes.forEach(size -> cases.add(Arguments.of(name, size)));
    }
    return cases.stream();
  }

  private static String mode(String transformation) {
    return transformation.split("/")[1];
  }

  /** SunJCE's name for the same thing, used with the raw key material. */
  private static Cipher jdk(String transformation) throws Exception {
    String[] parts = transformation.split("/");
    return Cipher.getInstance("AES/" + parts[1] + "/" + parts[2], "SunJCE");
  }

  @ParameterizedTest(name = "{0} AES-{1}")
  @MethodSource("aesCases")
  void keybridgeThenJdk(String transformation, int size) throws Exception {
    VaultSecretKey handle = HANDLES.get(size);
    SecretKey material = MATERIAL.get(size);
    Cipher keybridge = Cipher.getInstance(transformation, provider);
    Cipher jdk = jdk(transformation);
    switch (mode(transformation)) {
      case "GCM" -> {
        keybridge.init(Cipher.ENCRYPT_MODE, handle);
        keybridge.updateAAD(AAD);
        byte[] sealed = keybridge.doFinal(PLAINTEXT);
        assertThat(sealed).hasSize(PLAINTEXT.length + 16);
        assertThat(keybridge.getIV()).hasSize(12);
        jdk.init(Cipher.DECRYPT_MODE, material, keybridge.getParameters());
        jdk.updateAAD(AAD);
        assertThat(jdk.doFinal(sealed)).isEqualTo(PLAINTEXT);
      }
      case "CBC" -> {
        byte[] plaintext =
            transformation.endsWith("NoPadding") ? Arrays.copyOf(PLAINTEXT, 32) : PLAINTEXT;
        keybridge.init(Cipher.ENCRYPT_MODE, handle); // the vault makes the IV
        byte[] ciphertext = keybridge.doFinal(plaintext);
        jdk.init(Cipher.DECRYPT_MODE, material, new IvParameterSpec(keybridge.getIV()));
        assertThat(jdk.doFinal(ciphertext)).isEqualTo(plaintext);

        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        keybridge.init(Cipher.ENCRYPT_MODE, handle, new IvParameterSpec(iv));
        byte[] withIv = keybridge.doFinal(plaintext);
        jdk.init(Cipher.ENCRYPT_MODE, material, new IvParameterSpec(iv));
        assertThat(withIv).isEqualTo(jdk.doFinal(plaintext));
      }
      case "KW", "KWP" -> {
        byte[] secret = new byte[mode(transformation).equals("KW") ? 32 : 20];
        RANDOM.nextBytes(secret);
        SecretKey toWrap = new SecretKeySpec(secret, "HmacSHA256");
        keybridge.init(Cipher.WRAP_MODE, handle);
        byte[] wrapped = keybridge.wrap(toWrap);
        jdk.init(Cipher.UNWRAP_MODE, material);
        assertThat(jdk.unwrap(wrapped, "HmacSHA256", Cipher.SECRET_KEY)).isEqualTo(toWrap);
        jdk.init(Cipher.WRAP_MODE, material);
        assertThat(wrapped).isEqualTo(jdk.wrap(toWrap)); // deterministic: byte-equal
      }
      default -> throw new AssertionError("No test for the new AES mode " + transformation);
    }
  }

  @ParameterizedTest(name = "{0} AES-{1}")
  @MethodSource("aesCases")
  void jdkThenKeybridge(String transformation, int size) throws Exception {
    VaultSecretKey handle = HANDLES.get(size);
    SecretKey material = MATERIAL.get(size);
    Cipher keybridge = Cipher.getInstance(transformation, provider);
    Cipher jdk = jdk(transformation);
    switch (mode(transformation)) {
      case "GCM" -> {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        jdk.init(Cipher.ENCRYPT_MODE, material, new GCMParameterSpec(128, iv));
        jdk.updateAAD(AAD);
        byte[] sealed = jdk.doFinal(PLAINTEXT);
        keybridge.init(Cipher.DECRYPT_MODE, handle, new GCMParameterSpec(128, iv));
        keybridge.updateAAD(AAD);
        keybridge.update(sealed, 0, 5);
        assertThat(keybridge.doFinal(sealed, 5, sealed.length - 5)).isEqualTo(PLAINTEXT);

        sealed[0] ^= 1;
        keybridge.updateAAD(AAD);
        assertThatThrownBy(() -> keybridge.doFinal(sealed))
            .isInstanceOf(AEADBadTagException.class)
            .hasMessageContaining(handle.keyId());
      }
      case "CBC" -> {
        boolean padded = transformation.endsWith("PKCS5Padding");
        byte[] plaintext = padded ? PLAINTEXT : Arrays.copyOf(PLAINTEXT, 48);
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        jdk.init(Cipher.ENCRYPT_MODE, material, new IvParameterSpec(iv));
        byte[] ciphertext = jdk.doFinal(plaintext);
        keybridge.init(Cipher.DECRYPT_MODE, handle, new IvParameterSpec(iv));
        assertThat(keybridge.doFinal(ciphertext)).isEqualTo(plaintext);
        if (padded) {
          // A last block that decrypts to bad padding: the vault refuses, keybridge says so.
          byte[] bad = jdkEncryptNoPadding(material, iv, new byte[16]);
          assertThatThrownBy(() -> keybridge.doFinal(bad))
              .isInstanceOf(BadPaddingException.class)
              .hasMessageContaining(handle.keyId());
        } else {
          assertThatThrownBy(() -> keybridge.doFinal(new byte[15]))
              .isInstanceOf(IllegalBlockSizeException.class);
        }
      }
      case "KW", "KWP" -> {
        SecretKey toWrap =
            new SecretKeySpec(
                mode(transformation).equals("KW") ? new byte[24] : new byte[13], "AES");
        jdk.init(Cipher.WRAP_MODE, material);
        byte[] wrapped = jdk.wrap(toWrap);
        keybridge.init(Cipher.UNWRAP_MODE, handle);
        assertThat(keybridge.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded())
            .isEqualTo(toWrap.getEncoded());
        wrapped[3] ^= 1;
        assertThatThrownBy(() -> keybridge.unwrap(wrapped, "AES", Cipher.SECRET_KEY))
            .isInstanceOf(InvalidKeyException.class)
            .hasMessageContaining(handle.keyId());
      }
      default -> throw new AssertionError("No test for the new AES mode " + transformation);
    }
  }

  private static byte[] jdkEncryptNoPadding(SecretKey key, byte[] iv, byte[] block)
      throws Exception {
    Cipher raw = Cipher.getInstance("AES/CBC/NoPadding", "SunJCE");
    raw.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    return raw.doFinal(block);
  }

  @Test
  void sizeSpecificNamesRefuseOtherKeySizes() throws Exception {
    Cipher cipher = Cipher.getInstance("AES_256/GCM/NoPadding", provider);
    assertThatThrownBy(() -> cipher.init(Cipher.ENCRYPT_MODE, HANDLES.get(128)))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("needs a 256-bit AES key")
        .hasMessageContaining("has 128 bits");
  }

  @Test
  void gcmEncryptionTakesNoIvAndDecryptionNeedsOne() throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    assertThatThrownBy(
            () ->
                cipher.init(
                    Cipher.ENCRYPT_MODE, HANDLES.get(256), new GCMParameterSpec(128, new byte[12])))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("the vault generates");
    assertThatThrownBy(() -> cipher.init(Cipher.DECRYPT_MODE, HANDLES.get(256)))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("GCMParameterSpec");
    assertThatThrownBy(
            () ->
                cipher.init(
                    Cipher.DECRYPT_MODE, HANDLES.get(256), new GCMParameterSpec(96, new byte[12])))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("128 bits");
  }

  @Test
  void gcmWithAnEmptyPlaintextAuthenticatesTheAadOnly() throws Exception {
    Cipher keybridge = Cipher.getInstance("AES/GCM/NoPadding", provider);
    keybridge.init(Cipher.ENCRYPT_MODE, HANDLES.get(256));
    keybridge.updateAAD(AAD);
    byte[] tagOnly = keybridge.doFinal();
    assertThat(tagOnly).hasSize(16);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    jdk.init(Cipher.DECRYPT_MODE, MATERIAL.get(256), keybridge.getParameters());
    jdk.updateAAD(AAD);
    assertThat(jdk.doFinal(tagOnly)).isEmpty();

    Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
    decrypt.init(Cipher.DECRYPT_MODE, HANDLES.get(256), keybridge.getParameters());
    decrypt.updateAAD(AAD);
    assertThat(decrypt.doFinal(tagOnly)).isEmpty();
  }

  @Test
  void everyGcmEncryptionGetsAFreshVaultIv() throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    cipher.init(Cipher.ENCRYPT_MODE, HANDLES.get(128));
    cipher.doFinal(PLAINTEXT);
    byte[] first = cipher.getIV();
    cipher.doFinal(PLAINTEXT);
    assertThat(cipher.getIV()).isNotEqualTo(first);
  }
}
