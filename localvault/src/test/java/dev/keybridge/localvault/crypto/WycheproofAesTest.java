package dev.keybridge.localvault.crypto;

import static dev.keybridge.localvault.crypto.WycheproofVectors.hex;
import static dev.keybridge.localvault.crypto.WycheproofVectors.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wycheproof AES vectors (GCM, CBC with PKCS#7, KW, KWP) through {@link KeyCrypto}. */
class WycheproofAesTest {

  @Test
  void gcmEncryptsToTheVectorAndDecryptsOnlyValidCiphertexts() throws Exception {
    String file = "aes_gcm_test.json";
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file);
    for (JsonNode group : load(file).get("testGroups")) {
      boolean supported = group.get("ivSize").asInt() == 96 && group.get("tagSize").asInt() == 128;
      for (JsonNode test : group.get("tests")) {
        if (!supported) {
          tally.skip("iv/tag size other than 12/16 bytes");
          continue;
        }
        KeyMaterial key = octKey(test);
        String alg = "A" + key.keySize() + "GCM";
        byte[] iv = hex(test.get("iv"));
        byte[] aad = hex(test.get("aad"));
        byte[] ct = hex(test.get("ct"));
        byte[] tag = hex(test.get("tag"));
        if (!encryptsTo(
            tally,
            test,
            () -> KeyCrypto.encrypt(key, alg, hex(test.get("msg")), iv, aad),
            ct,
            tag)) {
          continue;
        }
        WycheproofRsaTest.checkDecryption(
            tally, test, () -> KeyCrypto.decrypt(key, alg, ct, iv, aad, tag));
      }
    }
    tally.assertAllPassed();
  }

  @Test
  void cbcPadEncryptsToTheVectorAndDecryptsOnlyValidCiphertexts() throws Exception {
    String file = "aes_cbc_pkcs5_test.json";
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file);
    for (JsonNode group : load(file).get("testGroups")) {
      for (JsonNode test : group.get("tests")) {
        KeyMaterial key = octKey(test);
        String alg = "A" + key.keySize() + "CBCPAD";
        byte[] iv = hex(test.get("iv"));
        byte[] ct = hex(test.get("ct"));
        if (!encryptsTo(
            tally,
            test,
            () -> KeyCrypto.encrypt(key, alg, hex(test.get("msg")), iv, null),
            ct,
            null)) {
          continue;
        }
        WycheproofRsaTest.checkDecryption(
            tally, test, () -> KeyCrypto.decrypt(key, alg, ct, iv, null, null));
      }
    }
    tally.assertAllPassed();
  }

  @ParameterizedTest
  @CsvSource({
    "aes_wrap_test.json, KW",
    "aes_wrap_test.json, CKM_AES_KEY_WRAP",
    "aes_kwp_test.json, CKM_AES_KEY_WRAP_PAD"
  })
  void keyWrapWrapsToTheVectorAndUnwrapsOnlyValidCiphertexts(String file, String algorithm)
      throws Exception {
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file + " as " + algorithm);
    for (JsonNode group : load(file).get("testGroups")) {
      for (JsonNode test : group.get("tests")) {
        KeyMaterial key = octKey(test);
        String alg = algorithm.equals("KW") ? "A" + key.keySize() + "KW" : algorithm;
        byte[] msg = hex(test.get("msg"));
        byte[] ct = hex(test.get("ct"));
        if (test.get("result").asText().equals("valid")) {
          try {
            byte[] wrapped = KeyCrypto.wrapKey(key, alg, msg);
            if (!Arrays.equals(wrapped, ct)) {
              tally.fail(test, "wrapKey gave a different ciphertext");
              continue;
            }
          } catch (RuntimeException e) {
            tally.fail(test, "wrapKey threw " + e);
            continue;
          }
        }
        WycheproofRsaTest.checkDecryption(tally, test, () -> KeyCrypto.unwrapKey(key, alg, ct));
      }
    }
    tally.assertAllPassed();
  }

  private static KeyMaterial octKey(JsonNode test) {
    return KeyMaterial.fromSecretKey(new SecretKeySpec(hex(test.get("key")), "AES"), true);
  }

  /**
   * For a valid case, encryption with the vector's IV must give exactly its ciphertext (and tag);
   * records a failure and returns false otherwise.
   */
  private static boolean encryptsTo(
      WycheproofVectors.Tally tally,
      JsonNode test,
      java.util.function.Supplier<CipherResult> encryption,
      byte[] ct,
      byte[] tag) {
    if (!test.get("result").asText().equals("valid")) {
      return true;
    }
    try {
      CipherResult result = encryption.get();
      if (!Arrays.equals(result.ciphertext(), ct)
          || (tag != null && !Arrays.equals(result.tag(), tag))) {
        tally.fail(test, "encrypt gave a different ciphertext or tag");
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      tally.fail(test, "encrypt threw " + e);
      return false;
    }
  }
}
