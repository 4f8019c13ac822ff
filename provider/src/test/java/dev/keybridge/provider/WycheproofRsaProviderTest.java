package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof RSA vectors through keybridge's Cipher and Signature SPIs against the local vault:
 * each group's private key is imported, every ciphertext is decrypted in the vault (valid: the
 * message; invalid: BadPaddingException, never data) and every PKCS#1 signature is generated in the
 * vault and compared byte for byte. All failures are collected and reported together.
 */
class WycheproofRsaProviderTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final HexFormat HEX = HexFormat.of();
  private static final AtomicInteger KEY_NUMBER = new AtomicInteger();
  private static Path vectors;
  private static TestVaultKeys keys;
  private static KeyBridgeProvider provider;

  @BeforeAll
  static void setUp() {
    String shared = System.getProperty("keybridge.shared.dir");
    vectors = shared == null ? null : Path.of(shared, "wycheproof");
    keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
  }

  private static JsonNode load(String file) throws Exception {
    Assumptions.assumeTrue(
        vectors != null && Files.isRegularFile(vectors.resolve(file)),
        "Wycheproof vectors are not available: " + vectors + "/" + file + " is missing");
    return new ObjectMapper().readTree(vectors.resolve(file).toFile());
  }

  private static VaultRsaPrivateKey importGroupKey(JsonNode group) throws Exception {
    KeyFactory factory = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey privateKey =
        (RSAPrivateCrtKey)
            factory.generatePrivate(
                new PKCS8EncodedKeySpec(HEX.parseHex(group.get("privateKeyPkcs8").asText())));
    KeyPair pair =
        new KeyPair(
            factory.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent())),
            privateKey);
    return keys.importRsa("wycheproof-" + KEY_NUMBER.incrementAndGet(), pair);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rsa_oaep_2048_sha1_mgf1sha1_test.json, RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
    "rsa_oaep_2048_sha256_mgf1sha256_test.json, RSA/ECB/OAEPWithSHA-256AndMGF1Padding",
    "rsa_pkcs1_2048_test.json, RSA/ECB/PKCS1Padding"
  })
  void decryptionVectors(String file, String transformation) throws Exception {
    JsonNode root = load(file);
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger checked = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (JsonNode group : root.get("testGroups")) {
        VaultRsaPrivateKey key = importGroupKey(group);
        int modulusBytes = (key.getModulus().bitLength() + 7) / 8;
        List<Future<?>> running = new ArrayList<>();
        for (JsonNode test : group.get("tests")) {
          running.add(
              pool.submit(
                  () -> {
                    String failure = decryptOne(transformation, key, modulusBytes, test);
                    if (failure != null) {
                      failures.add("tcId " + test.get("tcId").asInt() + ": " + failure);
                    }
                    checked.incrementAndGet();
                  }));
        }
        for (Future<?> future : running) {
          future.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(checked.get()).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(failures).as(file).isEmpty();
  }

  /** null when the vector behaves as it must, else what went wrong. */
  private static String decryptOne(
      String transformation, VaultRsaPrivateKey key, int modulusBytes, JsonNode test) {
    byte[] ciphertext = HEX.parseHex(test.get("ct").asText());
    byte[] message = HEX.parseHex(test.get("msg").asText());
    String label = test.has("label") ? test.get("label").asText() : "";
    boolean valid = test.get("result").asText().equals("valid");
    try {
      Cipher cipher = Cipher.getInstance(transformation, provider);
      if (!label.isEmpty()) {
        // Key Vault's OAEP has no label: keybridge must refuse the label, never ignore it.
        String hash = transformation.contains("SHA-256") ? "SHA-256" : "SHA-1";
        OAEPParameterSpec labelled =
            new OAEPParameterSpec(
                hash,
                "MGF1",
                new MGF1ParameterSpec(hash),
                new PSource.PSpecified(HEX.parseHex(label)));
        try {
          cipher.init(Cipher.DECRYPT_MODE, key, labelled);
          return "a non-empty OAEP label was accepted";
        } catch (InvalidAlgorithmParameterException expected) {
          return null;
        }
      }
      cipher.init(Cipher.DECRYPT_MODE, key);
      byte[] plaintext = cipher.doFinal(ciphertext);
      if (!valid) {
        return "invalid ciphertext decrypted to " + plaintext.length + " bytes";
      }
      return Arrays.equals(plaintext, message) ? null : "wrong plaintext";
    } catch (BadPaddingException e) {
      return valid ? "valid ciphertext refused: " + e.getMessage() : null;
    } catch (IllegalBlockSizeException e) {
      // Like the JDK: a ciphertext longer than the modulus is refused before the vault.
      return !valid && ciphertext.length > modulusBytes
          ? null
          : "unexpected IllegalBlockSizeException: " + e.getMessage();
    } catch (Exception e) {
      return "unexpected " + e;
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rsa_pkcs1_2048_sig_gen_test.json",
    "rsa_pkcs1_3072_sig_gen_test.json",
    "rsa_pkcs1_4096_sig_gen_test.json"
  })
  void pkcs1SignatureGeneration(String file) throws Exception {
    JsonNode root = load(file);
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (JsonNode group : root.get("testGroups")) {
      String hash = group.get("sha").asText();
      String algorithm = hash.replace("-", "") + "withRSA";
      if (!List.of("SHA-256", "SHA-384", "SHA-512").contains(hash)) {
        // Key Vault signs only RS256/RS384/RS512: keybridge must not offer the others at all.
        assertThatThrownBy(() -> Signature.getInstance(algorithm, provider))
            .isInstanceOf(NoSuchAlgorithmException.class);
        checked += group.get("tests").size();
        continue;
      }
      VaultRsaPrivateKey key = importGroupKey(group);
      for (JsonNode test : group.get("tests")) {
        checked++;
        Signature signer = Signature.getInstance(algorithm, provider);
        signer.initSign(key);
        signer.update(HEX.parseHex(test.get("msg").asText()));
        try {
          byte[] signature = signer.sign();
          if (!Arrays.equals(signature, HEX.parseHex(test.get("sig").asText()))) {
            failures.add("tcId " + test.get("tcId").asInt() + ": signature differs");
          }
        } catch (Exception e) {
          failures.add("tcId " + test.get("tcId").asInt() + ": " + e);
        }
      }
    }
    assertThat(checked).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(failures).as(file).isEmpty();
  }
}
