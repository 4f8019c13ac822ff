package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/** Reads the PEM text of a certificate import: one private key and its certificates. */
final class PemImport {
  private PemImport() {}

  static ImportedCertificate read(String pem, String password) {
    List<PrivateKeyInfo> keys = new ArrayList<>();
    List<X509Certificate> certificates = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof X509CertificateHolder) {
          certificates.add(certificate((X509CertificateHolder) object));
        } else if (object instanceof PrivateKeyInfo) {
          keys.add((PrivateKeyInfo) object);
        } else if (object instanceof PEMKeyPair) {
          keys.add(((PEMKeyPair) object).getPrivateKeyInfo());
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
          keys.add(decrypt((PKCS8EncryptedPrivateKeyInfo) object, password));
        } else if (object instanceof PEMEncryptedKeyPair) {
          keys.add(decrypt((PEMEncryptedKeyPair) object, password));
        } else if (!(object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters)) {
          // EC PARAMETERS blocks (as openssl ecparam writes them) carry nothing we need.
          throw VaultError.badParameter(
              "value holds a PEM block that is neither a private key nor a certificate");
        }
      }
    } catch (IOException e) {
      throw VaultError.badParameter("value is not valid PEM text: a PEM block cannot be parsed");
    }
    if (keys.isEmpty()) {
      throw VaultError.badParameter(
          "value holds no private key: a PEM import needs a PKCS#8 PRIVATE KEY block and the"
              + " certificate");
    }
    if (keys.size() > 1) {
      throw VaultError.badParameter("value holds " + keys.size() + " private keys; expected one");
    }
    if (certificates.isEmpty()) {
      throw VaultError.badParameter("value holds no CERTIFICATE block");
    }
    PrivateKey key = privateKey(keys.get(0));
    KeyMatch.requireRsaOrEc(key);
    return ImportedCertificate.of(
        key,
        certificates,
        CertificateContentType.PEM,
        "value: no certificate matches the private key (the key and the"
            + " certificate do not belong together)");
  }

  private static X509Certificate certificate(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw VaultError.badParameter("value holds a CERTIFICATE block that is not X.509");
    }
  }

  /** JDK key objects where the JDK can (RSA, NIST curves), Bouncy Castle's for the rest. */
  private static PrivateKey privateKey(PrivateKeyInfo info) {
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (PEMException jdkFailure) {
      try {
        return new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER).getPrivateKey(info);
      } catch (PEMException e) {
        throw VaultError.badParameter(
            "value holds a private key of an unsupported type: Key Vault certificates use RSA or"
                + " EC keys");
      }
    }
  }

  private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, String password) {
    requirePassword(password);
    try {
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder()
              .setProvider(BouncyCastle.PROVIDER)
              .build(password.toCharArray()));
    } catch (PKCSException | OperatorCreationException e) {
      throw VaultError.badParameter("pwd is wrong: it does not decrypt the private key in value");
    }
  }

  private static PrivateKeyInfo decrypt(PEMEncryptedKeyPair encrypted, String password) {
    requirePassword(password);
    try {
      return encrypted
          .decryptKeyPair(
              new JcePEMDecryptorProviderBuilder()
                  .setProvider(BouncyCastle.PROVIDER)
                  .build(password.toCharArray()))
          .getPrivateKeyInfo();
    } catch (IOException e) {
      throw VaultError.badParameter("pwd is wrong: it does not decrypt the private key in value");
    }
  }

  private static void requirePassword(String password) {
    if (password == null || password.isEmpty()) {
      throw VaultError.badParameter("pwd is missing: the private key in value is encrypted");
    }
  }
}
