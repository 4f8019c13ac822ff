package dev.keybridge.localvault.crypto;

import static dev.keybridge.localvault.crypto.RsaEncryptionInteropTest.bytes;
import static dev.keybridge.localvault.crypto.SignatureInteropTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AES-GCM, AES-CBC(-PAD) and AES key wrap against the JDK's SunJCE and, as an implementation
 * independent of the one KeyCrypto uses, Bouncy Castle.
 */
class AesInteropTest {
  private static final Provider BC = new BouncyCastleProvider();

  @ParameterizedTest(name = "A{0}GCM")
  @ValueSource(ints = {128, 192, 256})
  void gcmInteroperatesWithTheJdk(int bits) throws Exception {
    KeyMaterial key = TestKeyMaterial.oct(bits);
    String alg = "A" + bits + "GCM";
    byte[] plaintext = bytes(45, 1);
    byte[] aad = bytes(20, 2);

    CipherResult result = KeyCrypto.encrypt(key, alg, plaintext, null, aad);
    assertThat(result.iv()).hasSize(12);
    assertThat(result.tag()).hasSize(16);
    assertThat(result.ciphertext()).hasSize(plaintext.length);
    for (Provider provider : new Provider[] {null, BC}) {
      Cipher jdk = cipher("AES/GCM/NoPadding", provider);
      jdk.init(Cipher.DECRYPT_MODE, secret(key), new GCMParameterSpec(128, result.iv()));
      jdk.updateAAD(aad);
      assertThat(jdk.doFinal(concat(result.ciphertext(), result.tag()))).isEqualTo(plaintext);
    }

    byte[] iv = bytes(12, 3);
    Cipher jdk = cipher("AES/GCM/NoPadding", null);
    jdk.init(Cipher.ENCRYPT_MODE, secret(key), new GCMParameterSpec(128, iv));
    jdk.updateAAD(aad);
    byte[] sealed = jdk.doFinal(plaintext);
    byte[] ct = Arrays.copyOf(sealed, plaintext.length);
    byte[] tag = Arrays.copyOfRange(sealed, plaintext.length, sealed.length);
    assertThat(KeyCrypto.decrypt(key, alg, ct, iv, aad, tag)).isEqualTo(plaintext);
    CipherResult withIv = KeyCrypto.encrypt(key, alg, plaintext, iv, aad);
    assertThat(withIv.ciphertext()).isEqualTo(ct);
    assertThat(withIv.tag()).isEqualTo(tag);
    assertThat(withIv.iv()).isEqualTo(iv);

    byte[] badTag = tag.clone();
    badTag[0] ^= 1;
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, alg, ct, iv, aad, badTag), alg + " decryption failed");
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, alg, ct, iv, null, tag), alg + " decryption failed");
  }

  @Test
  void gcmChecksIvAndTagSizes() {
    KeyMaterial key = TestKeyMaterial.oct(256);
    assertBadParameter(
        () -> KeyCrypto.encrypt(key, "A256GCM", new byte[8], new byte[16], null),
        "IV for A256GCM must be 12 bytes, got 16");
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, "A256GCM", new byte[8], new byte[12], null, new byte[12]),
        "Authentication tag for A256GCM must be 16 bytes, got 12");
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, "A256GCM", new byte[8], new byte[12], null, null),
        "Authentication tag (tag) is required for A256GCM decryption");
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, "A256GCM", new byte[8], null, null, new byte[16]),
        "IV (iv) is required for A256GCM decryption");
    assertThat(KeyCrypto.encrypt(key, "A256GCM", new byte[8], null, null).iv())
        .isNotEqualTo(KeyCrypto.encrypt(key, "A256GCM", new byte[8], null, null).iv());
  }

  @ParameterizedTest(name = "{0}-bit CBC and CBCPAD")
  @ValueSource(ints = {128, 192, 256})
  void cbcInteroperatesWithTheJdk(int bits) throws Exception {
    KeyMaterial key = TestKeyMaterial.oct(bits);
    byte[] blocks = bytes(48, 4);
    byte[] odd = bytes(37, 5);
    for (String alg : new String[] {"A" + bits + "CBC", "A" + bits + "CBCPAD"}) {
      boolean pad = alg.endsWith("PAD");
      byte[] plaintext = pad ? odd : blocks;
      String transformation = pad ? "AES/CBC/PKCS5Padding" : "AES/CBC/NoPadding";

      CipherResult result = KeyCrypto.encrypt(key, alg, plaintext, null, null);
      assertThat(result.iv()).hasSize(16);
      assertThat(result.tag()).isNull();
      for (Provider provider : new Provider[] {null, BC}) {
        Cipher jdk = cipher(transformation, provider);
        jdk.init(Cipher.DECRYPT_MODE, secret(key), new IvParameterSpec(result.iv()));
        assertThat(jdk.doFinal(result.ciphertext())).isEqualTo(plaintext);
      }

      byte[] iv = bytes(16, 6);
      Cipher jdk = cipher(transformation, null);
      jdk.init(Cipher.ENCRYPT_MODE, secret(key), new IvParameterSpec(iv));
      byte[] ct = jdk.doFinal(plaintext);
      assertThat(KeyCrypto.decrypt(key, alg, ct, iv, null, null)).isEqualTo(plaintext);
      assertThat(KeyCrypto.encrypt(key, alg, plaintext, iv, null).ciphertext()).isEqualTo(ct);
    }
    assertBadParameter(
        () -> KeyCrypto.encrypt(key, "A" + bits + "CBC", odd, null, null),
        "Plaintext for A" + bits + "CBC must be a multiple of 16 bytes, got 37");
    assertBadParameter(
        () -> KeyCrypto.encrypt(key, "A" + bits + "CBC", blocks, new byte[12], null),
        "IV for A" + bits + "CBC must be 16 bytes, got 12");
  }

  @Test
  void cbcPadWithBadPaddingIsRefused() throws Exception {
    KeyMaterial key = TestKeyMaterial.oct(128);
    byte[] iv = bytes(16, 1);
    // A block whose plaintext ends in 0x00 is not valid PKCS#7.
    Cipher raw = cipher("AES/CBC/NoPadding", null);
    raw.init(Cipher.ENCRYPT_MODE, secret(key), new IvParameterSpec(iv));
    byte[] ct = raw.doFinal(new byte[16]);
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, "A128CBCPAD", ct, iv, null, null),
        "A128CBCPAD decryption failed");
    assertBadParameter(
        () -> KeyCrypto.decrypt(key, "A128CBCPAD", new byte[15], iv, null, null),
        "Ciphertext for A128CBCPAD must be a non-empty multiple of 16 bytes, got 15");
  }

  @ParameterizedTest(name = "{0}-bit key wrap")
  @ValueSource(ints = {128, 192, 256})
  void keyWrapInteroperatesWithTheJdk(int bits) throws Exception {
    KeyMaterial key = TestKeyMaterial.oct(bits);
    SecretKey toWrap = new SecretKeySpec(bytes(32, 7), "AES");
    for (String alg : new String[] {"A" + bits + "KW", "CKM_AES_KEY_WRAP"}) {
      byte[] wrapped = KeyCrypto.wrapKey(key, alg, toWrap.getEncoded());
      for (Provider provider : new Provider[] {null, BC}) {
        Cipher jdk = cipher("AESWrap", provider);
        jdk.init(Cipher.WRAP_MODE, secret(key));
        assertThat(jdk.wrap(toWrap)).isEqualTo(wrapped);
      }
      assertThat(KeyCrypto.unwrapKey(key, alg, wrapped)).isEqualTo(toWrap.getEncoded());
    }
    byte[] odd = bytes(21, 8);
    byte[] wrapped = KeyCrypto.wrapKey(key, "CKM_AES_KEY_WRAP_PAD", odd);
    for (String transformation : new String[] {"AES/KWP/NoPadding", "AESWrapPad"}) {
      Provider provider = transformation.equals("AESWrapPad") ? BC : null;
      Cipher jdk = cipher(transformation, provider);
      jdk.init(Cipher.UNWRAP_MODE, secret(key));
      assertThat(jdk.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded()).isEqualTo(odd);
      jdk.init(Cipher.WRAP_MODE, secret(key));
      assertThat(jdk.wrap(new SecretKeySpec(odd, "AES"))).isEqualTo(wrapped);
    }
    assertThat(KeyCrypto.unwrapKey(key, "CKM_AES_KEY_WRAP_PAD", wrapped)).isEqualTo(odd);

    byte[] tampered = wrapped.clone();
    tampered[3] ^= 1;
    assertBadParameter(
        () -> KeyCrypto.unwrapKey(key, "CKM_AES_KEY_WRAP_PAD", tampered),
        "CKM_AES_KEY_WRAP_PAD key unwrap failed");
  }

  @Test
  void keySizeMustMatchTheAlgorithm() {
    assertBadParameter(
        () -> KeyCrypto.encrypt(TestKeyMaterial.oct(128), "A256GCM", new byte[16], null, null),
        "Algorithm A256GCM is not valid for a 128-bit oct-HSM key");
    assertBadParameter(
        () -> KeyCrypto.wrapKey(TestKeyMaterial.oct(192), "A128KW", new byte[16]),
        "Algorithm A128KW is not valid for a 192-bit oct-HSM key");
    assertBadParameter(
        () -> KeyCrypto.wrapKey(TestKeyMaterial.oct(128), "A128KW", new byte[12]),
        "Key to wrap with A128KW must be a multiple of 8 bytes and at least 16 bytes, got 12");
    assertBadParameter(
        () -> KeyCrypto.unwrapKey(TestKeyMaterial.oct(128), "CKM_AES_KEY_WRAP", new byte[20]),
        "Wrapped key for CKM_AES_KEY_WRAP must be a multiple of 8 bytes and at least 24 bytes,"
            + " got 20");
    assertThat(KeyCrypto.encryptionAlgorithms(TestKeyMaterial.oct(192)))
        .containsExactly("A192GCM", "A192CBC", "A192CBCPAD");
    assertThat(KeyCrypto.wrapAlgorithms(TestKeyMaterial.oct(192)))
        .containsExactly("A192KW", "CKM_AES_KEY_WRAP", "CKM_AES_KEY_WRAP_PAD");
  }

  private static Cipher cipher(String transformation, Provider provider) throws Exception {
    return provider == null
        ? Cipher.getInstance(transformation, "SunJCE")
        : Cipher.getInstance(transformation, provider);
  }

  private static SecretKey secret(KeyMaterial key) {
    return new SecretKeySpec(Jwk.bytes(key.privateJwk(), "k"), "AES");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
