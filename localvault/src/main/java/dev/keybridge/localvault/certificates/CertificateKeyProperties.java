package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.crypto.EcCurve;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * The {@code key_props} of a certificate policy: the kind of key pair behind each certificate
 * version.
 *
 * @param exportable whether the private key goes into the certificate's secret
 * @param kty {@code RSA}, {@code RSA-HSM}, {@code EC} or {@code EC-HSM}
 * @param keySize RSA modulus bits (2048, 3072, 4096) or the EC curve size (256, 384, 521)
 * @param curve the JWK curve name ({@code P-256}, {@code P-256K}, {@code P-384}, {@code P-521}) for
 *     EC key types, null for RSA
 * @param reuseKey whether a renewal keeps the key pair
 */
public record CertificateKeyProperties(
    boolean exportable, String kty, int keySize, String curve, boolean reuseKey) {

  private static final List<String> KEY_TYPES = List.of("RSA", "RSA-HSM", "EC", "EC-HSM");
  private static final List<Integer> RSA_SIZES = List.of(2048, 3072, 4096);

  /** The service default: exportable RSA 2048, a new key on every renewal. */
  public static final CertificateKeyProperties DEFAULT =
      new CertificateKeyProperties(true, "RSA", 2048, null, false);

  /**
   * Parses {@code key_props}, applying the service defaults for absent members: RSA, 2048 bits,
   * exportable, no key reuse; for EC the curve follows {@code key_size} (256 is P-256) or is P-256.
   *
   * @param json the {@code key_props} object, or null for all defaults
   * @throws VaultError 400 naming the member for an unsupported kty, size or curve, or a wrong type
   */
  public static CertificateKeyProperties fromJson(JsonNode json) {
    Boolean exportable = JsonFields.bool(json, "exportable", "key_props.exportable");
    Boolean reuseKey = JsonFields.bool(json, "reuse_key", "key_props.reuse_key");
    String kty = JsonFields.text(json, "kty", "key_props.kty");
    Integer size = JsonFields.integer(json, "key_size", "key_props.key_size");
    String crv = JsonFields.text(json, "crv", "key_props.crv");
    if (kty == null) {
      kty = crv == null ? "RSA" : "EC";
    }
    if (!KEY_TYPES.contains(kty)) {
      throw JsonFields.invalid(
          "key_props.kty", "must be one of " + KEY_TYPES + " (got '" + kty + "')");
    }
    boolean ec = kty.startsWith("EC");
    if (!ec) {
      if (crv != null) {
        throw JsonFields.invalid("key_props.crv", "must not be set for kty " + kty);
      }
      int bits = size == null ? 2048 : size;
      if (!RSA_SIZES.contains(bits)) {
        throw JsonFields.invalid(
            "key_props.key_size",
            "must be one of " + RSA_SIZES + " for kty " + kty + " (got " + bits + ")");
      }
      return new CertificateKeyProperties(
          exportable == null || exportable, kty, bits, null, reuseKey != null && reuseKey);
    }
    EcCurve curve;
    if (crv == null) {
      curve = size == null ? EcCurve.P256 : EcCurve.forFieldBits(size);
      if (curve == null) {
        throw JsonFields.invalid(
            "key_props.key_size", "must be 256, 384 or 521 for kty " + kty + " (got " + size + ")");
      }
    } else {
      curve = EcCurve.fromJwkName(crv);
      if (curve == null) {
        throw JsonFields.invalid(
            "key_props.crv", "must be one of P-256, P-256K, P-384, P-521 (got '" + crv + "')");
      } else if (size != null && size != curve.fieldBits()) {
        throw JsonFields.invalid(
            "key_props.key_size", "is " + size + " but curve " + crv + " has " + curve.fieldBits());
      }
    }
    return new CertificateKeyProperties(
        exportable == null || exportable,
        kty,
        curve.fieldBits(),
        curve.jwkName(),
        reuseKey != null && reuseKey);
  }

  /**
   * These properties with kty, size and curve taken from an actual public key, keeping {@code
   * exportable}, {@code reuse_key} and the {@code -HSM} suffix when the key family is unchanged.
   *
   * @throws VaultError 400 for a key that is neither RSA nor EC on a supported curve
   */
  public CertificateKeyProperties describing(PublicKey publicKey) {
    PublicKey key = KeyMatch.normalize(publicKey);
    if (key instanceof RSAPublicKey) {
      String type = "RSA-HSM".equals(kty) ? kty : "RSA";
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      return new CertificateKeyProperties(exportable, type, bits, null, reuseKey);
    }
    EcCurve curve = EcCurve.fromSpec(((ECPublicKey) key).getParams());
    if (curve == null) {
      throw VaultError.badParameter(
          "Unsupported elliptic curve: Key Vault certificates use P-256, P-256K, P-384 or P-521");
    }
    String type = "EC-HSM".equals(kty) ? kty : "EC";
    return new CertificateKeyProperties(
        exportable, type, curve.fieldBits(), curve.jwkName(), reuseKey);
  }

  /** True for the EC key types. */
  public boolean isEc() {
    return kty.startsWith("EC");
  }

  /** True for the {@code -HSM} key types. */
  public boolean hsm() {
    return kty.endsWith("-HSM");
  }

  /** Renders {@code key_props}: exportable, kty, key_size, reuse_key and, for EC, crv. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("exportable", exportable);
    json.put("kty", kty);
    json.put("key_size", keySize);
    json.put("reuse_key", reuseKey);
    if (curve != null) {
      json.put("crv", curve);
    }
    return json;
  }
}
