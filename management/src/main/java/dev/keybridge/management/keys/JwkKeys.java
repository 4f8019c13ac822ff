package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Conversions between Key Vault JSON Web Keys and JCA keys. secp256k1 (P-256K) goes through Bouncy
 * Castle, which JDK 17's SunEC lacks; the other curves use the JDK.
 */
public final class JwkKeys {
  private JwkKeys() {}

  /** The provider used for secp256k1. */
  public static Provider bouncyCastle() {
    return VaultCurve.bouncyCastle();
  }

  /** The public key of an RSA or EC JWK; empty for oct keys (the vault returns no material). */
  public static Optional<PublicKey> publicKey(JsonWebKey jwk) {
    KeyType type = jwk.getKeyType();
    try {
      if (KeyType.RSA.equals(type) || KeyType.RSA_HSM.equals(type)) {
        RSAPublicKeySpec spec =
            new RSAPublicKeySpec(new BigInteger(1, jwk.getN()), new BigInteger(1, jwk.getE()));
        return Optional.of(KeyFactory.getInstance("RSA").generatePublic(spec));
      }
      if (KeyType.EC.equals(type) || KeyType.EC_HSM.equals(type)) {
        VaultCurve curve =
            VaultCurve.of(jwk.getCurveName())
                .orElseThrow(
                    () -> new GeneralSecurityException("unknown curve " + jwk.getCurveName()));
        return Optional.of(curve.publicKey(jwk.getX(), jwk.getY()));
      }
    } catch (GeneralSecurityException | NullPointerException e) {
      throw new IllegalArgumentException(
          "the vault returned an unusable " + type + " key " + jwk.getId() + ": " + e, e);
    }
    return Optional.empty();
  }

  /**
   * The JWK of a key pair for import: RSA needs a CRT private key; EC keys must be on P-256, P-384,
   * P-521 or secp256k1.
   */
  public static JsonWebKey fromKeyPair(PublicKey publicKey, PrivateKey privateKey) {
    if (publicKey instanceof RSAPublicKey rsaPublic) {
      if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
        throw new IllegalArgumentException(
            "an RSA key import needs an RSAPrivateCrtKey (with its CRT factors), got "
                + (privateKey == null ? "null" : privateKey.getClass().getName()));
      }
      if (!crt.getModulus().equals(rsaPublic.getModulus())) {
        throw new IllegalArgumentException("the RSA private and public keys do not match");
      }
      return new JsonWebKey()
          .setKeyType(KeyType.RSA)
          .setN(unsigned(crt.getModulus()))
          .setE(unsigned(crt.getPublicExponent()))
          .setD(unsigned(crt.getPrivateExponent()))
          .setP(unsigned(crt.getPrimeP()))
          .setQ(unsigned(crt.getPrimeQ()))
          .setDp(unsigned(crt.getPrimeExponentP()))
          .setDq(unsigned(crt.getPrimeExponentQ()))
          .setQi(unsigned(crt.getCrtCoefficient()));
    }
    if (publicKey instanceof ECPublicKey ecPublic) {
      if (!(privateKey instanceof ECPrivateKey ecPrivate)) {
        throw new IllegalArgumentException("an EC key import needs an ECPrivateKey");
      }
      VaultCurve curve = VaultCurve.of(ecPublic.getParams()).orElseThrow(JwkKeys::unsupportedCurve);
      int size = curve.fieldBytes();
      return new JsonWebKey()
          .setKeyType(KeyType.EC)
          .setCurveName(curve.keyCurveName())
          .setX(padded(ecPublic.getW().getAffineX(), size))
          .setY(padded(ecPublic.getW().getAffineY(), size))
          .setD(padded(ecPrivate.getS(), size));
    }
    throw new IllegalArgumentException(
        "only RSA and EC key pairs can be imported, got "
            + (publicKey == null ? "null" : publicKey.getAlgorithm()));
  }

  /** The oct JWK of a secret key (AES or HMAC key bytes). */
  public static JsonWebKey fromSecretKey(SecretKey key) {
    byte[] bytes = key.getEncoded();
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException(
          "the secret key has no encoded form (a non-extractable key cannot be imported)");
    }
    return new JsonWebKey().setKeyType(KeyType.OCT).setK(bytes);
  }

  /** An RSA or EC private key from PKCS#8 DER (secp256k1 through Bouncy Castle). */
  public static PrivateKey privateKeyFromPkcs8(byte[] der) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException tryNext) {
        // Not this algorithm (or a curve the JDK lacks).
      }
    }
    try {
      return KeyFactory.getInstance("EC", bouncyCastle()).generatePrivate(spec);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("released key material is not an RSA or EC PKCS#8 key", e);
    }
  }

  /** The Key Vault curve of JCA domain parameters. */
  public static KeyCurveName curveOf(ECParameterSpec params) {
    return VaultCurve.of(params).orElseThrow(JwkKeys::unsupportedCurve).keyCurveName();
  }

  private static IllegalArgumentException unsupportedCurve() {
    return new IllegalArgumentException(
        "EC curve not supported by Key Vault (P-256, P-384, P-521, P-256K only)");
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] padded(BigInteger value, int size) {
    byte[] bytes = unsigned(value);
    if (bytes.length >= size) {
      return bytes;
    }
    byte[] out = new byte[size];
    System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    return out;
  }
}
