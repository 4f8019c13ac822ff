package dev.keybridge.localvault.crypto;

import static dev.keybridge.localvault.crypto.WycheproofVectors.digest;
import static dev.keybridge.localvault.crypto.WycheproofVectors.hex;
import static dev.keybridge.localvault.crypto.WycheproofVectors.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wycheproof RSA vectors through {@link KeyMaterial} import and {@link KeyCrypto}. */
class WycheproofRsaTest {
  private static final Map<String, String> RS_BY_HASH =
      Map.of("SHA-256", "RS256", "SHA-384", "RS384", "SHA-512", "RS512");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rsa_oaep_2048_sha1_mgf1sha1_test.json",
        "rsa_oaep_2048_sha256_mgf1sha256_test.json",
        "rsa_oaep_3072_sha256_mgf1sha256_test.json",
        "rsa_oaep_4096_sha256_mgf1sha256_test.json"
      })
  void oaepDecryptionGivesTheMessageOrFails(String file) throws Exception {
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file);
    for (JsonNode group : load(file).get("testGroups")) {
      String sha = group.get("sha").asText();
      String mgfSha = group.get("mgfSha").asText();
      String alg =
          sha.equals("SHA-1") && mgfSha.equals("SHA-1")
              ? "RSA-OAEP"
              : sha.equals("SHA-256") && mgfSha.equals("SHA-256") ? "RSA-OAEP-256" : null;
      KeyMaterial key = alg == null ? null : KeyMaterial.fromJwk(group.get("privateKeyJwk"), false);
      for (JsonNode test : group.get("tests")) {
        if (alg == null) {
          tally.skip("no Key Vault algorithm for " + sha + "/MGF1-" + mgfSha);
        } else if (!test.get("label").asText().isEmpty()) {
          tally.skip("non-empty label");
        } else {
          byte[] ct = hex(test.get("ct"));
          checkDecryption(tally, test, () -> KeyCrypto.decrypt(key, alg, ct, null, null, null));
        }
      }
    }
    tally.assertAllPassed();
  }

  @Test
  void pkcs1DecryptionGivesTheMessageOrFails() throws Exception {
    String file = "rsa_pkcs1_2048_test.json";
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file);
    for (JsonNode group : load(file).get("testGroups")) {
      KeyMaterial key = KeyMaterial.fromJwk(group.get("privateKeyJwk"), true);
      for (JsonNode test : group.get("tests")) {
        byte[] ct = hex(test.get("ct"));
        checkDecryption(tally, test, () -> KeyCrypto.decrypt(key, "RSA1_5", ct, null, null, null));
      }
    }
    tally.assertAllPassed();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rsa_pkcs1_2048_sig_gen_test.json",
        "rsa_pkcs1_3072_sig_gen_test.json",
        "rsa_pkcs1_4096_sig_gen_test.json"
      })
  void pkcs1SignaturesAreByteForByteTheExpectedOnes(String file) throws Exception {
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file);
    for (JsonNode group : load(file).get("testGroups")) {
      String sha = group.get("sha").asText();
      String alg = RS_BY_HASH.get(sha);
      KeyMaterial key = alg == null ? null : KeyMaterial.fromJwk(group.get("privateKeyJwk"), false);
      for (JsonNode test : group.get("tests")) {
        if (alg == null) {
          tally.skip("no Key Vault algorithm for " + sha);
          continue;
        }
        byte[] expected = hex(test.get("sig"));
        try {
          byte[] signature = KeyCrypto.sign(key, alg, digest(sha, hex(test.get("msg"))));
          tally.check(
              test,
              Arrays.equals(signature, expected),
              "signature differs: " + HexFormat.of().formatHex(signature));
        } catch (RuntimeException e) {
          tally.fail(test, "threw " + e);
        }
      }
    }
    tally.assertAllPassed();
  }

  @Test
  void pkcs1VerificationAcceptsExactlyTheValidSignatures() throws Exception {
    verifyFile("rsa_signature_2048_sha256_test.json", "RS256");
  }

  @Test
  void pssVerificationAcceptsExactlyTheValidSignatures() throws Exception {
    verifyFile("rsa_pss_2048_sha256_mgf1_32_test.json", "PS256");
  }

  private static void verifyFile(String file, String alg) throws Exception {
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file);
    for (JsonNode group : load(file).get("testGroups")) {
      String sha = group.get("sha").asText();
      boolean pssMismatch =
          group.has("sLen")
              && (group.get("sLen").asInt() != 32 || !group.get("mgfSha").asText().equals(sha));
      PublicKey publicKey =
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(hex(group.get("publicKeyDer"))));
      KeyMaterial key = KeyMaterial.fromPublicKey(publicKey);
      for (JsonNode test : group.get("tests")) {
        if (!sha.equals("SHA-256") || pssMismatch) {
          tally.skip("parameters other than " + alg);
          continue;
        }
        byte[] msgDigest = digest(sha, hex(test.get("msg")));
        byte[] sig = hex(test.get("sig"));
        checkVerification(tally, test, () -> KeyCrypto.verify(key, alg, msgDigest, sig));
      }
    }
    tally.assertAllPassed();
  }

  /** valid: exactly msg; invalid: a VaultError; acceptable: either, never other data. */
  static void checkDecryption(
      WycheproofVectors.Tally tally, JsonNode test, Supplier<byte[]> operation) {
    String result = test.get("result").asText();
    byte[] msg = hex(test.get("msg"));
    try {
      byte[] out = operation.get();
      if (!Arrays.equals(out, msg)) {
        tally.fail(test, "returned wrong data " + HexFormat.of().formatHex(out));
      } else {
        tally.check(test, !result.equals("invalid"), "returned data for an invalid ciphertext");
      }
    } catch (VaultError e) {
      tally.check(
          test,
          !result.equals("valid") && e.status() == 400,
          "refused (" + e.status() + "): " + e.getMessage());
    } catch (RuntimeException e) {
      tally.fail(test, "threw " + e);
    }
  }

  /** valid: true; invalid: false; acceptable: either; never an exception. */
  static void checkVerification(
      WycheproofVectors.Tally tally, JsonNode test, Supplier<Boolean> operation) {
    String result = test.get("result").asText();
    try {
      boolean verified = operation.get();
      tally.check(
          test,
          result.equals("acceptable") || verified == result.equals("valid"),
          "verify returned " + verified);
    } catch (RuntimeException e) {
      tally.fail(test, "threw " + e);
    }
  }
}
