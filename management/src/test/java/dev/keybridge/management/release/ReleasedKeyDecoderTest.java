package dev.keybridge.management.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.KeyExportEncryptionAlgorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.management.keys.JwkKeys;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A unit test of the decoder alone: the release result is built here as DESIGN.md specifies it. */
class ReleasedKeyDecoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static KeyPair signer;
  private static byte[] signerCertificate;
  private static KeyPair runtime;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    signer = rsa.generateKeyPair();
    runtime = rsa.generateKeyPair();
    X500Name name = new X500Name("CN=release signer");
    signerCertificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        new Date(),
                        new Date(System.currentTimeMillis() + 86_400_000L),
                        name,
                        signer.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())))
            .getEncoded();
  }

  @Test
  void unwrapsRsaEcAndOctKeysForEveryAlgorithm() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rsaKey = rsa.generateKeyPair();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", JwkKeys.bouncyCastle());
    ec.initialize(new ECGenParameterSpec("secp256k1"));
    KeyPair ecKey = ec.generateKeyPair();
    byte[] aes = new byte[32];
    new java.security.SecureRandom().nextBytes(aes);

    for (String enc :
        new String[] {"CKM_RSA_AES_KEY_WRAP", "RSA_AES_KEY_WRAP_256", "RSA_AES_KEY_WRAP_384"}) {
      KeyExportEncryptionAlgorithm algorithm = KeyExportEncryptionAlgorithm.fromString(enc);
      Key releasedRsa =
          decode(release("RSA-HSM", rsaKey.getPrivate().getEncoded(), enc), algorithm);
      assertThat(releasedRsa.getEncoded()).as(enc).isEqualTo(rsaKey.getPrivate().getEncoded());
      Key releasedEc = decode(release("EC-HSM", ecKey.getPrivate().getEncoded(), enc), algorithm);
      assertThat(releasedEc).isInstanceOf(PrivateKey.class);
      assertThat(releasedEc.getAlgorithm()).isIn("EC", "ECDSA");
      Key releasedOct = decode(release("oct-HSM", aes, enc), algorithm);
      assertThat(releasedOct.getEncoded()).isEqualTo(aes);
      assertThat(releasedOct.getAlgorithm()).isEqualTo("AES");
    }
  }

  @Test
  void aTamperedResultIsRefused() throws Exception {
    String jws = release("oct-HSM", new byte[32], "CKM_RSA_AES_KEY_WRAP");
    String[] parts = jws.split("\\.");
    String tampered =
        parts[0] + "." + B64URL.encodeToString("{\"response\":{}}".getBytes()) + "." + parts[2];
    assertThatThrownBy(() -> ReleasedKeyDecoder.verifiedPayload(tampered))
        .hasMessageContaining("does not verify");
  }

  @Test
  void theRuntimeKeyMustMatchTheTargetToken() throws Exception {
    RSAPublicKey pub = (RSAPublicKey) runtime.getPublic();
    ObjectNode claims = JSON.createObjectNode();
    ObjectNode key = claims.putObject("x-ms-runtime").putArray("keys").addObject();
    key.put("kty", "RSA")
        .put("n", B64URL.encodeToString(unsigned(pub.getModulus())))
        .put("e", "AQAB");
    String token = "e30." + B64URL.encodeToString(JSON.writeValueAsBytes(claims)) + ".sig";
    ReleasedKeyDecoder.checkRuntimeKey(token, runtime.getPrivate());
    assertThatThrownBy(() -> ReleasedKeyDecoder.checkRuntimeKey(token, signer.getPrivate()))
        .hasMessageContaining("does not match the runtime key");
  }

  private static Key decode(String jws, KeyExportEncryptionAlgorithm algorithm) {
    return ReleasedKeyDecoder.unwrap(
        ReleasedKeyDecoder.verifiedPayload(jws), runtime.getPrivate(), algorithm);
  }

  private static String release(String kty, byte[] material, String enc) throws Exception {
    String hash = enc.endsWith("256") ? "SHA-256" : enc.endsWith("384") ? "SHA-384" : "SHA-1";
    byte[] transportKey = new byte[32];
    new java.security.SecureRandom().nextBytes(transportKey);
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.ENCRYPT_MODE,
        runtime.getPublic(),
        new OAEPParameterSpec(
            hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT));
    Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
    kwp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(transportKey, "AES"));
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    blob.write(oaep.doFinal(transportKey));
    blob.write(kwp.doFinal(material));

    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(signerCertificate));
    ObjectNode payload = JSON.createObjectNode();
    payload.putObject("request").put("enc", enc);
    payload
        .putObject("response")
        .putObject("key")
        .putObject("key")
        .put("kty", kty)
        .put("key_hsm", B64URL.encodeToString(blob.toByteArray()));
    String input =
        B64URL.encodeToString(JSON.writeValueAsBytes(header))
            + "."
            + B64URL.encodeToString(JSON.writeValueAsBytes(payload));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(signer.getPrivate());
    rs256.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64URL.encodeToString(rs256.sign());
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
