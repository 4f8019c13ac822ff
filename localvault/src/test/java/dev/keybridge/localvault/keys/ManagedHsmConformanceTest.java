package dev.keybridge.localvault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.BinaryData;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyExportEncryptionAlgorithm;
import com.azure.security.keyvault.keys.models.KeyReleasePolicy;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.keys.models.ReleaseKeyOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.shapes.AzureShapeTest;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import dev.keybridge.localvault.testing.TestAttestationAuthority;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Managed HSM features through KeyClient: random bytes, Secure Key Release, attestation. */
class ManagedHsmConformanceTest {
  @RegisterExtension
  static final LocalVaultExtension HSM = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY =
      "{\"version\":\"1.0.0\",\"anyOf\":[{\"authority\":\""
          + TestAttestationAuthority.URL
          + "\","
          + "\"allOf\":[{\"claim\":\"x-ms-attestation-type\",\"equals\":\"sevsnpvm\"},"
          + "{\"claim\":\"x-ms-runtime.vm-id\",\"condition\":\"equals\",\"value\":\"vm-7\"}]}]}";

  private final KeyClient keys = HSM.sdk().keyClient();

  @Test
  void servesRandomBytesWithinTheCountLimits() {
    byte[] a = keys.getRandomBytes(16);
    byte[] b = keys.getRandomBytes(128);
    assertThat(a).hasSize(16);
    assertThat(b).hasSize(128);
    assertThat(a).isNotEqualTo(new byte[16]);
    assertThatThrownBy(() -> keys.getRandomBytes(129))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
  }

  @Test
  void randomBytesAnswerHasAzuresFields() throws Exception {
    // As in the recorded answer of a real Managed HSM (azure-recordings/rng.json): 16 bytes, 7.5.
    RawVaultHttp.Response random =
        HSM.http().send("POST", "/rng?api-version=7.5", HSM.http().adminToken(), "{\"count\":16}");
    assertThat(random.status()).as(random.body()).isEqualTo(200);
    AzureShapeTest.assertSameFields(random.json(), AzureShapeTest.recorded("rng.json"), Set.of());
  }

  /**
   * As in the recorded release of a real vault (azure-recordings/key-release.json and, decoded,
   * key-release-payload.json): a release with a target only answers {@code {"value": JWS}} whose
   * header is {@code alg, kid, x5t, typ, x5t#S256, x5c} and whose payload has Azure's fields.
   */
  private static void assertReleaseAnswersAsRecorded(String target) throws Exception {
    RawVaultHttp.Response released =
        HSM.http()
            .send(
                "POST",
                "/keys/releasable//release?api-version=7.6",
                HSM.http().adminToken(),
                "{\"target\":\"" + target + "\"}");
    assertThat(released.status()).as(released.body()).isEqualTo(200);
    AzureShapeTest.assertSameFields(
        released.json(), AzureShapeTest.recorded("key-release.json"), Set.of());
    String[] parts = released.json().get("value").asText().split("\\.");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    java.util.List<String> names = new java.util.ArrayList<>();
    header.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("alg", "kid", "x5t", "typ", "x5t#S256", "x5c");
    AzureShapeTest.assertSameFields(
        JSON.readTree(Base64.getUrlDecoder().decode(parts[1])),
        AzureShapeTest.recorded("key-release-payload.json"),
        Set.of());
  }

