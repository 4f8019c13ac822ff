package dev.keybridge.localvault.certificates;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;

/**
 * Writes the PKCS#12 file of a certificate secret in Key Vault's layout with the empty (NULL)
 * password, readable by the JDK (with {@code ""}), OpenSSL ({@code -passin pass:}), Bouncy Castle
 * and azure-security-keyvault-jca:
 *
 * <ul>
 *   <li>certificates in encrypted safe contents ({@code encryptedData}), as Key Vault writes them
 *       and as readers written against Key Vault (azure-security-keyvault-jca) expect;
 *   <li>the private key, if any, in a PKCS#8 shrouded bag, bound to the leaf by a shared {@code
 *       localKeyId};
 *   <li>an HMAC-SHA256 MAC ({@link Pkcs12EmptyPassword} says how both are keyed and why).
 * </ul>
 */
final class Pkcs12Writer {
  /** The JDK's marker for a certificate trusted without a key ("anyExtendedKeyUsage"). */
  private static final ASN1ObjectIdentifier ORACLE_TRUSTED_KEY_USAGE =
      new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");

  private static final SecureRandom RANDOM = new SecureRandom();

  private Pkcs12Writer() {}

  /** The DER of a PKCS#12 file with the chain and, when {@code privateKey} is not null, the key. */
  static byte[] write(List<X509Certificate> chain, PrivateKey privateKey) {
    try {
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      DEROctetString localKeyId = new DEROctetString(randomId());
      PKCS12SafeBag[] certificates = new PKCS12SafeBag[chain.size()];
      for (int i = 0; i < chain.size(); i++) {
        PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
        if (privateKey == null) {
          // Without a key in the file the JDK only shows certificates marked as trusted.
          bag.addBagAttribute(ORACLE_TRUSTED_KEY_USAGE, KeyPurposeId.anyExtendedKeyUsage.toOID());
        } else if (i == 0) {
          bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
        }
        certificates[i] = bag.build();
      }
      pfx.addEncryptedData(Pkcs12EmptyPassword.encryptor(), certificates);
      if (privateKey != null) {
        PKCS12SafeBagBuilder keyBag =
            new JcaPKCS12SafeBagBuilder(privateKey, Pkcs12EmptyPassword.encryptor());
        keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
        pfx.addData(keyBag.build());
      }
      return pfx.build(Pkcs12EmptyPassword.mac(), new char[0]).getEncoded();
    } catch (IOException | PKCSException e) {
      throw new IllegalStateException("Cannot write the PKCS#12 secret of the certificate", e);
    }
  }

  private static byte[] randomId() {
    byte[] id = new byte[20];
    RANDOM.nextBytes(id);
    return id;
  }
}
