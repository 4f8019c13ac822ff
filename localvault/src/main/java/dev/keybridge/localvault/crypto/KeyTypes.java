package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.math.BigInteger;
import java.util.function.Function;

/** Parsing and checking of key type names, curves and member sizes, with Key Vault's errors. */
final class KeyTypes {
  private KeyTypes() {}

  /** "RSA", "EC" or "oct" for a Key Vault kty (with or without -HSM). */
  static String base(String kty) {
    if (kty == null) {
      throw VaultError.badParameter("Key type (kty) is required");
    }
    return switch (kty) {
      case "RSA", "RSA-HSM" -> "RSA";
      case "EC", "EC-HSM" -> "EC";
      case "oct", "oct-HSM" -> "oct";
      default ->
          throw VaultError.badParameter(
              "Key type '"
                  + kty
                  + "' is not supported (expected RSA, RSA-HSM, EC, EC-HSM, oct or oct-HSM)");
    };
  }

  /** The curve for a JWK crv name; null means P-256. */
  static EcCurve curve(String crv) {
    if (crv == null) {
      return EcCurve.P256;
    }
    EcCurve curve = EcCurve.fromJwkName(crv);
    if (curve == null) {
      throw VaultError.badParameter(
          "Curve '" + crv + "' is not supported (expected P-256, P-384, P-521 or P-256K)");
    }
    return curve;
  }

  static byte[] required(Function<String, byte[]> members, String type, String name) {
    byte[] value = members.apply(name);
    if (value == null) {
      throw VaultError.badParameter(type + " key is missing member '" + name + "'");
    }
    return value;
  }

  /** An EC coordinate or scalar: required, at most the curve's coordinate size. */
  static BigInteger coordinate(Function<String, byte[]> members, EcCurve curve, String name) {
    byte[] value = required(members, "EC", name);
    if (value.length == 0 || value.length > curve.coordinateBytes()) {
      throw VaultError.badParameter(
          "EC member '"
              + name
              + "' must be "
              + curve.coordinateBytes()
              + " bytes for "
              + curve.jwkName()
              + ", got "
              + value.length);
    }
    return new BigInteger(1, value);
  }

  /** An AES key must be 16, 24 or 32 bytes. */
  static byte[] checkOctLength(byte[] k) {
    if (k.length != 16 && k.length != 24 && k.length != 32) {
      throw VaultError.badParameter(
          "oct key must be 16, 24 or 32 bytes (128, 192 or 256 bits), got " + k.length + " bytes");
    }
    return k.clone();
  }
}
