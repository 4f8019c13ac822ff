package dev.keybridge.localvault.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.function.Function;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Immutable material of one key version. Thread-safe; parsed and validated once, then reused for
 * every operation (no per-request key parsing). RSA keys are always complete CRT keys; EC keys are
 * on P-256, P-384, P-521 or P-256K; oct keys are 128, 192 or 256-bit AES keys. Every factory
 * refuses invalid input with {@link VaultError#badParameter}. {@link #toString()} names the key
 * type, size and curve, never material.
 */
public final class KeyMaterial {
  private static final List<String> RSA_OPS =
      List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey");
  private static final List<String> EC_OPS = List.of("sign", "verify");
  private static final List<String> OCT_OPS = List.of("encrypt", "decrypt", "wrapKey", "unwrapKey");
  private static final BigInteger F4 = BigInteger.valueOf(65537);

  private final String kty;
  private final RsaKey rsa;
  private final EcKey ec;
  private final byte[] octKey;
  private final SecretKey secretKey;
  private final KeyPair keyPair;

  private KeyMaterial(String kty, RsaKey rsa, EcKey ec, byte[] octKey) {
    this.kty = kty;
    this.rsa = rsa;
    this.ec = ec;
    this.octKey = octKey;
    this.secretKey = octKey == null ? null : new SecretKeySpec(octKey, "AES");
    if (rsa != null) {
      this.keyPair = new KeyPair(rsa.publicKey(), rsa.privateKey());
    } else if (ec != null) {
      this.keyPair = new KeyPair(ec.publicKey(), ec.privateKey());
    } else {
      this.keyPair = null;
    }
  }

  /**
   * Generates a key. {@code kty}: RSA, RSA-HSM, EC, EC-HSM, oct, oct-HSM. RSA: {@code keySize}
   * 2048/3072/4096 (null: 2048), {@code publicExponent} null or 0 for 65537, else an odd value >=
   * 3. EC: {@code crv} P-256/P-384/P-521/P-256K (null: P-256). oct: {@code keySize} 128/192/256
   * (null: 256). Parameters that do not apply to the type are ignored.
   *
   * @throws VaultError badParameter for an unknown type, size, exponent or curve
   */
  public static KeyMaterial generate(
      String kty, Integer keySize, Integer publicExponent, String crv) {
    switch (KeyTypes.base(kty)) {
      case "RSA" -> {
        int bits = keySize == null ? 2048 : keySize;
        BigInteger e =
            publicExponent == null || publicExponent == 0
                ? F4
                : BigInteger.valueOf(publicExponent.longValue());
        return new KeyMaterial(kty, RsaKey.generate(bits, e), null, null);
      }
      case "EC" -> {
        return new KeyMaterial(kty, null, EcKey.generate(KeyTypes.curve(crv)), null);
      }
      default -> {
        int bits = keySize == null ? 256 : keySize;
        if (bits != 128 && bits != 192 && bits != 256) {
          throw VaultError.badParameter(
              "oct key size " + bits + " is not supported (expected 128, 192 or 256)");
        }
        byte[] k = new byte[bits / 8];
        JcaProviders.RANDOM.nextBytes(k);
        return new KeyMaterial(kty, null, null, k);
      }
    }
  }

  /**
   * Imports a JWK with private material: RSA {@code n, e, d} and optionally {@code p, q, dp, dq,
   * qi} (missing CRT values are computed, given ones must match, and the private key must match the
   * public key); EC {@code crv, x, y, d} (the point must be on the curve and equal d*G); oct {@code
   * k} of 16, 24 or 32 bytes. Members are base64url with or without padding; other members ({@code
   * kid}, {@code key_ops}, {@code alg}) are ignored. The stored type is the -HSM variant when
   * {@code hsm} is true or the JWK's kty already is one. A BYOK {@code key_hsm} blob is refused.
   *
   * @throws VaultError badParameter for a malformed, inconsistent or public-only key
   */
  public static KeyMaterial fromJwk(JsonNode jwk, boolean hsm) {
    if (jwk == null || !jwk.isObject()) {
      throw VaultError.badParameter("Key must be a JSON Web Key object");
    }
    String kty = Jwk.text(jwk, "kty");
    String base = KeyTypes.base(kty);
    if (jwk.hasNonNull("key_hsm")) {
      throw VaultError.badParameter("Import of a BYOK 'key_hsm' blob is not supported");
    }
    String stored = hsm || kty.endsWith("-HSM") ? base + "-HSM" : base;
    return fromMembers(stored, Jwk.text(jwk, "crv"), member -> Jwk.bytes(jwk, member), true, true);
  }

  /**
   * Imports a JCA key pair (RSA or EC, any provider), validated like {@link #fromJwk}; used for
   * certificate import.
   */
  public static KeyMaterial fromKeyPair(KeyPair pair, boolean hsm) {
    PublicKey pub = pair.getPublic();
    PrivateKey priv = pair.getPrivate();
    if (pub == null || priv == null) {
      throw VaultError.badParameter("Key pair needs both a public and a private key");
    }
    if (pub instanceof RSAPublicKey rsaPub && priv instanceof RSAPrivateKey rsaPriv) {
      RsaKey key = RsaKey.fromJca(rsaPub, rsaPriv);
      key.checkPairwise();
      return new KeyMaterial(hsm ? "RSA-HSM" : "RSA", key, null, null);
    }
    if (pub instanceof ECPublicKey ecPub && priv instanceof ECPrivateKey ecPriv) {
      return new KeyMaterial(hsm ? "EC-HSM" : "EC", null, EcKey.fromJca(ecPub, ecPriv), null);
    }
    throw VaultError.badParameter(
        "Key pair of type " + pub.getAlgorithm() + " is not supported (expected RSA or EC)");
  }

  /** Imports an AES key of 128, 192 or 256 bits as oct (or oct-HSM). */
  public static KeyMaterial fromSecretKey(SecretKey key, boolean hsm) {
    byte[] k = key.getEncoded();
    if (k == null) {
      throw VaultError.badParameter("Secret key has no encoding");
    }
    return new KeyMaterial(hsm ? "oct-HSM" : "oct", null, null, KeyTypes.checkOctLength(k));
  }

  /**
   * Verification-only material from a public key (RSA or EC): it can verify signatures and encrypt,
   * but every private operation is refused.
   */
  public static KeyMaterial fromPublicKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsaPub) {
      return new KeyMaterial("RSA", RsaKey.fromJca(rsaPub, null), null, null);
    }
    if (key instanceof ECPublicKey ecPub) {
      return new KeyMaterial("EC", null, EcKey.fromJca(ecPub, null), null);
    }
    throw VaultError.badParameter(
        "Public key of type " + key.getAlgorithm() + " is not supported (expected RSA or EC)");
  }

  /**
   * Builds material from named JWK members ({@code members} returns null for an absent one).
   *
   * @param kty the type to store, e.g. RSA-HSM
   * @param requirePrivate refuse public-only keys
   * @param pairwise also run one private/public RSA operation (for imported keys)
   */
  static KeyMaterial fromMembers(
      String kty,
      String crv,
      Function<String, byte[]> members,
      boolean requirePrivate,
      boolean pairwise) {
    switch (KeyTypes.base(kty)) {
      case "RSA" -> {
        BigInteger d = Jwk.unsigned(members.apply("d"));
        if (d == null && requirePrivate) {
          throw VaultError.badParameter("JWK has no private key material: RSA needs 'd'");
        }
        RsaKey key =
            RsaKey.fromComponents(
                Jwk.unsigned(KeyTypes.required(members, "RSA", "n")),
                Jwk.unsigned(KeyTypes.required(members, "RSA", "e")),
                d,
                Jwk.unsigned(members.apply("p")),
                Jwk.unsigned(members.apply("q")),
                Jwk.unsigned(members.apply("dp")),
                Jwk.unsigned(members.apply("dq")),
                Jwk.unsigned(members.apply("qi")));
        if (pairwise && d != null) {
          key.checkPairwise();
        }
        return new KeyMaterial(kty, key, null, null);
      }
      case "EC" -> {
        if (crv == null) {
          throw VaultError.badParameter("EC key is missing member 'crv'");
        }
        EcCurve curve = KeyTypes.curve(crv);
        byte[] d = members.apply("d");
        if (d == null && requirePrivate) {
          throw VaultError.badParameter("JWK has no private key material: EC needs 'd'");
        }
        EcKey key =
            EcKey.fromComponents(
                curve,
                KeyTypes.coordinate(members, curve, "x"),
                KeyTypes.coordinate(members, curve, "y"),
                d == null ? null : KeyTypes.coordinate(members, curve, "d"));
        return new KeyMaterial(kty, null, key, null);
      }
      default -> {
        byte[] k = members.apply("k");
        if (k == null) {
          throw VaultError.badParameter("JWK has no private key material: oct needs 'k'");
        }
        return new KeyMaterial(kty, null, null, KeyTypes.checkOctLength(k));
      }
    }
  }

  /** The key type as stored, e.g. {@code RSA-HSM}. */
  public String kty() {
    return kty;
  }

  public boolean isRsa() {
    return rsa != null;
  }

  public boolean isEc() {
    return ec != null;
  }

  public boolean isOct() {
    return octKey != null;
  }

  /** True unless this is verification-only material from {@link #fromPublicKey}. */
  public boolean hasPrivateKey() {
    return octKey != null || keyPair.getPrivate() != null;
  }

  /** Size in bits: RSA modulus, oct key, or EC field size (256, 384, 521). */
  public int keySize() {
    if (rsa != null) {
      return rsa.bits();
    }
    return ec != null ? ec.curve().fieldBits() : octKey.length * 8;
  }

  /** The JWK curve name (P-256, P-384, P-521, P-256K), or null for RSA and oct. */
  public String curve() {
    return ec == null ? null : ec.curve().jwkName();
  }

  /** The public key, or null for oct. */
  public PublicKey publicKey() {
    return keyPair == null ? null : keyPair.getPublic();
  }

  /** The JCA key pair (for certificates and PKCS#12), or null for oct. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** Every operation valid for the type, in Key Vault's order. */
  public List<String> defaultKeyOps() {
    return rsa != null ? RSA_OPS : ec != null ? EC_OPS : OCT_OPS;
  }

  /**
   * The public JWK: {@code kid} (omitted when null), {@code kty}, {@code key_ops} (null: {@link
   * #defaultKeyOps()}), then {@code n, e} for RSA or {@code crv, x, y} (left-padded to the curve
   * size) for EC; nothing more for oct. Base64url without padding.
   */
  public ObjectNode publicJwk(String kid, List<String> keyOps) {
    ObjectNode jwk = JsonNodeFactory.instance.objectNode();
    if (kid != null) {
      jwk.put("kid", kid);
    }
    jwk.put("kty", kty);
    ArrayNode ops = jwk.putArray("key_ops");
    (keyOps == null ? defaultKeyOps() : keyOps).forEach(ops::add);
    KeyMaterialFormat.publicMembers(this).forEach(jwk::put);
    return jwk;
  }

  /** The private JWK with every component (secure key release, backup). */
  public ObjectNode privateJwk() {
    if (!hasPrivateKey()) {
      throw new IllegalStateException("Verification-only key material has no private JWK");
    }
    ObjectNode jwk = JsonNodeFactory.instance.objectNode();
    jwk.put("kty", kty);
    KeyMaterialFormat.allMembers(this).forEach(jwk::put);
    return jwk;
  }

  /** Compact self-describing binary form for storage; {@link #deserialize} restores it exactly. */
  public byte[] serialize() {
    return KeyMaterialFormat.serialize(this);
  }

  /**
   * Restores {@link #serialize()} output.
   *
   * @throws IllegalArgumentException if the bytes are not valid serialized key material
   */
  public static KeyMaterial deserialize(byte[] bytes) {
    return KeyMaterialFormat.deserialize(bytes);
  }

  RsaKey rsa() {
    return rsa;
  }

  EcKey ec() {
    return ec;
  }

  /** The raw AES key (not copied: never hand it out). */
  byte[] octKey() {
    return octKey;
  }

  SecretKey secretKey() {
    return secretKey;
  }

  /** For error messages: "an RSA key", "a P-256 key", "a 128-bit oct-HSM key". */
  String describe() {
    if (rsa != null) {
      return "an " + kty + " key";
    }
    if (ec != null) {
      return "a " + ec.curve().jwkName() + " key";
    }
    return "a " + keySize() + "-bit " + kty + " key";
  }

  /** Same type and same material. */
  @Override
  public boolean equals(Object other) {
    return other instanceof KeyMaterial that
        && kty.equals(that.kty)
        && MessageDigest.isEqual(serialize(), that.serialize());
  }

  @Override
  public int hashCode() {
    return kty.hashCode() * 31 + keySize();
  }

  @Override
  public String toString() {
    String shape = ec != null ? "curve=" + curve() : "size=" + keySize();
    return "KeyMaterial[kty=" + kty + ", " + shape + (hasPrivateKey() ? "" : ", public only") + "]";
  }
}
