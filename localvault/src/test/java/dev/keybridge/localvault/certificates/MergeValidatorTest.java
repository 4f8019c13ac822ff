package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keybridge.localvault.VaultError;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MergeValidatorTest {
  private static KeyPair pending;
  private static X509Certificate root;
  private static X509Certificate intermediate;
  private static X509Certificate leaf;
  private static X509Certificate otherLeaf;

  @BeforeAll
  static void chain() throws Exception {
    pending = TestKeyPairs.get("P-256#pending");
    KeyPair rootKeys = TestKeyPairs.get("P-384#root");
    KeyPair intermediateKeys = TestKeyPairs.get("P-256#intermediate");
    root = TestKeyPairs.caCertificate("CN=Root CA", rootKeys);
    intermediate =
        TestKeyPairs.issue(
            "CN=Issuing CA", intermediateKeys.getPublic(), "CN=Root CA", rootKeys, true);
    leaf =
        TestKeyPairs.issue(
            "CN=merged", pending.getPublic(), "CN=Issuing CA", intermediateKeys, false);
    otherLeaf =
        TestKeyPairs.issue(
            "CN=merged",
            TestKeyPairs.get("P-256#other").getPublic(),
            "CN=Issuing CA",
            intermediateKeys,
            false);
  }

  private static ArrayNode x5c(X509Certificate... certificates) throws Exception {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (X509Certificate certificate : certificates) {
      array.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
    }
    return array;
  }

  @Test
  void chainInAnyOrderComesBackLeafFirst() throws Exception {
    List<X509Certificate> chain =
        MergeValidator.validate(x5c(root, leaf, intermediate), pending.getPublic());

    assertThat(chain).containsExactly(leaf, intermediate, root);
  }

  @Test
  void singleCertificateIsTheWholeChain() throws Exception {
    assertThat(MergeValidator.validate(x5c(leaf), pending.getPublic())).containsExactly(leaf);
  }

  @Test
  void certificatesOffThePathFollowTheChainAndDuplicatesGo() throws Exception {
    X509Certificate unrelated =
        TestKeyPairs.caCertificate("CN=Unrelated", TestKeyPairs.get("P-256#unrelated"));

    List<X509Certificate> chain =
        MergeValidator.validate(
            x5c(unrelated, intermediate, leaf, intermediate), pending.getPublic());

    assertThat(chain).containsExactly(leaf, intermediate, unrelated);
  }

  @Test
  void certificateForAnotherKeyIsRejected() throws Exception {
    assertThatThrownBy(
            () -> MergeValidator.validate(x5c(otherLeaf, intermediate), pending.getPublic()))
        .isInstanceOfSatisfying(
            VaultError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("BadParameter");
              assertThat(e.getMessage())
                  .contains("does not match the key of the pending certificate request");
            });
  }

  @Test
  void rsaKeyAgainstEcCertificatesIsRejected() throws Exception {
    assertThatThrownBy(
            () -> MergeValidator.validate(x5c(leaf), TestKeyPairs.get("RSA-2048").getPublic()))
        .isInstanceOf(VaultError.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void malformedX5cIsBadParameterNamingTheElement() throws Exception {
    ArrayNode notBase64 = x5c(leaf).add("***");
    ArrayNode notCertificate =
        x5c(leaf).add(Base64.getEncoder().encodeToString(new byte[] {48, 3, 2, 1, 1}));
    ArrayNode notString = x5c(leaf).add(42);

    assertRejected(notBase64, "x5c[1] is not valid base64");
    assertRejected(notCertificate, "x5c[1] is not a DER-encoded X.509 certificate");
    assertRejected(notString, "x5c[1] must be a base64 string");
    assertRejected(JsonNodeFactory.instance.arrayNode(), "x5c must be a non-empty array");
    assertRejected(null, "x5c must be a non-empty array");
    assertRejected(JsonNodeFactory.instance.textNode("MII"), "x5c must be a non-empty array");
  }

  private static void assertRejected(JsonNode x5c, String message) {
    assertThatThrownBy(() -> MergeValidator.validate(x5c, pending.getPublic()))
        .isInstanceOfSatisfying(VaultError.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageStartingWith(message);
  }
}
