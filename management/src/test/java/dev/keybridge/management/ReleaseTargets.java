package dev.keybridge.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.testing.TestAttestationAuthority;
import dev.keybridge.management.keys.ReleasePolicy;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** Release policies and target attestation tokens for Secure Key Release tests. */
final class ReleaseTargets {
  static final String AUTHORITY = TestAttestationAuthority.URL;
  static final ReleasePolicy POLICY =
      ReleasePolicy.of(
          "{\"version\":\"1.0.0\",\"anyOf\":[{\"authority\":\""
              + AUTHORITY
              + "\",\"allOf\":"
              + "[{\"claim\":\"x-ms-attestation-type\",\"equals\":\"sevsnpvm\"}]}]}");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private ReleaseTargets() {}

  static KeyPair runtimeKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /**
   * An attestation token carrying {@code runtime} as x-ms-runtime.keys[0], signed by the authority
   * the test vaults trust.
   */
  static String token(KeyPair runtime, String attestationType) throws Exception {
    RSAPublicKey key = (RSAPublicKey) runtime.getPublic();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", AUTHORITY);
    claims.put("x-ms-attestation-type", attestationType);
    claims.put("exp", System.currentTimeMillis() / 1000 + 3600);
    ObjectNode jwk = claims.putObject("x-ms-runtime").putArray("keys").addObject();
    jwk.put("kid", "runtime").put("kty", "RSA");
    jwk.put("n", B64URL.encodeToString(unsigned(key.getModulus())));
    jwk.put("e", B64URL.encodeToString(unsigned(key.getPublicExponent())));
    return TestAttestationAuthority.shared().sign(JSON.writeValueAsString(claims));
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
