package dev.keybridge.examples.jarsigning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * The PKCS#7 signature block ({@code META-INF/*.RSA|.EC}) of a signed JAR, read with Bouncy Castle:
 * which certificates it carries and which signature algorithm its one signer used.
 */
record SignatureBlock(String entryName, List<X509Certificate> certificates, String signatureOid) {

  static SignatureBlock of(Path signedJar) throws Exception {
    try (JarFile jar = new JarFile(signedJar.toFile(), false)) {
      List<String> blocks = new ArrayList<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.startsWith("META-INF/")
            && (name.endsWith(".RSA") || name.endsWith(".EC") || name.endsWith(".DSA"))) {
          blocks.add(name);
        }
      }
      if (blocks.size() != 1) {
        throw new IOException("expected one signature block in " + signedJar + ", found " + blocks);
      }
      byte[] der;
      try (InputStream in = jar.getInputStream(jar.getEntry(blocks.get(0)))) {
        der = in.readAllBytes();
      }
      CMSSignedData cms = new CMSSignedData(der);
      List<X509Certificate> certificates = new ArrayList<>();
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
        certificates.add(converter.getCertificate(holder));
      }
      List<SignerInformation> signers = new ArrayList<>(cms.getSignerInfos().getSigners());
      if (signers.size() != 1) {
        throw new IOException("expected one signer, found " + signers.size());
      }
      return new SignatureBlock(blocks.get(0), certificates, signers.get(0).getEncryptionAlgOID());
    }
  }
}
