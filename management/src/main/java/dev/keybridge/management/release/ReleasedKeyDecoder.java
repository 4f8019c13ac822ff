package dev.keybridge.management.release;

import com.azure.security.keyvault.keys.models.KeyExportEncryptionAlgorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.management.keys.JwkKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens a Secure Key Release result: a compact JWS (RS256, signed by the key whose certificate is
 * {@code x5c[0]} of its header) whose payload holds {@code response.key.key.key_hsm} = RSA-OAEP
 * (runtime key) of a fresh AES-256 key, followed by AES-KWP (RFC 5649) of the key material: PKCS#8
 * DER for RSA and EC keys, the raw bytes for oct keys. The OAEP hash follows {@code enc}: SHA-1 for
 * CKM_RSA_AES_KEY_WRAP, SHA-256 and SHA-384 for RSA_AES_KEY_WRAP_256/384 (MGF1 with the same hash).
 */
public final class ReleasedKeyDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  private ReleasedKeyDecoder() {}

  /**
   * Checks the JWS signature against its {@code x5c} certificate and returns the payload.
   *
   * @throws IllegalArgumentException if it is not a well-formed, correctly signed JWS
   */
  public static JsonNode verifiedPayload(String jws) {
    String[] parts = jws.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("the release result is not a compact JWS");
    }
    try {
      JsonNode header = JSON.readTree(B64URL.decode(parts[0]));
      if (!"RS256".equals(header.path("alg").asText())) {
        throw new IllegalArgumentException(
            "unexpected release result signature algorithm " + header.path("alg").asText());
      }
      JsonNode x5c = header.path("x5c");
      if (!x5c.isArray() || x5c.isEmpty()) {
        throw new IllegalArgumentException("the release result header has no x5c certificate");
      }
      X509Certificate signer =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(Base64.getDecoder().decode(x5c.get(0).asText())));
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(signer.getPublicKey());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(B64URL.decode(parts[2]))) {
        throw new IllegalArgumentException("the release result's signature does not verify");
      }
      return JSON.readTree(B64URL.decode(parts[1]));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the release result: " + e, e);
    }
  }

  /**
   * Checks that {@code runtimeKey} is the private half of the runtime key in the target attestation
   * token ({@code x-ms-runtime.keys[0]}).
   *
   * @throws IllegalArgumentException if the token carries no RSA runtime key or it does not match
   */
  public static void checkRuntimeKey(String targetToken, PrivateKey runtimeKey) {
    String[] parts = targetToken.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("the target attestation token is not a JWT");
    }
    JsonNode key;
    try {
      key = JSON.readTree(B64URL.decode(parts[1])).path("x-ms-runtime").path("keys").path(0);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read the target attestation token: " + e, e);
    }
    if (!"RSA".equals(key.path("kty").asText()) || !key.hasNonNull("n")) {
      throw new IllegalArgumentException(
          "the target attestation token carries no RSA runtime key (x-ms-runtime.keys[0])");
    }
    BigInteger modulus = new BigInteger(1, B64URL.decode(key.get("n").asText()));
    if (!(runtimeKey instanceof RSAKey rsa) || !rsa.getModulus().equals(modulus)) {
      throw new IllegalArgumentException(
          "the private key given does not match the runtime key of the target attestation token");
    }
  }

  /**
   * Unwraps the released key with the runtime private key.
   *
   * @param payload the verified JWS payload
   * @param runtimeKey RSA private key matching the target token's runtime key
   * @param algorithm the {@code enc} of the request; null for the default
   * @return a {@link PrivateKey} for RSA and EC keys, an AES {@link SecretKeySpec} for oct keys
   */
  public static Key unwrap(
      JsonNode payload, PrivateKey runtimeKey, KeyExportEncryptionAlgorithm algorithm) {
    JsonNode jwk = payload.path("response").path("key").path("key");
    String keyType = jwk.path("kty").asText("");
    if (!jwk.hasNonNull("key_hsm")) {
      throw new IllegalArgumentException("the release result carries no key_hsm");
    }
    byte[] blob = B64URL.decode(jwk.get("key_hsm").asText());
    int rsaLength = (((RSAKey) runtimeKey).getModulus().bitLength() + 7) / 8;
    if (blob.length <= rsaLength) {
      throw new IllegalArgumentException("key_hsm is too short (" + blob.length + " bytes)");
    }
    try {
      String hash = oaepHash(algorithm);
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(
          Cipher.DECRYPT_MODE,
          runtimeKey,
          new OAEPParameterSpec(
              hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT));
      byte[] aesKey = rsa.doFinal(blob, 0, rsaLength);
      Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
      kwp.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
      byte[] material = kwp.doFinal(Arrays.copyOfRange(blob, rsaLength, blob.length));
      Arrays.fill(aesKey, (byte) 0);
      if (keyType.toLowerCase(Locale.ROOT).startsWith("oct")) {
        return new SecretKeySpec(material, "AES");
      }
      PrivateKey released = JwkKeys.privateKeyFromPkcs8(material);
      Arrays.fill(material, (byte) 0);
      checkMatchesPublic(released, jwk);
      return released;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot unwrap the released key with the given runtime key: " + e, e);
    }
  }

  private static void checkMatchesPublic(PrivateKey released, JsonNode jwk) {
    if (released instanceof RSAPrivateCrtKey rsa && jwk.hasNonNull("n")) {
      BigInteger modulus = new BigInteger(1, B64URL.decode(jwk.get("n").asText()));
      if (!rsa.getModulus().equals(modulus)) {
        throw new IllegalArgumentException(
            "the released private key does not match its public key");
      }
    }
  }

  private static String oaepHash(KeyExportEncryptionAlgorithm algorithm) {
    if (algorithm == null || KeyExportEncryptionAlgorithm.CKM_RSA_AES_KEY_WRAP.equals(algorithm)) {
      return "SHA-1";
    } else if (KeyExportEncryptionAlgorithm.RSA_AES_KEY_WRAP_256.equals(algorithm)) {
      return "SHA-256";
    } else if (KeyExportEncryptionAlgorithm.RSA_AES_KEY_WRAP_384.equals(algorithm)) {
      return "SHA-384";
    }
    throw new IllegalArgumentException("unsupported release algorithm " + algorithm);
  }
}
