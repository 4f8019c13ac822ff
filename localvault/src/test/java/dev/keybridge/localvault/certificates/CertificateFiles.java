package dev.keybridge.localvault.certificates;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Test-side certificate files, made and read with the JDK only: PKCS#12 and PEM files to import,
 * reading the vault's secret values back, and signature checks against a certificate.
 */
final class CertificateFiles {
  private CertificateFiles() {}

  /** A PKCS#12 file (JDK keystore) with one key entry and its chain, under {@code password}. */
  static byte[] pkcs12(KeyPair keys, List<X509Certificate> chain, String password)
      throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "entry", keys.getPrivate(), password.toCharArray(), chain.toArray(new Certificate[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, password.toCharArray());
    return out.toByteArray();
  }

  /** PEM text: the PKCS#8 private key, then the certificates. */
  static String pem(PrivateKey key, List<X509Certificate> chain) throws Exception {
    StringBuilder pem = new StringBuilder(block("PRIVATE KEY", key.getEncoded()));
    for (X509Certificate c : chain) {
      pem.append(block("CERTIFICATE", c.getEncoded()));
    }
    return pem.toString();
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** Opens a PKCS#12 secret value (standard base64, empty password) with the JDK. */
  static KeyStore openPkcs12Secret(String base64) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(Base64.getDecoder().decode(base64)), new char[0]);
    return ks;
  }

  /** Every certificate in a keystore (all entries, each entry's chain). */
  static List<X509Certificate> certificates(KeyStore ks) throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    for (String alias : Collections.list(ks.aliases())) {
      Certificate[] chain = ks.getCertificateChain(alias);
      if (chain != null) {
        for (Certificate c : chain) {
          out.add((X509Certificate) c);
        }
      } else if (ks.getCertificate(alias) != null) {
        out.add((X509Certificate) ks.getCertificate(alias));
      }
    }
    return out;
  }

  /** The private key entries of a keystore opened with the empty password. */
  static List<PrivateKey> privateKeys(KeyStore ks) throws Exception {
    List<PrivateKey> out = new ArrayList<>();
    for (String alias : Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        out.add((PrivateKey) ks.getKey(alias, new char[0]));
      }
    }
    return out;
  }

  static X509Certificate parse(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  /**
   * Verifies a vault signature over {@code data} with the certificate's public key: RS256 as
   * SHA256withRSA, ES256 (raw r||s) as SHA256withECDSAinP1363Format.
   */
  static boolean verifies(X509Certificate cert, String alg, byte[] data, byte[] signature)
      throws Exception {
    String jca =
        switch (alg) {
          case "RS256" -> "SHA256withRSA";
          case "ES256" -> "SHA256withECDSAinP1363Format";
          default -> throw new IllegalArgumentException(alg);
        };
    Signature s = Signature.getInstance(jca);
    s.initVerify(cert.getPublicKey());
    s.update(data);
    return s.verify(signature);
  }
}
