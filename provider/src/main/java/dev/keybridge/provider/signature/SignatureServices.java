package dev.keybridge.provider.signature;

import java.security.SignatureSpi;

/**
 * The signature implementations {@code KeyBridgeProvider} registers, one factory per service; the
 * implementation classes are package-private. Applications use {@code
 * Signature.getInstance(algorithm, "KeyBridge")}, not these methods.
 */
public final class SignatureServices {
  private SignatureServices() {}

  /** {@code SHA256withRSA}: Key Vault RS256. */
  public static SignatureSpi sha256WithRsa() {
    return new RsaPkcs1Signature.Sha256WithRsa();
  }

  /** {@code SHA384withRSA}: Key Vault RS384. */
  public static SignatureSpi sha384WithRsa() {
    return new RsaPkcs1Signature.Sha384WithRsa();
  }

  /** {@code SHA512withRSA}: Key Vault RS512. */
  public static SignatureSpi sha512WithRsa() {
    return new RsaPkcs1Signature.Sha512WithRsa();
  }

  /** {@code RSASSA-PSS}: PS256/PS384/PS512 from the {@code PSSParameterSpec}. */
  public static SignatureSpi rsassaPss() {
    return new RsaPssSignature.RsassaPss();
  }

  /** {@code SHA256withRSA/PSS}: Key Vault PS256. */
  public static SignatureSpi sha256WithRsaPss() {
    return new RsaPssSignature.Sha256WithRsaPss();
  }

  /** {@code SHA384withRSA/PSS}: Key Vault PS384. */
  public static SignatureSpi sha384WithRsaPss() {
    return new RsaPssSignature.Sha384WithRsaPss();
  }

  /** {@code SHA512withRSA/PSS}: Key Vault PS512. */
  public static SignatureSpi sha512WithRsaPss() {
    return new RsaPssSignature.Sha512WithRsaPss();
  }

  /** {@code SHA256withECDSA}, DER: the Key Vault ES algorithm of the key's curve. */
  public static SignatureSpi sha256WithEcdsa() {
    return new EcdsaSignature.Sha256WithEcdsa();
  }

  /** {@code SHA384withECDSA}, DER. */
  public static SignatureSpi sha384WithEcdsa() {
    return new EcdsaSignature.Sha384WithEcdsa();
  }

  /** {@code SHA512withECDSA}, DER. */
  public static SignatureSpi sha512WithEcdsa() {
    return new EcdsaSignature.Sha512WithEcdsa();
  }

  /** {@code SHA256withECDSAinP1363Format}, raw r||s. */
  public static SignatureSpi sha256WithEcdsaInP1363Format() {
    return new EcdsaSignature.Sha256WithEcdsaInP1363Format();
  }

  /** {@code SHA384withECDSAinP1363Format}, raw r||s. */
  public static SignatureSpi sha384WithEcdsaInP1363Format() {
    return new EcdsaSignature.Sha384WithEcdsaInP1363Format();
  }

  /** {@code SHA512withECDSAinP1363Format}, raw r||s. */
  public static SignatureSpi sha512WithEcdsaInP1363Format() {
    return new EcdsaSignature.Sha512WithEcdsaInP1363Format();
  }
}
