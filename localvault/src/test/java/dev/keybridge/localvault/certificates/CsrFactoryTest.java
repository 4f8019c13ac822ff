package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsrFactoryTest {
  private static final String POLICY =
      "{'issuer':{'name':'Unknown'},'x509_props':{'subject':'CN=csr.example,O=Keybridge',"
          + "'sans':{'dns_names':['csr.example','www.csr.example'],'emails':['pki@csr.example']},"
          + "'ekus':['1.3.6.1.5.5.7.3.1'],'key_usage':['digitalSignature','keyEncipherment']}}";

  @ParameterizedTest
  @ValueSource(strings = {"RSA-2048", "P-256", "P-384"})
  void csrIsSignedByThePendingKeyAndRequestsThePolicysExtensions(String key) throws Exception {
    KeyPair keyPair = TestKeyPairs.get(key);
    CertificatePolicy policy =
        CertificatePolicy.fromJson(new ObjectMapper().readTree(POLICY.replace('\'', '"')));

    PKCS10CertificationRequest csr =
        new PKCS10CertificationRequest(CsrFactory.createCsr(policy, keyPair));

    assertThat(
            csr.isSignatureValid(
                new JcaContentVerifierProviderBuilder().build(keyPair.getPublic())))
        .isTrue();
    assertThat(csr.getSubject())
        .isEqualTo(
            X500Name.getInstance(new X500Principal("CN=csr.example,O=Keybridge").getEncoded()));
    assertThat(csr.getSubjectPublicKeyInfo().getEncoded())
        .isEqualTo(keyPair.getPublic().getEncoded());
    Attribute[] requested = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    assertThat(requested).hasSize(1);
    Extensions extensions = Extensions.getInstance(requested[0].getAttrValues().getObjectAt(0));
    List<String> sans =
        Arrays.stream(
                GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName)
                    .getNames())
            .map(n -> n.getTagNo() + ":" + n.getName())
            .toList();
    assertThat(sans)
        .containsExactly(
            GeneralName.dNSName + ":csr.example",
            GeneralName.dNSName + ":www.csr.example",
            GeneralName.rfc822Name + ":pki@csr.example");
    assertThat(ExtendedKeyUsage.fromExtensions(extensions).getUsages())
        .containsExactly(KeyPurposeId.id_kp_serverAuth);
    assertThat(
            KeyUsage.fromExtensions(extensions)
                .hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
        .isTrue();
    assertThat(KeyUsage.fromExtensions(extensions).hasUsages(KeyUsage.keyCertSign)).isFalse();
    assertThat(extensions.getExtension(Extension.keyUsage).isCritical()).isTrue();
  }

  @Test
  void csrWithoutSubjectMarksTheSanExtensionCritical() throws Exception {
    CertificatePolicy policy =
        CertificatePolicy.fromJson(
            new ObjectMapper()
                .readTree("{\"x509_props\":{\"sans\":{\"dns_names\":[\"a.example\"]}}}"));

    PKCS10CertificationRequest csr =
        new PKCS10CertificationRequest(CsrFactory.createCsr(policy, TestKeyPairs.get("P-256")));

    assertThat(csr.getSubject().getRDNs()).isEmpty();
    Extensions extensions =
        Extensions.getInstance(
            csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues()
                .getObjectAt(0));
    assertThat(extensions.getExtension(Extension.subjectAlternativeName).isCritical()).isTrue();
  }
}
