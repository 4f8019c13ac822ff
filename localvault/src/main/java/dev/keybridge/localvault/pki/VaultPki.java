package dev.keybridge.localvault.pki;

import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The vault's TLS identity in its data directory: a private CA ({@code DIR/ca.pem} for clients,
 * {@code DIR/ca.p12} with its key) and a server certificate signed by it ({@code DIR/tls.p12}, SANs
 * {@code DNS:localhost, IP:127.0.0.1, IP:::1}). Created on first start, reused later; the server
 * certificate is re-issued from the same CA when it is within 30 days of expiry. Keystore passwords
 * are derived from the {@link MasterKey}.
 */
public final class VaultPki {
  private static final String ALIAS = "key";
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration TLS_VALIDITY = Duration.ofDays(825);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final Path caPem;
  private final X509Certificate caCertificate;
  private final PrivateKey caKey;
  private final SSLContext sslContext;

  private VaultPki(
      Path caPem, X509Certificate caCertificate, PrivateKey caKey, SSLContext sslContext) {
    this.caPem = caPem;
    this.caCertificate = caCertificate;
    this.caKey = caKey;
    this.sslContext = sslContext;
  }

  /**
   * Loads the CA and server certificate from {@code dir}, creating what is missing. {@code
   * extraAddress} (a non-loopback bind address) is added to the SANs of a newly issued server
   * certificate.
   */
  public static VaultPki loadOrCreate(
      Path dir, MasterKey masterKey, Clock clock, InetAddress extraAddress) {
    try {
      char[] caPass = password(masterKey, "ca.p12");
      char[] tlsPass = password(masterKey, "tls.p12");
      Path caStore = dir.resolve("ca.p12");
      Path tlsStore = dir.resolve("tls.p12");
      Path caPem = dir.resolve("ca.pem");
      Instant now = clock.instant();

      KeyStore ca;
      if (Files.exists(caStore)) {
        ca = load(caStore, caPass);
      } else {
        ca = newCa(now, caPass);
        store(ca, caStore, caPass);
        Files.deleteIfExists(tlsStore);
      }
      X509Certificate caCert = (X509Certificate) ca.getCertificate(ALIAS);
      PrivateKey caKey = (PrivateKey) ca.getKey(ALIAS, caPass);
      writeAtomically(caPem, pem(caCert).getBytes(StandardCharsets.US_ASCII));

      KeyStore tls = Files.exists(tlsStore) ? load(tlsStore, tlsPass) : null;
      if (tls == null || needsRenewal(tls, caCert, now)) {
        tls = newServerIdentity(caCert, caKey, now, extraAddress, tlsPass);
        store(tls, tlsStore, tlsPass);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(tls, tlsPass);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), null, new SecureRandom());
      return new VaultPki(caPem, caCert, caKey, ssl);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new StorageException("Cannot set up the vault's TLS certificates in " + dir, e);
    }
  }

  /** {@code DIR/ca.pem}: the CA certificate clients trust. */
  public Path caPemFile() {
    return caPem;
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** A TLS context presenting the server certificate and its chain. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * Issues a certificate from the vault CA for {@code key}, a signing key of the vault itself (the
   * key that signs key-release results), so that clients can chain its signatures to {@code
   * ca.pem}. Not stored: issued anew at every start.
   */
  public X509Certificate issueSigningCertificate(PublicKey key, String subject, Instant now) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              caCertificate,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(TLS_VALIDITY)),
              new X500Name(subject),
              key);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
      return sign(b, caKey);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot issue the vault's signing certificate", e);
    }
  }

  /** PEM text of a certificate. */
  public static String pem(X509Certificate cert) throws GeneralSecurityException {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(cert.getEncoded());
    return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
  }

  private static boolean needsRenewal(KeyStore tls, X509Certificate caCert, Instant now)
      throws GeneralSecurityException {
    Certificate[] chain = tls.getCertificateChain(ALIAS);
    if (chain == null || chain.length < 2 || !chain[1].equals(caCert)) {
      return true;
    }
    X509Certificate leaf = (X509Certificate) chain[0];
    return leaf.getNotAfter().toInstant().minus(RENEW_BEFORE).isBefore(now);
  }

  private static KeyStore newCa(Instant now, char[] pass)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    KeyPair kp = ecKeyPair();
    X500Name name =
        new X500Name(
            "CN=keybridge local vault CA "
                + Long.toHexString(new SecureRandom().nextLong())
                + ",O=keybridge");
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(CA_VALIDITY)),
            name,
            kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
    X509Certificate cert = sign(b, kp.getPrivate());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(ALIAS, kp.getPrivate(), pass, new Certificate[] {cert});
    return ks;
  }

  private static KeyStore newServerIdentity(
      X509Certificate caCert, PrivateKey caKey, Instant now, InetAddress extra, char[] pass)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    KeyPair kp = ecKeyPair();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            caCert,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(TLS_VALIDITY)),
            new X500Name("CN=localhost,O=keybridge local vault"),
            kp.getPublic());
    List<GeneralName> sans = new ArrayList<>();
    sans.add(new GeneralName(GeneralName.dNSName, "localhost"));
    sans.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    sans.add(new GeneralName(GeneralName.iPAddress, "::1"));
    if (extra != null && !extra.isLoopbackAddress() && !extra.isAnyLocalAddress()) {
      sans.add(new GeneralName(GeneralName.iPAddress, extra.getHostAddress()));
    }
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(sans.toArray(new GeneralName[0])));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
    b.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
    X509Certificate cert = sign(b, caKey);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(ALIAS, kp.getPrivate(), pass, new Certificate[] {cert, caCert});
    return ks;
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException, IOException {
    byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)).getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
  }

  private static char[] password(MasterKey mk, String purpose) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mk.derive(purpose)).toCharArray();
  }

  private static KeyStore load(Path file, char[] pass)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, pass);
    }
    return ks;
  }

  private static void store(KeyStore ks, Path file, char[] pass)
      throws GeneralSecurityException, IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    MasterKey.createOwnerOnly(tmp);
    try (OutputStream out = Files.newOutputStream(tmp)) {
      ks.store(out, pass);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static void writeAtomically(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
