package dev.keybridge.management.certificates;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificate chains from the places Key Vault and users keep them: a certificate's DER ({@code
 * cer}), its secret (PKCS#12 or PEM) and a chain file (PEM, DER or PKCS#7). Pure parsing; no vault
 * requests. The one parser the facade, the KeyStore and the CLI share.
 */
public final class CertificateChains {
  private static final Pattern PEM_CERTIFICATE =
      Pattern.compile(
          "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----");

  private CertificateChains() {}

  /** Parses one DER certificate (the {@code cer} of a certificate bundle). */
  public static X509Certificate fromDer(byte[] der) throws CertificateException {
    return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
  }

  /**
   * Every certificate in a certificate's secret value: for {@code application/x-pkcs12}, the base64
   * PFX (Key Vault stores it without a password); for {@code application/x-pem-file}, the PEM text
   * (the private key in it is skipped and never parsed).
   *
   * @throws GeneralSecurityException if the value cannot be parsed as its content type says
   */
  public static List<X509Certificate> fromSecret(String contentType, String value)
      throws GeneralSecurityException {
    if (value == null) {
      throw new CertificateException("certificate secret has no value");
    }
    if (contentType != null && contentType.toLowerCase().contains("pem")) {
      return fromPemStrict(value);
    }
    if (value.contains("-----BEGIN")) {
      return fromPemStrict(value);
    }
    byte[] pfx;
    try {
      pfx = Base64.getMimeDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("certificate secret is neither PEM nor base64 PKCS#12", e);
    }
    return fromPkcs12(pfx);
  }

  private static List<X509Certificate> fromPkcs12(byte[] pfx) throws GeneralSecurityException {
    GeneralSecurityException firstFailure = null;
    // Key Vault's PFX has no password; depending on how it was written it opens with an empty
    // password or only with none at all.
    for (char[] password : new char[][] {new char[0], null}) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pfx), password);
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        for (String alias : Collections.list(store.aliases())) {
          Certificate[] chain = store.getCertificateChain(alias);
          if (chain != null) {
            for (Certificate certificate : chain) {
              certificates.add((X509Certificate) certificate);
            }
          }
          Certificate single = store.getCertificate(alias);
          if (single != null) {
            certificates.add((X509Certificate) single);
          }
        }
        if (!certificates.isEmpty()) {
          return List.copyOf(certificates);
        }
      } catch (IOException e) {
        if (firstFailure == null) {
          firstFailure = new CertificateException("unreadable PKCS#12: " + e.getMessage(), e);
        }
      } catch (GeneralSecurityException e) {
        if (firstFailure == null) {
          firstFailure = e;
        }
      }
    }
    throw firstFailure != null
        ? firstFailure
        : new CertificateException("PKCS#12 certificate secret holds no certificate");
  }

  /**
   * Every {@code CERTIFICATE} block of PEM text, in order (other blocks, such as a private key, are
   * skipped and never parsed); empty when there is none.
   *
   * @throws IllegalArgumentException if a certificate block is not an X.509 certificate
   */
  public static List<X509Certificate> fromPem(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher matcher = PEM_CERTIFICATE.matcher(pem);
    while (matcher.find()) {
      try {
        certificates.add(fromDer(Base64.getMimeDecoder().decode(matcher.group(1))));
      } catch (CertificateException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot read certificates from PEM: " + e.getMessage(), e);
      }
    }
    return certificates;
  }

  private static List<X509Certificate> fromPemStrict(String pem) throws CertificateException {
    try {
      List<X509Certificate> certificates = fromPem(pem);
      if (certificates.isEmpty()) {
        throw new CertificateException("no PEM CERTIFICATE block found");
      }
      return certificates;
    } catch (IllegalArgumentException e) {
      throw new CertificateException(e.getMessage(), e);
    }
  }

  /**
   * The chain of a certificate whose secret management reads: {@code leaf}, then its issuers out of
   * the secret (see {@link #order}).
   *
   * @throws IllegalArgumentException if the secret cannot be parsed as its content type says
   */
  public static List<X509Certificate> chain(
      X509Certificate leaf, String secretValue, String contentType) {
    try {
      List<X509Certificate> candidates = new ArrayList<>(fromSecret(contentType, secretValue));
      candidates.remove(leaf);
      return order(leaf, candidates);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read the certificate chain from its secret: " + e.getMessage(), e);
    }
  }

  /**
   * The SHA-1 of a certificate's DER: what Key Vault reports as {@code x5t}.
   *
   * @throws IllegalArgumentException if the certificate cannot be encoded
   */
  public static byte[] thumbprint(X509Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate without a thumbprint: " + e, e);
    }
  }

  /**
   * Whether a failed secret read means "no permission" (403 without inner code, or ForbiddenByRbac
   * / access-policy denial), as opposed to e.g. a disabled secret.
   */
  public static boolean isPermissionDenied(int status, String innerErrorCode) {
    return status == 403
        && (innerErrorCode == null
            || innerErrorCode.equals("ForbiddenByRbac")
            || innerErrorCode.equals("AccessDenied"));
  }

  /**
   * Reads a chain file: PEM (one or more certificates; other blocks ignored), a DER certificate or
   * a PKCS#7 bundle. The first certificate is the leaf; the rest are ordered from it.
   *
   * @throws IOException if the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> readChainFile(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      String text = new String(bytes, StandardCharsets.US_ASCII);
      List<X509Certificate> certificates;
      if (text.contains("-----BEGIN")) {
        certificates = fromPemStrict(text);
      } else {
        Collection<? extends Certificate> parsed =
            factory().generateCertificates(new ByteArrayInputStream(bytes));
        certificates = new ArrayList<>();
        for (Certificate certificate : parsed) {
          certificates.add((X509Certificate) certificate);
        }
      }
      if (certificates.isEmpty()) {
        throw new IOException("chain file " + file + " holds no certificate");
      }
      return order(certificates.get(0), certificates);
    } catch (CertificateException e) {
      throw new IOException(
          "chain file " + file + " is not a certificate chain: " + e.getMessage(), e);
    }
  }

  /**
   * The chain that starts at {@code leaf} and follows issuers through {@code candidates} (each
   * link's signature is checked) up to a self-issued certificate or the last one found.
   */
  public static List<X509Certificate> order(
      X509Certificate leaf, Collection<X509Certificate> candidates) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    X509Certificate current = leaf;
    while (!isSelfIssued(current)) {
      X509Certificate issuer = findIssuer(current, candidates, chain);
      if (issuer == null) {
        break;
      }
      chain.add(issuer);
      current = issuer;
    }
    return List.copyOf(chain);
  }

  private static X509Certificate findIssuer(
      X509Certificate child, Collection<X509Certificate> candidates, List<X509Certificate> used) {
    X509Certificate unverifiable = null;
    for (X509Certificate candidate : candidates) {
      if (used.contains(candidate)
          || !candidate.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
        continue;
      }
      try {
        child.verify(candidate.getPublicKey());
        return candidate;
      } catch (SignatureException e) {
        // Same name, different key: not this certificate's issuer.
      } catch (GeneralSecurityException e) {
        // The JDK cannot check this signature (e.g. a secp256k1 issuer): the name must do.
        if (unverifiable == null) {
          unverifiable = candidate;
        }
      }
    }
    return unverifiable;
  }

  private static boolean isSelfIssued(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }

  private static CertificateFactory factory() throws CertificateException {
    return CertificateFactory.getInstance("X.509");
  }
}
