package dev.keybridge.localvault.crypto;

/**
 * Key Vault signature algorithms. Each signs a precomputed digest of {@link #digestLength()} bytes:
 * PKCS#1 v1.5 with DigestInfo (RS*), RSASSA-PSS with MGF1 of the same hash and a salt as long as
 * the hash (PS*), or ECDSA with a raw r||s signature on the one matching curve (ES*).
 */
enum SignatureAlgorithm implements KeyVaultAlgorithm {
  RS256(Scheme.PKCS1, "SHA-256", 32, null),
  RS384(Scheme.PKCS1, "SHA-384", 48, null),
  RS512(Scheme.PKCS1, "SHA-512", 64, null),
  PS256(Scheme.PSS, "SHA-256", 32, null),
  PS384(Scheme.PSS, "SHA-384", 48, null),
  PS512(Scheme.PSS, "SHA-512", 64, null),
  ES256(Scheme.ECDSA, "SHA-256", 32, EcCurve.P256),
  ES384(Scheme.ECDSA, "SHA-384", 48, EcCurve.P384),
  ES512(Scheme.ECDSA, "SHA-512", 64, EcCurve.P521),
  ES256K(Scheme.ECDSA, "SHA-256", 32, EcCurve.P256K);

  enum Scheme {
    PKCS1,
    PSS,
    ECDSA
  }

  private final Scheme scheme;
  private final String hash;
  private final int digestLength;
  private final EcCurve curve;

  SignatureAlgorithm(Scheme scheme, String hash, int digestLength, EcCurve curve) {
    this.scheme = scheme;
    this.hash = hash;
    this.digestLength = digestLength;
    this.curve = curve;
  }

  @Override
  public String jwaName() {
    return name();
  }

  @Override
  public boolean validFor(KeyMaterial key) {
    return scheme == Scheme.ECDSA ? key.isEc() && key.ec().curve() == curve : key.isRsa();
  }

  Scheme scheme() {
    return scheme;
  }

  /** The JCA name of the hash the digest was made with. */
  String hash() {
    return hash;
  }

  int digestLength() {
    return digestLength;
  }
}
