package dev.keybridge.localvault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.models.DecryptParameters;
import com.azure.security.keyvault.keys.cryptography.models.EncryptParameters;
import com.azure.security.keyvault.keys.cryptography.models.EncryptResult;
import com.azure.security.keyvault.keys.cryptography.models.EncryptionAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crypto through the official CryptographyClient, every result cross-checked with the JDK
 * (SunRsaSign, SunEC, SunJCE) or Bouncy Castle (secp256k1).
 */
class KeyCryptoConformanceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final byte[] MESSAGE = "keybridge conformance".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private static KeyClient keys;
  private static KeyPair rsa;
  private static String rsaKid;

  @BeforeAll
  static void importRsaKey() throws Exception {
    keys = VAULT.sdk().keyClient();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa = g.generateKeyPair();
    rsaKid = keys.importKey("jdk-rsa", JsonWebKey.fromRsa(rsa)).getId();
  }

  private static CryptographyClient crypto(String kid) {
    return VAULT.sdk().cryptographyClient(kid);
  }

  @Test
  void rsaSignaturesVerifyWithSunRsaSign() throws Exception {
    CryptographyClient client = crypto(rsaKid);
    Map<SignatureAlgorithm, String> rs =
        Map.of(
            SignatureAlgorithm.RS256,
            "SHA-256",
            SignatureAlgorithm.RS384,
            "SHA-384",
            SignatureAlgorithm.RS512,
            "SHA-512");
    for (Map.Entry<SignatureAlgorithm, String> e : rs.entrySet()) {
      byte[] sig = client.sign(e.getKey(), digest(e.getValue())).getSignature();
      Signature v = Signature.getInstance(e.getValue().replace("-", "") + "withRSA");
      v.initVerify(rsa.getPublic());
      v.update(MESSAGE);
      assertThat(v.verify(sig)).as(e.getKey().toString()).isTrue();
      assertThat(client.verify(e.getKey(), digest(e.getValue()), sig).isValid()).isTrue();
    }
    Map<SignatureAlgorithm, String> ps =
        Map.of(
            SignatureAlgorithm.PS256,
            "SHA-256",
            SignatureAlgorithm.PS384,
            "SHA-384",
            SignatureAlgorithm.PS512,
            "SHA-512");
    for (Map.Entry<SignatureAlgorithm, String> e : ps.entrySet()) {
      byte[] sig = client.sign(e.getKey(), digest(e.getValue())).getSignature();
      Signature v = Signature.getInstance("RSASSA-PSS");
      int saltLen = MessageDigest.getInstance(e.getValue()).getDigestLength();
      v.setParameter(
          new PSSParameterSpec(
              e.getValue(), "MGF1", new MGF1ParameterSpec(e.getValue()), saltLen, 1));
      v.initVerify(rsa.getPublic());
      v.update(MESSAGE);
      assertThat(v.verify(sig)).as(e.getKey().toString()).isTrue();
      sig[0] ^= 1;
      assertThat(client.verify(e.getKey(), digest(e.getValue()), sig).isValid()).isFalse();
    }
  }

  @Test
  void ecdsaSignaturesAreRawAndVerifyWithSunEcAndBouncyCastle() throws Exception {
    record Case(KeyCurveName curve, SignatureAlgorithm alg, String hash, int sigLen) {}
    List<Case> cases =
        List.of(
            new Case(KeyCurveName.P_256, SignatureAlgorithm.ES256, "SHA-256", 64),
            new Case(KeyCurveName.P_384, SignatureAlgorithm.ES384, "SHA-384", 96),
            new Case(KeyCurveName.P_521, SignatureAlgorithm.ES512, "SHA-512", 132),
            new Case(KeyCurveName.P_256K, SignatureAlgorithm.ES256K, "SHA-256", 64));
    for (Case c : cases) {
      KeyVaultKey key =
          keys.createEcKey(
              new CreateEcKeyOptions("ec-" + c.alg().toString().toLowerCase())
                  .setCurveName(c.curve()));
      byte[] sig = crypto(key.getId()).sign(c.alg(), digest(c.hash())).getSignature();
      assertThat(sig).as(c.alg() + " raw r||s length").hasSize(c.sigLen());
      PublicKey pub = key.getKey().toEc(false, BC).getPublic();
      Signature v = Signature.getInstance(c.hash().replace("-", "") + "withPLAIN-ECDSA", BC);
      v.initVerify(pub);
      v.update(MESSAGE);
      assertThat(v.verify(sig)).as(c.alg().toString()).isTrue();
      if (c.curve() != KeyCurveName.P_256K) {
        Signature jdk =
            Signature.getInstance(c.hash().replace("-", "") + "withECDSAinP1363Format", "SunEC");
        jdk.initVerify(key.getKey().toEc().getPublic());
        jdk.update(MESSAGE);
        assertThat(jdk.verify(sig)).as(c.alg() + " with SunEC").isTrue();
      }
    }
  }

  @Test
  void rsaEncryptionAndKeyWrapInteroperateWithSunJce() throws Exception {
    CryptographyClient client = crypto(rsaKid);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    Map<EncryptionAlgorithm, Cipher> ciphers =
        Map.of(
            EncryptionAlgorithm.RSA1_5, Cipher.getInstance("RSA/ECB/PKCS1Padding"),
            EncryptionAlgorithm.RSA_OAEP, Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding"),
            EncryptionAlgorithm.RSA_OAEP_256, oaep256());
    for (Map.Entry<EncryptionAlgorithm, Cipher> e : ciphers.entrySet()) {
      Cipher c = e.getValue();
      initRsa(c, Cipher.ENCRYPT_MODE, e.getKey(), rsa.getPublic());
      byte[] jdkCiphertext = c.doFinal(secret);
      assertThat(client.decrypt(e.getKey(), jdkCiphertext).getPlainText())
          .as(e.getKey().toString())
          .isEqualTo(secret);

      EncryptResult enc = client.encrypt(e.getKey(), secret);
      initRsa(c, Cipher.DECRYPT_MODE, e.getKey(), rsa.getPrivate());
      assertThat(c.doFinal(enc.getCipherText())).isEqualTo(secret);

      KeyWrapAlgorithm wrapAlg = KeyWrapAlgorithm.fromString(e.getKey().toString());
      initRsa(c, Cipher.ENCRYPT_MODE, e.getKey(), rsa.getPublic());
      assertThat(client.unwrapKey(wrapAlg, c.doFinal(secret)).getKey()).isEqualTo(secret);
    }
  }

  @Test
  void aesModesOnOctHsmKeysInteroperateWithSunJce() throws Exception {
    SecretKey aes256 = new SecretKeySpec(random(32), "AES");
    SecretKey aes128 = new SecretKeySpec(random(16), "AES");
    String kid256 = importOct("oct-256", aes256);
    String kid128 = importOct("oct-128", aes128);
    CryptographyClient c256 = crypto(kid256);
    byte[] plaintext = random(48);
    byte[] aad = "header".getBytes(StandardCharsets.UTF_8);

    EncryptResult gcm =
        c256.encrypt(EncryptParameters.createA256GcmParameters(plaintext, aad), Context.NONE);
    assertThat(gcm.getIv()).hasSize(12);
    assertThat(gcm.getAuthenticationTag()).hasSize(16);
    Cipher jdkGcm = Cipher.getInstance("AES/GCM/NoPadding");
    jdkGcm.init(Cipher.DECRYPT_MODE, aes256, new GCMParameterSpec(128, gcm.getIv()));
    jdkGcm.updateAAD(aad);
    assertThat(jdkGcm.doFinal(concat(gcm.getCipherText(), gcm.getAuthenticationTag())))
        .isEqualTo(plaintext);

    byte[] iv = random(12);
    jdkGcm.init(Cipher.ENCRYPT_MODE, aes256, new GCMParameterSpec(128, iv));
    jdkGcm.updateAAD(aad);
    byte[] sealed = jdkGcm.doFinal(plaintext);
    byte[] ct = java.util.Arrays.copyOf(sealed, sealed.length - 16);
    byte[] tag = java.util.Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length);
    assertThat(
            c256.decrypt(DecryptParameters.createA256GcmParameters(ct, iv, tag, aad), Context.NONE)
                .getPlainText())
        .isEqualTo(plaintext);
    tag[0] ^= 1;
    assertThatThrownBy(
            () ->
                c256.decrypt(
                    DecryptParameters.createA256GcmParameters(ct, iv, tag, aad), Context.NONE))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));

    EncryptResult cbc =
        c256.encrypt(EncryptParameters.createA256CbcParameters(plaintext), Context.NONE);
    assertThat(cbc.getIv()).hasSize(16);
    Cipher jdkCbc = Cipher.getInstance("AES/CBC/NoPadding");
    jdkCbc.init(Cipher.DECRYPT_MODE, aes256, new IvParameterSpec(cbc.getIv()));
    assertThat(jdkCbc.doFinal(cbc.getCipherText())).isEqualTo(plaintext);

    byte[] odd = random(21);
    EncryptResult cbcPad =
        crypto(kid128).encrypt(EncryptParameters.createA128CbcPadParameters(odd), Context.NONE);
    Cipher jdkPad = Cipher.getInstance("AES/CBC/PKCS5Padding");
    jdkPad.init(Cipher.DECRYPT_MODE, aes128, new IvParameterSpec(cbcPad.getIv()));
    assertThat(jdkPad.doFinal(cbcPad.getCipherText())).isEqualTo(odd);
    byte[] padIv = random(16);
    jdkPad.init(Cipher.ENCRYPT_MODE, aes128, new IvParameterSpec(padIv));
    assertThat(
            crypto(kid128)
                .decrypt(
                    DecryptParameters.createA128CbcPadParameters(jdkPad.doFinal(odd), padIv),
                    Context.NONE)
                .getPlainText())
        .isEqualTo(odd);

    byte[] cek = random(32);
    byte[] wrapped = c256.wrapKey(KeyWrapAlgorithm.A256KW, cek).getEncryptedKey();
    Cipher jdkWrap = Cipher.getInstance("AESWrap");
    jdkWrap.init(Cipher.UNWRAP_MODE, aes256);
    assertThat(jdkWrap.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded()).isEqualTo(cek);
    assertThat(c256.unwrapKey(KeyWrapAlgorithm.CKM_AES_KEY_WRAP, wrapped).getKey()).isEqualTo(cek);

    byte[] odd20 = random(20);
    byte[] padWrapped =
        c256.wrapKey(KeyWrapAlgorithm.CKM_AES_KEY_WRAP_PAD, odd20).getEncryptedKey();
    Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
    kwp.init(Cipher.DECRYPT_MODE, aes256);
    assertThat(kwp.doFinal(padWrapped)).isEqualTo(odd20);

    assertThatThrownBy(() -> c256.wrapKey(KeyWrapAlgorithm.A128KW, cek))
        .as("A128KW needs a 128-bit key")
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
  }

  @Test
  void enforcesKeyOpsEnabledAndTheValidityWindow() throws Exception {
    KeyVaultKey verifyOnly =
        keys.createEcKey(
            new CreateEcKeyOptions("verify-only").setKeyOperations(KeyOperation.VERIFY));
    assertThatThrownBy(
            () -> crypto(verifyOnly.getId()).sign(SignatureAlgorithm.ES256, digest("SHA-256")))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403))
        .hasMessageContaining("KeyOperationForbidden");

    KeyVaultKey future =
        keys.createRsaKey(
            new CreateRsaKeyOptions("not-yet").setNotBefore(OffsetDateTime.now().plusDays(1)));
    assertThatThrownBy(
            () -> crypto(future.getId()).sign(SignatureAlgorithm.RS256, digest("SHA-256")))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403))
        .hasMessageContaining("KeyNotYetValid");

    KeyVaultKey expiring = keys.createRsaKey(new CreateRsaKeyOptions("expired"));
    byte[] sig =
        crypto(expiring.getId()).sign(SignatureAlgorithm.RS256, digest("SHA-256")).getSignature();
    keys.updateKeyProperties(
        expiring
            .getProperties()
            .setExpiresOn(OffsetDateTime.now().minusDays(1))
            .setNotBefore(null));
    assertThatThrownBy(
            () -> crypto(expiring.getId()).sign(SignatureAlgorithm.RS256, digest("SHA-256")))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403))
        .hasMessageContaining("KeyExpired");
    assertThat(
            crypto(expiring.getId())
                .verify(SignatureAlgorithm.RS256, digest("SHA-256"), sig)
                .isValid())
        .as("verify stays allowed after expiry")
        .isTrue();
  }

  @Test
  void rejectsAlgorithmsThatDoNotFitTheKeyAndBadDigestLengths() {
    CryptographyClient client = crypto(rsaKid);
    assertThatThrownBy(() -> client.sign(SignatureAlgorithm.ES256, digest("SHA-256")))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400))
        .hasMessageContaining("BadParameter");
    assertThatThrownBy(() -> client.sign(SignatureAlgorithm.RS256, new byte[31]))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
  }

  @Test
  void signsConcurrentlyFromSeveralClients() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<byte[]>> sigs = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        CryptographyClient client = crypto(rsaKid);
        sigs.add(
            pool.submit(
                () -> client.sign(SignatureAlgorithm.RS256, digest("SHA-256")).getSignature()));
      }
      Signature v = Signature.getInstance("SHA256withRSA");
      for (var f : sigs) {
        v.initVerify(rsa.getPublic());
        v.update(MESSAGE);
        assertThat(v.verify(f.get(60, java.util.concurrent.TimeUnit.SECONDS))).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String importOct(String name, SecretKey key) {
    return keys.importKey(
            new ImportKeyOptions(name, JsonWebKey.fromAes(key)).setHardwareProtected(true))
        .getId();
  }

  private static Cipher oaep256() throws Exception {
    return Cipher.getInstance("RSA/ECB/OAEPPadding");
  }

  private static void initRsa(Cipher c, int mode, EncryptionAlgorithm alg, java.security.Key key)
      throws Exception {
    if (alg == EncryptionAlgorithm.RSA_OAEP_256) {
      c.init(
          mode,
          key,
          new OAEPParameterSpec(
              "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    } else {
      c.init(mode, key);
    }
  }

  private static byte[] digest(String hash) throws Exception {
    return MessageDigest.getInstance(hash).digest(MESSAGE);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
