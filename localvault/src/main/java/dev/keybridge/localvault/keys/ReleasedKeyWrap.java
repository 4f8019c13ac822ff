package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.crypto.KeyMaterial;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps released key material for the runtime key of the release target, as {@code key_hsm}:
 * RSA-OAEP (runtime key) of a fresh AES-256 key followed by AES-KWP (RFC 5649) of the material:
 * PKCS#8 DER for RSA and EC keys, the raw key for oct keys (PKCS#11 CKM_RSA_AES_KEY_WRAP). The
 * {@code enc} of the request picks the OAEP hash (MGF1 with the same hash): CKM_RSA_AES_KEY_WRAP
 * (the default) SHA-1, RSA_AES_KEY_WRAP_256 SHA-256, RSA_AES_KEY_WRAP_384 SHA-384.
 */
final class ReleasedKeyWrap {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReleasedKeyWrap() {}

  /**
   * The runtime key of a target token: its claim {@code x-ms-runtime.keys[0]}, an RSA public JWK.
   *
   * @throws VaultError 400 when the token carries no usable RSA runtime key
   */
  static RSAPublicKey runtimeKey(JsonNode targetClaims) {
    JsonNode jwk = targetClaims.path("x-ms-runtime").path("keys").path(0);
    if (!"RSA".equals(jwk.path("kty").asText()) || !jwk.path("n").isTextual()) {
      throw VaultError.badParameter(
          "The release target has no RSA runtime key (claim x-ms-runtime.keys[0]) to wrap the"
              + " released key for.");
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      BigInteger n = new BigInteger(1, b64.decode(jwk.get("n").asText()));
      BigInteger e = new BigInteger(1, b64.decode(jwk.path("e").asText("AQAB")));
      if (n.bitLength() < 2048) {
        throw VaultError.badParameter(
            "The release target's runtime key must be RSA 2048 bits or more, got "
                + n.bitLength()
                + ".");
      }
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw VaultError.badParameter("The release target's runtime key is not a valid RSA JWK.");
    }
  }

  /** {@code key_hsm} for {@code material}, wrapped for {@code runtimeKey} with {@code enc}. */
  static byte[] wrap(KeyMaterial material, RSAPublicKey runtimeKey, String enc) {
    String hash = oaepHash(enc);
    byte[] secret = secretBytes(material);
    byte[] aesKey = new byte[32];
    RANDOM.nextBytes(aesKey);
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(
          Cipher.ENCRYPT_MODE,
          runtimeKey,
          new OAEPParameterSpec(
              hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT));
      byte[] wrappedAesKey = rsa.doFinal(aesKey);
      Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
      kwp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
      byte[] wrappedSecret = kwp.doFinal(secret);
      byte[] out = Arrays.copyOf(wrappedAesKey, wrappedAesKey.length + wrappedSecret.length);
      System.arraycopy(wrappedSecret, 0, out, wrappedAesKey.length, wrappedSecret.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key release wrapping failed", e);
    } finally {
      Arrays.fill(aesKey, (byte) 0);
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static byte[] secretBytes(KeyMaterial material) {
    if (material.isOct()) {
      return Base64.getUrlDecoder().decode(material.privateJwk().get("k").asText());
    }
    return material.keyPair().getPrivate().getEncoded();
  }

  private static String oaepHash(String enc) {
    if (enc == null || enc.equals("CKM_RSA_AES_KEY_WRAP")) {
      return "SHA-1";
    } else if (enc.equals("RSA_AES_KEY_WRAP_256")) {
      return "SHA-256";
    } else if (enc.equals("RSA_AES_KEY_WRAP_384")) {
      return "SHA-384";
    }
    throw VaultError.badParameter("Invalid enc '" + KeyInput.printable(enc) + "'.");
  }
}