  @Test
  void keyAttestationAnswerHasAzuresFields() throws Exception {
    // As in the recorded answer of a real Managed HSM (azure-recordings/key-attestation-oct-hsm
    // .json): an oct-HSM key created with kty only, its attestation read without a version (an
    // empty version segment, as the recording).
    String token = HSM.http().adminToken();
    RawVaultHttp.Response created =
        HSM.http()
            .send(
                "POST",
                "/keys/attested-oct/create?api-version=7.6",
                token,
                "{\"kty\":\"oct-HSM\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    RawVaultHttp.Response attested =
        HSM.http().send("GET", "/keys/attested-oct//attestation?api-version=7.6", token, null);
    assertThat(attested.status()).as(attested.body()).isEqualTo(200);
    // hsmPlatform: the managedhsm flavor answers with the vault's key shape (a documented
    // difference, docs/local-vault.md); no publicKeyAttestation for a symmetric key, as Azure's.
    AzureShapeTest.assertSameFields(
        attested.json(),
        AzureShapeTest.recorded("key-attestation-oct-hsm.json"),
        Set.of("/attributes/hsmPlatform"));
    assertThat(attested.json().at("/attributes/attestation").has("publicKeyAttestation")).isFalse();
  }

  @Test
  void releasesAnExportableKeyAsASignedJwsWhenTheAttestationSatisfiesThePolicy() throws Exception {
    KeyVaultKey key =
        keys.createRsaKey(
            new CreateRsaKeyOptions("releasable")
                .setHardwareProtected(true)
                .setExportable(true)
                .setReleasePolicy(new KeyReleasePolicy(BinaryData.fromString(POLICY))));
    assertThat(key.getProperties().isExportable()).isTrue();
    assertThat(key.getProperties().getReleasePolicy().getEncodedPolicy().toString())
        .isEqualTo(POLICY);

    KeyPairGenerator runtimeGenerator = KeyPairGenerator.getInstance("RSA");
    runtimeGenerator.initialize(2048);
    KeyPair runtime = runtimeGenerator.generateKeyPair();
    RSAPublicKey runtimePublic = (RSAPublicKey) runtime.getPublic();
    String good =
        attestation(
            "{\"iss\":\"https://attest.keybridge.test/\",\"x-ms-attestation-type\":\"sevsnpvm\","
                + "\"x-ms-runtime\":{\"vm-id\":\"vm-7\",\"keys\":[{\"kty\":\"RSA\",\"kid\":\"tpm\","
                + "\"n\":\""
                + b64url(runtimePublic.getModulus())
                + "\",\"e\":\""
                + b64url(runtimePublic.getPublicExponent())
                + "\"}]}}");
    String jws =
        keys.releaseKeyWithResponse(
                "releasable",
                "",
                good,
                new ReleaseKeyOptions()
                    .setNonce("n1")
                    .setAlgorithm(KeyExportEncryptionAlgorithm.RSA_AES_KEY_WRAP_256),
                com.azure.core.util.Context.NONE)
            .getValue()
            .getValue();
    String[] parts = jws.split("\\.");
    assertThat(parts).hasSize(3);
    assertReleaseAnswersAsRecorded(good);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(vaultTokenKey());
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2])))
        .as("JWS signed by the vault")
        .isTrue();
    // x5c: the signing key's certificate, issued by the vault CA, then the CA itself.
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    X509Certificate signer =
        (X509Certificate)
            x509.generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(header.at("/x5c/0").asText())));
    assertThat(signer.getPublicKey()).isEqualTo(vaultTokenKey());
    signer.verify(HSM.vault().caCertificate().getPublicKey());
    assertThat(Base64.getDecoder().decode(header.at("/x5c/1").asText()))
        .isEqualTo(HSM.vault().caCertificate().getEncoded());

    JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(payload.at("/request/nonce").asText()).isEqualTo("n1");
    JsonNode jwk = payload.at("/response/key/key");
    assertThat(jwk.get("kid").asText()).isEqualTo(key.getId());
    assertThat(jwk.has("d")).as("no private part in clear").isFalse();
    BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText()));
    assertThat(n).isEqualTo(((RSAPublicKey) key.getKey().toRsa().getPublic()).getModulus());
    // key_hsm: RSA-OAEP-256 (runtime key) of an AES key, then AES-KWP of the PKCS#8 private key.
    byte[] keyHsm = Base64.getUrlDecoder().decode(jwk.get("key_hsm").asText());
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.DECRYPT_MODE,
        runtime.getPrivate(),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    byte[] aesKey = oaep.doFinal(keyHsm, 0, 256);
    Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
    kwp.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
    byte[] pkcs8 = kwp.doFinal(Arrays.copyOfRange(keyHsm, 256, keyHsm.length));
    var priv = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    // The released private key really belongs to the public key.
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(priv);
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(key.getKey().toRsa().getPublic());
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).isTrue();

    String noRuntimeKey =
        attestation(
            "{\"iss\":\"https://attest.keybridge.test/\",\"x-ms-attestation-type\":\"sevsnpvm\",\"x-ms-runtime\":{\"vm-id\":\"vm-7\"}}");
    assertThatThrownBy(() -> keys.releaseKey("releasable", noRuntimeKey))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400))
        .hasMessageContaining("runtime key");
    String wrongClaims =
        attestation(
            "{\"iss\":\"https://attest.keybridge.test/\",\"x-ms-attestation-type\":\"sgx\",\"x-ms-runtime\":{\"vm-id\":\"vm-7\"}}");
    assertThatThrownBy(() -> keys.releaseKey("releasable", wrongClaims))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    String wrongAuthority =
        attestation(
            "{\"iss\":\"https://evil.example/\",\"x-ms-attestation-type\":\"sevsnpvm\",\"x-ms-runtime\":{\"vm-id\":\"vm-7\"}}");
    assertThatThrownBy(() -> keys.releaseKey("releasable", wrongAuthority))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> keys.releaseKey("releasable", "not-a-jwt"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
  }

  private static String b64url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Test
  void refusesToReleaseAKeyThatIsNotExportableAndRefusesExportableWithoutPolicy() {
    keys.createRsaKey(new CreateRsaKeyOptions("kept").setHardwareProtected(true));
    assertThatThrownBy(() -> keys.releaseKey("kept", attestation("{}")))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403))
        .hasMessageContaining("KeyNotExportable");
    assertThatThrownBy(
            () ->
                keys.createRsaKey(
                    new CreateRsaKeyOptions("no-policy")
                        .setHardwareProtected(true)
                        .setExportable(true)))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
  }

  @Test
  void returnsTheKeyWithAnAttestationBundle() throws Exception {
    KeyVaultKey key =
        keys.createRsaKey(new CreateRsaKeyOptions("attested").setHardwareProtected(true));
    KeyVaultKey attested = keys.getKeyAttestation("attested");
    assertThat(attested.getId()).isEqualTo(key.getId());
    var att = attested.getProperties().getKeyAttestation();
    assertThat(att.getVersion()).isEqualTo("1.0");
    assertThat(new String(att.getCertificatePemFile(), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN CERTIFICATE-----");
    String[] pub =
        new String(att.getPublicKeyAttestation(), StandardCharsets.US_ASCII).split("\\.");
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(vaultTokenKey());
    rs256.update((pub[0] + "." + pub[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(pub[2]))).isTrue();
  }

  /** An attestation token of {@code claims} signed by the authority the vault trusts. */
  private static String attestation(String claims) {
    return TestAttestationAuthority.shared().sign(claims);
  }

  private static PublicKey vaultTokenKey() throws Exception {
    RawVaultHttp http = HSM.http();
    JsonNode jwks =
        http.send("GET", "/" + HSM.vault().tenantId() + "/discovery/v2.0/keys", null, null).json();
    JsonNode k = jwks.get("keys").get(0);
    return KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(big(k, "n"), big(k, "e")));
  }

  private static BigInteger big(JsonNode jwk, String member) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(member).asText()));
  }
}
