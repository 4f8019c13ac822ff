package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.crypto.BadPaddingException;

/** Reads a PKCS#12 file of a certificate import. */
final class Pkcs12Import {
  private Pkcs12Import() {}

  static ImportedCertificate read(byte[] pfx, String password) {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    KeyStore store;
    try {
      // The JDK's reader also retries an empty password in the zero-byte form some writers use.
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(pfx), secret);
    } catch (IOException | GeneralSecurityException e) {
      throw isPasswordFailure(e) ? wrongPassword(password) : notPkcs12();
    }
    try {
      boolean keyWithoutCertificate = false;
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, secret);
        Certificate[] chain = store.getCertificateChain(alias);
        if (!(key instanceof PrivateKey)) {
          continue;
        }
        if (chain == null || chain.length == 0) {
          keyWithoutCertificate = true;
          continue;
        }
        return imported((PrivateKey) key, chain);
      }
      throw VaultError.badParameter(
          keyWithoutCertificate
              ? "value: the PKCS#12 file holds a private key without its certificate"
              : "value: the PKCS#12 file holds no private key; importing a certificate needs its"
                  + " private key");
    } catch (UnrecoverableKeyException e) {
      throw wrongPassword(password);
    } catch (GeneralSecurityException e) {
      throw notPkcs12();
    }
  }

  private static ImportedCertificate imported(PrivateKey key, Certificate[] entries) {
    KeyMatch.requireRsaOrEc(key);
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : entries) {
      if (certificate instanceof X509Certificate) {
        certificates.add((X509Certificate) certificate);
      }
    }
    return ImportedCertificate.of(
        key,
        certificates,
        CertificateContentType.PKCS12,
        "value: the private key in the PKCS#12 file does not match its certificate");
  }

  private static boolean isPasswordFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnrecoverableKeyException || t instanceof BadPaddingException) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("password")) {
        return true;
      }
    }
    return false;
  }

  private static VaultError wrongPassword(String password) {
    return VaultError.badParameter(
        password == null || password.isEmpty()
            ? "pwd is missing: the PKCS#12 file in value is protected by a password"
            : "pwd is wrong: it does not open the PKCS#12 file in value");
  }

  private static VaultError notPkcs12() {
    return VaultError.badParameter("value is not a PKCS#12 file (nor PEM text)");
  }
}
