package dev.keybridge.examples;

import dev.keybridge.localvault.testing.TestCa;
import dev.keybridge.management.CertificateManager;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a vault with code-signing certificates quickly: each a fresh P-256 key issued by a test CA
 * (chain leaf, CA) and imported as PEM, four at a time.
 */
public final class IssuedCertificates {
  private final CertificateManager certificates;
  private final TestCa ca;

  public IssuedCertificates(CertificateManager certificates, TestCa ca) {
    this.certificates = certificates;
    this.ca = ca;
  }

  /** A new P-256 key pair. */
  public static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A code-signing certificate for {@code pair}, CN = name, issued by the CA. */
  public X509Certificate issue(String name, KeyPair pair) throws Exception {
    return ca.issue(
        TestCa.name("CN=" + name + ",O=keybridge tests"),
        pair.getPublic(),
        TestCa.Purpose.CODE_SIGNING);
  }

  /** Imports a new certificate (or a new version) named {@code name}; returns its leaf. */
  public X509Certificate importIssued(String name) throws Exception {
    KeyPair pair = p256();
    X509Certificate leaf = issue(name, pair);
    String key =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    certificates.importPem(name, key + TestCa.pem(List.of(leaf, ca.certificate())));
    return leaf;
  }

  /** Imports every name, four in parallel. */
  public void importAll(List<String> names) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> imports = new ArrayList<>();
      for (String name : names) {
        imports.add(pool.submit(() -> importIssued(name)));
      }
      for (Future<?> done : imports) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
