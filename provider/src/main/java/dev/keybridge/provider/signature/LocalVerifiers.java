package dev.keybridge.provider.signature;

import dev.keybridge.management.keys.VaultCurve;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Public-key operations never go to the vault: they run in the JDK's own providers (SunRsaSign,
 * SunEC) and, for secp256k1, which JDK 17's SunEC no longer implements, in Bouncy Castle. The
 * providers are named explicitly so verification can never loop back into keybridge.
 */
final class LocalVerifiers {
  private LocalVerifiers() {}

  /** A JDK RSA verifier ({@code SHA256withRSA}, {@code RSASSA-PSS}, ...) initialised with key. */
  static Signature rsa(String algorithm, PublicKey key) throws InvalidKeyException {
    if (!(key instanceof RSAPublicKey)) {
      throw new InvalidKeyException(
          algorithm + " verifies with an RSA public key, not " + describe(key));
    }
    Signature verifier = instance(algorithm, jdkProvider("SunRsaSign"));
    verifier.initVerify(key);
    return verifier;
  }

  /**
   * A JDK (or, for secp256k1, Bouncy Castle) ECDSA verifier initialised with key; {@code p1363}
   * selects raw r||s signatures instead of DER.
   */
  static Signature ecdsa(SignatureHash hash, boolean p1363, PublicKey key)
      throws InvalidKeyException {
    if (!(key instanceof ECPublicKey ecKey)) {
      throw new InvalidKeyException("ECDSA verifies with an EC public key, not " + describe(key));
    }
    String hashName = "SHA" + hash.bits();
    Signature verifier;
    if (isSecp256k1(ecKey.getParams())) {
      verifier =
          instance(
              hashName + (p1363 ? "withPLAIN-ECDSA" : "withECDSA"), BouncyCastleHolder.PROVIDER);
    } else {
      verifier =
          instance(hashName + "withECDSA" + (p1363 ? "inP1363Format" : ""), jdkProvider("SunEC"));
    }
    verifier.initVerify(key);
    return verifier;
  }

  /** secp256k1 (P-256K) is the one Key Vault curve JDK 17's SunEC cannot verify. */
  static boolean isSecp256k1(ECParameterSpec params) {
    return VaultCurve.of(params).filter(curve -> curve == VaultCurve.P_256K).isPresent();
  }

  private static Signature instance(String algorithm, Provider provider) {
    try {
      return Signature.getInstance(algorithm, provider);
    } catch (NoSuchAlgorithmException e) {
      throw new ProviderException(algorithm + " is not available in " + provider.getName(), e);
    }
  }

  private static Provider jdkProvider(String name) {
    Provider provider = Security.getProvider(name);
    if (provider == null) {
      throw new ProviderException(
          "The JDK provider "
              + name
              + " is not installed; keybridge verifies signatures locally with it");
    }
    return provider;
  }

  static String describe(Object key) {
    return key == null ? "null" : key.getClass().getName();
  }

  /** One Bouncy Castle instance, created on first secp256k1 use and never registered globally. */
  private static final class BouncyCastleHolder {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
