package dev.keybridge.localvault.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.storage.VaultSettings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The vault's RSA-2048 signing key for access tokens, key-release results and attestations. Created
 * on first start, kept sealed in the database; {@link #kid()} is its RFC 7638 thumbprint.
 */
public final class TokenSigningKey {
  private final KeyPair pair;
  private final String kid;
  private final List<X509Certificate> chain;

  private TokenSigningKey(KeyPair pair, List<X509Certificate> chain) {
    this.pair = pair;
    this.kid = thumbprint((RSAPublicKey) pair.getPublic());
    this.chain = List.copyOf(chain);
  }

  /**
   * This key with a certificate chain (its own certificate first, issued by the vault CA) that
   * {@link #signWithChain} puts into the JWS header as {@code x5c}.
   */
  public TokenSigningKey withChain(List<X509Certificate> certificates) {
    return new TokenSigningKey(pair, certificates);
  }

  /** Loads the key from the settings, creating it on first use. */
  public static TokenSigningKey loadOrCreate(VaultSettings settings) {
    byte[] pkcs8 =
        settings.getOrCreateSecret(
            "token.signing-key",
            () -> {
              try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair().getPrivate().getEncoded();
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA key generation failed", e);
              }
            });
    try {
      KeyFactory kf = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      RSAPublicKey pub =
          (RSAPublicKey)
              kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
      return new TokenSigningKey(new KeyPair(pub, priv), List.of());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The stored token-signing key is unusable", e);
    }
  }

  public String kid() {
    return kid;
  }

  public RSAPublicKey publicKey() {
    return (RSAPublicKey) pair.getPublic();
  }

  /** Signs {@code payload} as an RS256 JWT/JWS with {@code typ} and this key's {@code kid}. */
  public String sign(String typ, ObjectNode payload) {
    ObjectNode header = Json.object();
    header.put("typ", typ);
    header.put("alg", "RS256");
    header.put("kid", kid);
    return Jwt.signRs256(header, payload, pair.getPrivate());
  }

  /**
   * Signs {@code payload} as an RS256 JWS whose header also carries {@code x5c}: the certificate
   * chain of this key (see {@link #withChain}), as key-release results do on Azure.
   */
  public String signWithChain(String typ, ObjectNode payload) {
    if (chain.isEmpty()) {
      throw new IllegalStateException("the token-signing key has no certificate chain");
    }
    ObjectNode header = Json.object();
    header.put("typ", typ);
    header.put("alg", "RS256");
    header.put("kid", kid);
    var x5c = header.putArray("x5c");
    try {
      // As Azure's release tokens: the signing certificate's SHA-1 and SHA-256 thumbprints too.
      byte[] signing = chain.get(0).getEncoded();
      header.put("x5t", Json.b64url(MessageDigest.getInstance("SHA-1").digest(signing)));
      header.put("x5t#S256", Json.b64url(MessageDigest.getInstance("SHA-256").digest(signing)));
      for (X509Certificate c : chain) {
        x5c.add(Base64.getEncoder().encodeToString(c.getEncoded()));
      }
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
    return Jwt.signRs256(header, payload, pair.getPrivate());
  }

  /** Whether {@code jws} carries this key's kid and a valid RS256 signature by it. */
  public boolean verify(Jwt.Parsed jws) {
    var k = jws.header().get("kid");
    return k != null && kid.equals(k.asText()) && Jwt.verifyRs256(jws, pair.getPublic());
  }

  /** The public key as a JWK ({@code kty, use, kid, n, e}). */
  public ObjectNode publicJwk() {
    return signingJwk(publicKey(), kid);
  }

  /** An RS256 verification key as a JWK ({@code kty, use, alg, kid, n, e}). */
  public static ObjectNode signingJwk(RSAPublicKey key, String kid) {
    ObjectNode jwk = Json.object();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("kid", kid);
    jwk.put("n", Json.b64url(unsigned(key.getModulus())));
    jwk.put("e", Json.b64url(unsigned(key.getPublicExponent())));
    return jwk;
  }

  private static String thumbprint(RSAPublicKey k) {
    String json =
        "{\"e\":\""
            + Json.b64url(unsigned(k.getPublicExponent()))
            + "\",\"kty\":\"RSA\",\"n\":\""
            + Json.b64url(unsigned(k.getModulus()))
            + "\"}";
    try {
      return Json.b64url(
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      byte[] t = new byte[b.length - 1];
      System.arraycopy(b, 1, t, 0, t.length);
      return t;
    }
    return b;
  }

  @Override
  public String toString() {
    return "TokenSigningKey[kid=" + kid + "]";
  }
}
