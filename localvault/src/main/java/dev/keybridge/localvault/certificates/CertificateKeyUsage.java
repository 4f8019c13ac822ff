package dev.keybridge.localvault.certificates;

import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The X.509 key usage bits by their Key Vault names ({@code x509_props.key_usage}), in the bit
 * order of RFC 5280 so that {@link #ordinal()} is the index in {@code
 * X509Certificate.getKeyUsage()}.
 */
public enum CertificateKeyUsage {
  DIGITAL_SIGNATURE("digitalSignature", KeyUsage.digitalSignature),
  NON_REPUDIATION("nonRepudiation", KeyUsage.nonRepudiation),
  KEY_ENCIPHERMENT("keyEncipherment", KeyUsage.keyEncipherment),
  DATA_ENCIPHERMENT("dataEncipherment", KeyUsage.dataEncipherment),
  KEY_AGREEMENT("keyAgreement", KeyUsage.keyAgreement),
  KEY_CERT_SIGN("keyCertSign", KeyUsage.keyCertSign),
  CRL_SIGN("cRLSign", KeyUsage.cRLSign),
  ENCIPHER_ONLY("encipherOnly", KeyUsage.encipherOnly),
  DECIPHER_ONLY("decipherOnly", KeyUsage.decipherOnly);

  private final String jsonName;
  private final int bcBit;

  CertificateKeyUsage(String jsonName, int bcBit) {
    this.jsonName = jsonName;
    this.bcBit = bcBit;
  }

  /** The Key Vault name, e.g. {@code digitalSignature}. */
  public String jsonName() {
    return jsonName;
  }

  /** The Bouncy Castle {@link KeyUsage} bit mask of this usage. */
  int bcBit() {
    return bcBit;
  }

  /**
   * The usage with this Key Vault name (case-insensitive).
   *
   * @param path the JSON path named in the error
   * @throws dev.keybridge.localvault.VaultError 400 {@code BadParameter} for an unknown name
   */
  public static CertificateKeyUsage fromJsonName(String name, String path) {
    for (CertificateKeyUsage usage : values()) {
      if (usage.jsonName.equalsIgnoreCase(name)) {
        return usage;
      }
    }
    throw JsonFields.invalid(path, "is not a key usage: '" + name + "'");
  }
}
