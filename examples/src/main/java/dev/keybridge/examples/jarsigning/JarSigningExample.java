package dev.keybridge.examples.jarsigning;

import dev.keybridge.examples.ExampleVault;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;
import jdk.security.jarsigner.JarSignerException;

/**
 * Signs a JAR in-process with the JDK's {@code jdk.security.jarsigner.JarSigner} API and a
 * certificate-backed vault key: the JAR is hashed locally, one signature (over the {@code .SF}
 * file) is made in the vault, and the signature block carries the certificate chain the vault holds
 * for the key.
 *
 * <pre>
 * java -cp keybridge.jar:examples.jar dev.keybridge.examples.jarsigning.JarSigningExample \
 *     keybridge.properties code-signing app.jar app-signed.jar
 * </pre>
 */
public final class JarSigningExample {
  private JarSigningExample() {}

  /**
   * Signs {@code unsignedJar} into {@code signedJar} with the key and chain of certificate {@code
   * alias}, with jarsigner's default signature algorithm for the key (SHA256withRSA for RSA 2048,
   * SHA384withECDSA for P-384, ...), or {@code signatureAlgorithm} when not null. The signed JAR is
   * written to a temporary file beside {@code signedJar} and moved into place only when signing
   * succeeded: a failed signature never leaves a JAR behind.
   *
   * <p>Needs KeyBridge among the installed providers ({@link ExampleVault#installProvider()}).
   *
   * @throws SignatureException if the vault refused or failed the signature (the message names the
   *     vault error code)
   */
  public static void signJar(
      KeyStore vault, String alias, String signatureAlgorithm, Path unsignedJar, Path signedJar)
      throws IOException, GeneralSecurityException {
    KeyStore.PrivateKeyEntry entry = ExampleVault.privateKeyEntry(vault, alias);
    CertPath chain =
        CertificateFactory.getInstance("X.509")
            .generateCertPath(Arrays.asList(entry.getCertificateChain()));
    JarSigner.Builder builder =
        new JarSigner.Builder(entry.getPrivateKey(), chain).signerName(signerName(alias));
    if (signatureAlgorithm != null) {
      builder.signatureAlgorithm(signatureAlgorithm);
    }
    JarSigner signer = builder.build();

    Path target = signedJar.toAbsolutePath();
    Path partial = Files.createTempFile(target.getParent(), ".signing-", ".jar");
    boolean signed = false;
    try {
      try (ZipFile in = new ZipFile(unsignedJar.toFile());
          OutputStream out = Files.newOutputStream(partial)) {
        signer.sign(in, out);
      } catch (JarSignerException e) {
        Throwable cause = e.getCause();
        if (cause instanceof GeneralSecurityException security) {
          throw security;
        }
        throw new SignatureException("cannot sign " + unsignedJar + ": " + e.getMessage(), e);
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      signed = true;
    } finally {
      if (!signed) {
        Files.deleteIfExists(partial);
      }
    }
  }

  /**
   * The base name of the {@code .SF} and signature block files: the alias in upper case, only
   * letters, digits, '_' and '-', at most 8 characters (what {@code JarSigner} accepts).
   */
  static String signerName(String alias) {
    String cleaned = alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "");
    if (cleaned.isEmpty()) {
      return "SIGNER";
    }
    return cleaned.length() > 8 ? cleaned.substring(0, 8) : cleaned;
  }

  /** {@code <keybridge.properties> <certificate alias> <unsigned.jar> <signed.jar>}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println(
          "usage: JarSigningExample <keybridge.properties> <certificate alias> <in.jar> <out.jar>");
      System.exit(2);
    }
    ExampleVault.installProvider();
    ExampleVault vault = ExampleVault.open(Path.of(args[0]));
    signJar(vault.keyStore(), args[1], null, Path.of(args[2]), Path.of(args[3]));
    System.out.println("signed " + args[3] + " with vault certificate " + args[1]);
  }
}
