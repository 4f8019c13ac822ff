package dev.keybridge.localvault.crypto;

import static dev.keybridge.localvault.crypto.WycheproofVectors.digest;
import static dev.keybridge.localvault.crypto.WycheproofVectors.hex;
import static dev.keybridge.localvault.crypto.WycheproofVectors.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof ECDSA verification vectors through {@link KeyCrypto#verify}. The DER files are turned
 * into raw r||s by a strict DER parser here; a signature that is not strict DER (or whose r or s
 * does not fit the curve size) never reaches KeyCrypto and counts as rejected.
 */
class WycheproofEcdsaTest {

  @ParameterizedTest
  @CsvSource({
    "ecdsa_secp256r1_sha256_test.json, ES256, 32, false",
    "ecdsa_secp256r1_sha256_p1363_test.json, ES256, 32, true",
    "ecdsa_secp384r1_sha384_test.json, ES384, 48, false",
    "ecdsa_secp521r1_sha512_test.json, ES512, 66, false",
    "ecdsa_secp256k1_sha256_test.json, ES256K, 32, false"
  })
  void verificationAcceptsExactlyTheValidSignatures(
      String file, String alg, int size, boolean p1363) throws Exception {
    WycheproofVectors.Tally tally = new WycheproofVectors.Tally(file);
    for (JsonNode group : load(file).get("testGroups")) {
      String sha = group.get("sha").asText();
      KeyFactory factory =
          group.get("publicKey").get("curve").asText().equals("secp256k1")
              ? KeyFactory.getInstance("EC", new BouncyCastleProvider())
              : KeyFactory.getInstance("EC");
      PublicKey publicKey =
          factory.generatePublic(new X509EncodedKeySpec(hex(group.get("publicKeyDer"))));
      KeyMaterial key = KeyMaterial.fromPublicKey(publicKey);
      for (JsonNode test : group.get("tests")) {
        byte[] msgDigest = digest(sha, hex(test.get("msg")));
        byte[] sig = hex(test.get("sig"));
        byte[] raw = p1363 ? sig : derToRaw(sig, size);
        if (raw == null) {
          tally.rejectedBeforeEngine(test, "not strict DER or too large for the raw form");
          continue;
        }
        WycheproofRsaTest.checkVerification(
            tally, test, () -> KeyCrypto.verify(key, alg, msgDigest, raw));
      }
    }
    tally.assertAllPassed();
  }

  /** Strict DER SEQUENCE { INTEGER r, INTEGER s } to raw r||s, or null if not strict DER. */
  static byte[] derToRaw(byte[] der, int size) {
    int[] pos = {0};
    if (der.length < 2 || der[pos[0]++] != 0x30) {
      return null;
    }
    int length = readLength(der, pos);
    if (length < 0 || pos[0] + length != der.length) {
      return null;
    }
    BigInteger r = readInteger(der, pos);
    BigInteger s = r == null ? null : readInteger(der, pos);
    if (s == null || pos[0] != der.length) {
      return null;
    }
    if (r.bitLength() > size * 8 || s.bitLength() > size * 8) {
      return null;
    }
    byte[] raw = new byte[2 * size];
    put(r, raw, 0, size);
    put(s, raw, size, size);
    return raw;
  }

  private static int readLength(byte[] der, int[] pos) {
    if (pos[0] >= der.length) {
      return -1;
    }
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int count = first & 0x7f;
    if (count == 0 || count > 2 || pos[0] + count > der.length) {
      return -1;
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[pos[0]++] & 0xff);
    }
    // Minimal: long form only for >= 128, and no leading zero byte.
    return length < 0x80 || (count == 2 && length < 0x100) ? -1 : length;
  }

  private static BigInteger readInteger(byte[] der, int[] pos) {
    if (pos[0] >= der.length || der[pos[0]++] != 0x02) {
      return null;
    }
    int length = readLength(der, pos);
    if (length <= 0 || pos[0] + length > der.length) {
      return null;
    }
    byte[] value = java.util.Arrays.copyOfRange(der, pos[0], pos[0] + length);
    pos[0] += length;
    if (value[0] < 0 || (length > 1 && value[0] == 0 && value[1] >= 0)) {
      return null; // negative, or a leading zero that is not needed
    }
    return new BigInteger(1, value);
  }

  private static void put(BigInteger value, byte[] out, int offset, int size) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > size ? bytes.length - size : 0;
    System.arraycopy(bytes, skip, out, offset + size - (bytes.length - skip), bytes.length - skip);
  }
}
