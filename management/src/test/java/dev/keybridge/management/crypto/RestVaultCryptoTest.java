package dev.keybridge.management.crypto;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.RequestInterceptor;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.VaultFixtures;
import dev.keybridge.management.keys.JwkKeys;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RestVaultCrypto against the local vault: results checked with the JDK, one request each. */
class RestVaultCryptoTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final byte[] MESSAGE = "keybridge".getBytes();
  private static final byte[] AES_KEY = new byte[32];

  private static KeyVaultManager manager;
  private static VaultCrypto crypto;
  private static KeyBundle rsa;
  private static KeyBundle aes;

  @BeforeAll
  static void keys() {
    for (int i = 0; i < AES_KEY.length; i++) {
      AES_KEY[i] = (byte) (i * 7 + 1);
    }
    manager = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
    crypto = manager.clients().crypto();
    rsa = manager.createRsaKey(name("crypto-rsa"), 2048, KeyOptions.defaults());
    aes =
        manager.importKey(
            name("crypto-aes"), new SecretKeySpec(AES_KEY, "AES"), KeyOptions.defaults());
  }

  @Test
  void rsaAndEcSignaturesVerifyWithTheJdkAndBouncyCastle() throws Exception {
    byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    verify("SHA256withRSA", rsa, crypto.sign(rsa.id(), "RS256", sha256), null);
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(
        new java.security.spec.PSSParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    pss.initVerify(rsa.publicKey().orElseThrow());
    pss.update(MESSAGE);
    assertThat(pss.verify(crypto.sign(rsa.id(), "PS256", sha256))).isTrue();

    KeyBundle p384 =
        manager.createEcKey(name("crypto-ec"), KeyCurveName.P_384, KeyOptions.defaults());
    byte[] es384 =
        crypto.sign(p384.id(), "ES384", MessageDigest.getInstance("SHA-384").digest(MESSAGE));
    assertThat(es384).hasSize(96);
    verify("SHA384withECDSAinP1363Format", p384, es384, null);

    KeyBundle k256 =
        manager.createEcKey(name("crypto-k"), KeyCurveName.P_256K, KeyOptions.defaults());
    byte[] es256k = crypto.sign(k256.id(), "ES256K", sha256);
    assertThat(es256k).hasSize(64);
    verify("SHA256withPLAIN-ECDSA", k256, es256k, JwkKeys.bouncyCastle());
  }

  @Test
  void rsaDecryptAndUnwrapOfJdkCiphertexts() throws Exception {
    byte[] secret = "thirty-two byte session key!!!!!".getBytes();
    Cipher oaep256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep256.init(
        Cipher.ENCRYPT_MODE,
        rsa.publicKey().orElseThrow(),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    assertThat(crypto.decrypt(rsa.id(), "RSA-OAEP-256", oaep256.doFinal(secret))).isEqualTo(secret);

    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    oaep.init(Cipher.ENCRYPT_MODE, rsa.publicKey().orElseThrow());
    assertThat(crypto.unwrapKey(rsa.id(), "RSA-OAEP", oaep.doFinal(secret))).isEqualTo(secret);

    Cipher pkcs1 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    pkcs1.init(Cipher.ENCRYPT_MODE, rsa.publicKey().orElseThrow());
    assertThat(crypto.decrypt(rsa.id(), "RSA1_5", pkcs1.doFinal(secret))).isEqualTo(secret);
  }

  @Test
  void aesWrapGcmAndCbcMatchTheJdk() throws Exception {
    SecretKeySpec local = new SecretKeySpec(AES_KEY, "AES");
    byte[] keyToWrap = new byte[16];
    Cipher kw = Cipher.getInstance("AESWrap");
    kw.init(Cipher.WRAP_MODE, local);
    byte[] wrapped = crypto.wrapKey(aes.id(), "A256KW", keyToWrap);
    assertThat(wrapped).isEqualTo(kw.wrap(new SecretKeySpec(keyToWrap, "AES")));
    assertThat(crypto.unwrapKey(aes.id(), "A256KW", wrapped)).isEqualTo(keyToWrap);

    byte[] aad = "header".getBytes();
    VaultCrypto.SymmetricResult gcm = crypto.encrypt(aes.id(), "A256GCM", MESSAGE, null, aad);
    assertThat(gcm.iv()).hasSize(12);
    assertThat(gcm.tag()).hasSize(16);
    Cipher jdkGcm = Cipher.getInstance("AES/GCM/NoPadding");
    jdkGcm.init(Cipher.DECRYPT_MODE, local, new GCMParameterSpec(128, gcm.iv()));
    jdkGcm.updateAAD(aad);
    byte[] withTag = new byte[gcm.ciphertext().length + 16];
    System.arraycopy(gcm.ciphertext(), 0, withTag, 0, gcm.ciphertext().length);
    System.arraycopy(gcm.tag(), 0, withTag, gcm.ciphertext().length, 16);
    assertThat(jdkGcm.doFinal(withTag)).isEqualTo(MESSAGE);
    assertThat(crypto.decrypt(aes.id(), "A256GCM", gcm.ciphertext(), gcm.iv(), aad, gcm.tag()))
        .isEqualTo(MESSAGE);

    VaultCrypto.SymmetricResult cbc = crypto.encrypt(aes.id(), "A256CBCPAD", MESSAGE, null, null);
    assertThat(cbc.iv()).hasSize(16);
    Cipher jdkCbc = Cipher.getInstance("AES/CBC/PKCS5Padding");
    jdkCbc.init(Cipher.DECRYPT_MODE, local, new IvParameterSpec(cbc.iv()));
    assertThat(jdkCbc.doFinal(cbc.ciphertext())).isEqualTo(MESSAGE);
    assertThat(crypto.decrypt(aes.id(), "A256CBCPAD", cbc.ciphertext(), cbc.iv(), null, null))
        .isEqualTo(MESSAGE);
  }

  @Test
  void theFirstRequestIsABodylessChallengeThenEachOperationIsOneRequest() throws Exception {
    // A fresh configuration (other pool size) has its own pipeline and no cached challenge.
    KeyVaultClients fresh =
        KeyVaultClients.of(
            VaultFixtures.adminConfig(VAULT.vault()).toBuilder().maxConnections(3).build());
    AccessLog log = VAULT.accessLog();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    long mark = log.mark();
    fresh.crypto().sign(rsa.id(), "RS256", digest);
    var first = log.since(mark).stream().filter(e -> e.path().endsWith("/sign")).toList();
    assertThat(first).extracting(AccessLog.Entry::status).containsExactly(401, 200);
    assertThat(first.get(0).client()).isNull();

    for (int i = 0; i < 3; i++) {
      long before = log.mark();
      fresh.crypto().sign(rsa.id(), "RS256", digest);
      assertThat(log.since(before))
          .as("one request, no key GET first")
          .hasSize(1)
          .first()
          .matches(e -> e.status() == 200 && e.path().endsWith("/sign"));
    }
  }

  @Test
  void vaultFailuresNameCodeOperationAndKey() {
    byte[] digest = new byte[32];
    String missing = rsa.id().replace(rsa.name(), "no-such-key");
    KeyVaultException notFound =
        catchThrowableOfType(() -> crypto.sign(missing, "RS256", digest), KeyVaultException.class);
    assertThat(notFound.errorCode()).isEqualTo("KeyNotFound");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.operation()).isEqualTo("sign");
    assertThat(notFound.keyName()).isEqualTo("no-such-key");

    KeyBundle disabled =
        manager.createRsaKey(name("crypto-off"), 2048, KeyOptions.builder().enabled(false).build());
    KeyVaultException off =
        catchThrowableOfType(
            () -> crypto.sign(disabled.id(), "RS256", digest), KeyVaultException.class);
    assertThat(off.getMessage())
        .startsWith("sign on '" + disabled.name() + "' failed: Forbidden/KeyDisabled (HTTP 403)");

    KeyBundle expired =
        manager.createRsaKey(
            name("crypto-exp"),
            2048,
            KeyOptions.builder()
                .notBefore(Instant.now().minus(2, ChronoUnit.DAYS))
                .expiresOn(Instant.now().minus(1, ChronoUnit.DAYS))
                .build());
    assertThat(
            catchThrowableOfType(
                    () -> crypto.sign(expired.id(), "RS256", digest), KeyVaultException.class)
                .innerErrorCode())
        .isEqualTo("KeyExpired");

    KeyBundle signOnly =
        manager.createRsaKey(
            name("crypto-ops"), 2048, KeyOptions.builder().operations(KeyOperation.SIGN).build());
    assertThat(
            catchThrowableOfType(
                    () -> crypto.decrypt(signOnly.id(), "RSA-OAEP", new byte[256]),
                    KeyVaultException.class)
                .errorCode())
        .isEqualTo("Forbidden");
  }

  @Test
  void anUnreachableVaultIsStatusZero() {
    KeyVaultClients nowhere =
        KeyVaultClients.of(
            VaultFixtures.adminConfig(VAULT.vault()).toBuilder()
                .vaultUrl("https://127.0.0.1:1")
                .maxRetries(0)
                .build());
    KeyVaultException e =
        catchThrowableOfType(
            () -> nowhere.crypto().sign("https://127.0.0.1:1/keys/k1/v1", "RS256", new byte[32]),
            KeyVaultException.class);
    assertThat(e.statusCode()).isZero();
    assertThat(e.errorCode()).isEqualTo("VaultUnreachable");
    assertThat(e.keyName()).isEqualTo("k1");
  }

  @Test
  void responsesForAnotherKeyOrWithoutValueAreRefused() throws Exception {
    ObjectMapper json = new ObjectMapper();
    RequestInterceptor otherKid =
        new RequestInterceptor() {
          @Override
          public VaultResponse afterHandling(VaultRequest request, VaultResponse response) {
            if (!request.path().endsWith("/sign") || response.status() != 200) {
              return response;
            }
            try {
              ObjectNode body = (ObjectNode) json.readTree(response.body());
              body.put("kid", body.get("kid").asText().replace(rsa.version(), "0000"));
              return VaultResponse.ok(body);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };
    VAULT.vault().addInterceptor(otherKid);
    try {
      KeyVaultException e =
          catchThrowableOfType(
              () -> crypto.sign(rsa.id(), "RS256", new byte[32]), KeyVaultException.class);
      assertThat(e.errorCode()).isEqualTo("InvalidResponse");
      assertThat(e.getMessage()).contains("another key");
    } finally {
      VAULT.vault().removeInterceptor(otherKid);
    }
  }

  @Test
  void throttlingIsRetriedHonouringRetryAfter() throws Exception {
    AtomicInteger throttled = new AtomicInteger();
    RequestInterceptor throttleOnce =
        new RequestInterceptor() {
          @Override
          public VaultResponse beforeHandling(VaultRequest request) {
            if (request.path().endsWith("/sign")
                && request.header("Authorization") != null
                && throttled.getAndIncrement() == 0) {
              return VaultResponse.error(429, "Throttled", null, "slow down")
                  .header("Retry-After", "1");
            }
            return null;
          }
        };
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    crypto.sign(rsa.id(), "RS256", digest); // challenge cached before the throttling starts
    VAULT.vault().addInterceptor(throttleOnce);
    try {
      long start = System.nanoTime();
      verify("SHA256withRSA", rsa, crypto.sign(rsa.id(), "RS256", digest), null);
      assertThat(System.nanoTime() - start)
          .as("waited for Retry-After")
          .isGreaterThanOrEqualTo(900_000_000L);
      assertThat(throttled.get()).isEqualTo(2);
    } finally {
      VAULT.vault().removeInterceptor(throttleOnce);
    }
  }

  @Test
  void aLaterChallengeRefreshesTheTokenAndResendsOnce() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    crypto.sign(rsa.id(), "RS256", digest); // challenge and token cached
    AtomicInteger rejected = new AtomicInteger();
    String challenge =
        "Bearer authorization=\""
            + VAULT.vault().url()
            + "/"
            + VAULT.vault().tenantId()
            + "\", resource=\""
            + VAULT.vault().resource()
            + "\"";
    RequestInterceptor revokeOnce =
        new RequestInterceptor() {
          @Override
          public VaultResponse beforeHandling(VaultRequest request) {
            if (request.path().endsWith("/sign") && rejected.getAndIncrement() == 0) {
              return VaultResponse.error(401, "Unauthorized", null, "token revoked")
                  .header("WWW-Authenticate", challenge);
            }
            return null;
          }
        };
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    VAULT.vault().addInterceptor(revokeOnce);
    try {
      verify("SHA256withRSA", rsa, crypto.sign(rsa.id(), "RS256", digest), null);
    } finally {
      VAULT.vault().removeInterceptor(revokeOnce);
    }
    assertThat(rejected.get()).isEqualTo(2);
    var entries = log.since(mark);
    assertThat(entries)
        .filteredOn(e -> e.path().endsWith("/sign"))
        .extracting(AccessLog.Entry::status)
        .containsExactly(401, 200);
    assertThat(entries)
        .filteredOn(e -> e.path().endsWith("/token"))
        .as("a fresh token was fetched")
        .hasSize(1);
  }

  private static void verify(
      String algorithm, KeyBundle key, byte[] signature, java.security.Provider provider)
      throws Exception {
    Signature verifier =
        provider == null
            ? Signature.getInstance(algorithm)
            : Signature.getInstance(algorithm, provider);
    verifier.initVerify(key.publicKey().orElseThrow());
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).as(algorithm).isTrue();
  }
}
