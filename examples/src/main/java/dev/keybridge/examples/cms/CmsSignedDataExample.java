package dev.keybridge.examples.cms;

import dev.keybridge.examples.ExampleVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * CMS / PKCS#7 SignedData made with Bouncy Castle's {@link JcaContentSignerBuilder} over the
 * KeyBridge provider: BC builds the structure and the signed attributes, KeyBridge signs them with
 * the vault key (one request). The result embeds the content and the certificate chain of the vault
 * certificate, and verifies with BC's {@code SignerInformationVerifier} (or {@code openssl cms
 * -verify}).
 *
 * <pre>
 * java -cp keybridge.jar:examples.jar dev.keybridge.examples.cms.CmsSignedDataExample \
 *     keybridge.properties doc-signer SHA256withECDSA document.txt document.p7s
 * </pre>
 */
public final class CmsSignedDataExample {
  /**
   * Verification runs in Bouncy Castle (not installed, used by instance): it knows every CMS
   * signature name, including the PSS ones ({@code SHA256withRSAandMGF1}) that among the installed
   * providers only KeyBridge registers, for vault keys only.
   */
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private CmsSignedDataExample() {}

  /**
   * Signs {@code content} into an encapsulated (attached) SignedData, DER-encoded.
   *
   * @param provider the KeyBridge provider instance the signature runs in; or null to let JCA's
   *     delayed provider selection route the vault key to an installed KeyBridge ({@link
   *     ExampleVault#installProvider()}). RSASSA-PSS needs null: for PSS, BC also asks the given
   *     provider for a MessageDigest and PSS AlgorithmParameters, which KeyBridge (a signing
   *     provider) does not offer
   * @param signatureAlgorithm a BC/JCA name: SHA256withRSA, SHA384withECDSA, SHA256withRSAandMGF1
   *     (RSASSA-PSS), ...
   * @param chain the signer's certificate chain, leaf first; all of it goes into the SignedData
   * @throws SignatureException if the vault refused or failed the signature
   */
  public static byte[] sign(
      byte[] content, KeyStore.PrivateKeyEntry signer, String signatureAlgorithm, Provider provider)
      throws GeneralSecurityException, IOException {
    X509Certificate[] chain = ExampleVault.x509Chain(signer);
    try {
      JcaContentSignerBuilder builder = new JcaContentSignerBuilder(signatureAlgorithm);
      if (provider != null) {
        builder.setProvider(provider);
      }
      ContentSigner contentSigner = builder.build(signer.getPrivateKey());
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(contentSigner, chain[0]));
      generator.addCertificates(new JcaCertStore(Arrays.asList(chain)));
      return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with " + signatureAlgorithm, e);
    } catch (CMSException e) {
      throw signatureFailure(e);
    }
  }

  /** What {@link #verify} found: the signed content and the signer's certificate. */
  public record Verified(byte[] content, X509CertificateHolder signerCertificate) {}

  /**
   * Verifies every signer of a SignedData against the certificate it carries for that signer (BC's
   * {@code SignerInformationVerifier} over the BC provider, no vault request). Checking that the
   * certificate is trusted is the caller's business (a PKIX validation against its anchors).
   *
   * @throws SignatureException if the structure is malformed, a signer has no certificate, or a
   *     signature does not verify
   */
  public static Verified verify(byte[] signedData) throws GeneralSecurityException {
    try {
      CMSSignedData cms = new CMSSignedData(signedData);
      Store<X509CertificateHolder> certificates = cms.getCertificates();
      List<SignerInformation> signers = new ArrayList<>(cms.getSignerInfos().getSigners());
      if (signers.isEmpty()) {
        throw new SignatureException("SignedData has no signer");
      }
      X509CertificateHolder signerCertificate = null;
      for (SignerInformation signerInfo : signers) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = certificates.getMatches(signerInfo.getSID());
        if (matches.isEmpty()) {
          throw new SignatureException("no certificate for signer " + signerInfo.getSID());
        }
        signerCertificate = matches.iterator().next();
        if (!signerInfo.verify(
            new JcaSimpleSignerInfoVerifierBuilder()
                .setProvider(BOUNCY_CASTLE)
                .build(signerCertificate))) {
          throw new SignatureException(
              "signature of " + signerCertificate.getSubject() + " does not verify");
        }
      }
      byte[] content = (byte[]) cms.getSignedContent().getContent();
      return new Verified(content, signerCertificate);
    } catch (CMSException e) {
      throw signatureFailure(e);
    } catch (OperatorCreationException | java.security.cert.CertificateException e) {
      throw new SignatureException("cannot verify: " + e.getMessage(), e);
    }
  }

  private static GeneralSecurityException signatureFailure(CMSException e) {
    if (e.getCause() instanceof GeneralSecurityException cause) {
      return cause;
    }
    return new SignatureException("CMS: " + e.getMessage(), e);
  }

  /**
   * {@code <keybridge.properties> <certificate alias> <signature algorithm> <in> <out.p7s>}: writes
   * the SignedData of the file.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println(
          "usage: CmsSignedDataExample <keybridge.properties> <certificate alias> <algorithm>"
              + " <in> <out.p7s>");
      System.exit(2);
    }
    ExampleVault.installProvider();
    ExampleVault vault = ExampleVault.open(Path.of(args[0]));
    boolean pss = args[2].toUpperCase(java.util.Locale.ROOT).contains("MGF1");
    byte[] signed =
        sign(
            Files.readAllBytes(Path.of(args[3])),
            vault.privateKeyEntry(args[1]),
            args[2],
            pss ? null : vault.provider());
    Files.write(Path.of(args[4]), signed);
    Verified verified = verify(signed);
    System.out.println(
        "wrote "
            + args[4]
            + " ("
            + signed.length
            + " bytes), signed by "
            + verified.signerCertificate().getSubject()
            + ", content "
            + new String(verified.content(), StandardCharsets.UTF_8).length()
            + " chars");
  }
}
