package dev.keybridge.localvault.crypto;

import static dev.keybridge.localvault.crypto.SignatureInteropTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Import of JWKs, JCA key pairs and secret keys, and the validation that refuses bad keys. */
class JwkImportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void rsaImportKeepsTheTypeAndMaterial() {
    KeyMaterial original = TestKeyMaterial.rsa(2048);
    KeyMaterial imported = KeyMaterial.fromJwk(original.privateJwk(), true);
    assertThat(imported.kty()).isEqualTo("RSA-HSM");
    assertThat(imported.publicKey()).isEqualTo(original.publicKey());
    assertThat(KeyMaterial.fromJwk(original.privateJwk(), false).kty()).isEqualTo("RSA");
  }

  @Test
  void rsaPrimesAreRecoveredFromNed() {
    ObjectNode full = TestKeyMaterial.rsa(2048).privateJwk();
    ObjectNode minimal = jwk("RSA");
    minimal.set("n", full.get("n"));
    minimal.set("e", full.get("e"));
    minimal.set("d", full.get("d"));

    ObjectNode recovered = KeyMaterial.fromJwk(minimal, false).privateJwk();
    assertThat(Set.of(recovered.get("p").asText(), recovered.get("q").asText()))
        .containsExactlyInAnyOrder(full.get("p").asText(), full.get("q").asText());
    for (String member : new String[] {"dp", "dq", "qi"}) {
      assertThat(recovered.hasNonNull(member)).as(member).isTrue();
    }
  }

  @Test
  void rsaWithOnlyOnePrimeIsCompleted() {
    ObjectNode full = TestKeyMaterial.rsa(3072).privateJwk();
    ObjectNode partial = full.deepCopy();
    partial.remove(java.util.List.of("q", "dp", "dq", "qi"));
    assertThat(KeyMaterial.fromJwk(partial, false).privateJwk()).isEqualTo(full);
  }

  @Test
  void paddedBase64IsAccepted() {
    ObjectNode jwk = TestKeyMaterial.oct(128).privateJwk();
    jwk.put("k", jwk.get("k").asText() + "==");
    assertThat(KeyMaterial.fromJwk(jwk, true)).isEqualTo(TestKeyMaterial.oct(128));
  }

  @Test
  void rsaWithAnotherKeysPrivateExponentIsRefused() {
    ObjectNode jwk = TestKeyMaterial.rsa(2048).privateJwk();
    ObjectNode other = KeyMaterial.generate("RSA", 2048, null, null).privateJwk();
    jwk.set("d", other.get("d"));
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, false),
        "RSA private exponent d does not match the public key (n, e)");

    jwk.remove(java.util.List.of("p", "q", "dp", "dq", "qi"));
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, false),
        "RSA private exponent d does not match the public key (n, e)");
  }

  @Test
  void rsaWithForeignPrimesIsRefused() {
    ObjectNode jwk = TestKeyMaterial.rsa(2048).privateJwk();
    jwk.set("p", KeyMaterial.generate("RSA", 2048, null, null).privateJwk().get("p"));
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, false),
        "RSA primes p and q do not multiply to the modulus n");
  }

  @Test
  void rsaWithWrongCrtValueIsRefused() {
    for (String member : new String[] {"dp", "dq", "qi"}) {
      ObjectNode jwk = TestKeyMaterial.rsa(2048).privateJwk();
      BigInteger value = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(member).asText()));
      jwk.put(member, Jwk.encode(Jwk.unsignedBytes(value.add(BigInteger.TWO))));
      assertBadParameter(
          () -> KeyMaterial.fromJwk(jwk, false),
          "RSA component " + member + " does not match the private key");
    }
  }

  @Test
  void rsaWithoutPrivateExponentIsRefused() {
    ObjectNode jwk = TestKeyMaterial.rsa(2048).publicJwk(null, null);
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, false), "JWK has no private key material: RSA needs 'd'");
  }

  @Test
  void rsaWithUnsupportedSizeIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    KeyPair pair = generator.generateKeyPair();
    assertBadParameter(
        () -> KeyMaterial.fromKeyPair(pair, false),
        "RSA key size 1024 is not supported (expected 2048, 3072 or 4096)");
  }

  @Test
  void ecPointNotOnTheCurveIsRefused() {
    ObjectNode jwk = TestKeyMaterial.ec("P-256").privateJwk();
    BigInteger y = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("y").asText()));
    jwk.put("y", Jwk.encode(Jwk.unsignedBytes(y.add(BigInteger.ONE), 32)));
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, false), "EC point (x, y) is not on curve P-256");
  }

  @Test
  void ecPointOfAnotherKeyIsRefused() {
    ObjectNode jwk = TestKeyMaterial.ec("P-384").privateJwk();
    ObjectNode other = KeyMaterial.generate("EC", null, null, "P-384").privateJwk();
    jwk.set("d", other.get("d"));
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, false),
        "EC public point (x, y) does not match private key d");
  }

  @Test
  void ecCoordinateTooLongIsRefused() {
    ObjectNode jwk = TestKeyMaterial.ec("P-256K").privateJwk();
    jwk.put("x", Jwk.encode(new byte[33]));
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, false), "EC member 'x' must be 32 bytes for P-256K, got 33");
  }

  @Test
  void ecWithoutPrivateScalarOrCurveIsRefused() {
    ObjectNode publicOnly = TestKeyMaterial.ec("P-521").publicJwk(null, null);
    assertBadParameter(
        () -> KeyMaterial.fromJwk(publicOnly, false),
        "JWK has no private key material: EC needs 'd'");
    ObjectNode noCurve = TestKeyMaterial.ec("P-521").privateJwk();
    noCurve.remove("crv");
    assertBadParameter(() -> KeyMaterial.fromJwk(noCurve, false), "EC key is missing member 'crv'");
    ObjectNode badCurve = TestKeyMaterial.ec("P-521").privateJwk();
    badCurve.put("crv", "secp521r1");
    assertBadParameter(
        () -> KeyMaterial.fromJwk(badCurve, false),
        "Curve 'secp521r1' is not supported (expected P-256, P-384, P-521 or P-256K)");
  }

  @Test
  void octOfWrongLengthOrWithoutKeyIsRefused() {
    ObjectNode jwk = jwk("oct");
    jwk.put("k", Jwk.encode(new byte[20]));
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk, true),
        "oct key must be 16, 24 or 32 bytes (128, 192 or 256 bits), got 20 bytes");
    assertBadParameter(
        () -> KeyMaterial.fromJwk(jwk("oct-HSM"), true),
        "JWK has no private key material: oct needs 'k'");
    assertBadParameter(
        () -> KeyMaterial.fromSecretKey(new SecretKeySpec(new byte[8], "AES"), true),
        "oct key must be 16, 24 or 32 bytes (128, 192 or 256 bits), got 8 bytes");
  }

  @Test
  void malformedJwksAreRefused() {
    assertBadParameter(
        () -> KeyMaterial.fromJwk(json("[]"), false), "Key must be a JSON Web Key object");
    assertBadParameter(
        () -> KeyMaterial.fromJwk(json("{\"k\":\"AAAA\"}"), false), "Key type (kty) is required");
    assertBadParameter(
        () -> KeyMaterial.fromJwk(json("{\"kty\":\"oct\",\"k\":\"a*b$\"}"), false),
        "JWK member 'k' is not valid base64url");
    assertBadParameter(
        () -> KeyMaterial.fromJwk(json("{\"kty\":\"oct\",\"k\":42}"), false),
        "JWK member 'k' must be a base64url string");
    assertBadParameter(
        () -> KeyMaterial.fromJwk(json("{\"kty\":\"RSA-HSM\",\"key_hsm\":\"AA\"}"), true),
        "Import of a BYOK 'key_hsm' blob is not supported");
  }

  @Test
  void jcaKeyPairsAreImported() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair pair = ec.generateKeyPair();
    KeyMaterial key = KeyMaterial.fromKeyPair(pair, true);
    assertThat(key.kty()).isEqualTo("EC-HSM");
    assertThat(key.curve()).isEqualTo("P-384");
    assertThat(key.publicKey()).isEqualTo(pair.getPublic());

    KeyPair rsa = TestKeyMaterial.rsa(2048).keyPair();
    assertThat(KeyMaterial.fromKeyPair(rsa, false)).isEqualTo(TestKeyMaterial.rsa(2048));
  }

  @Test
  void jcaKeyPairWithMismatchedHalvesIsRefused() {
    KeyPair mixedEc =
        new KeyPair(
            TestKeyMaterial.ec("P-256").publicKey(),
            KeyMaterial.generate("EC", null, null, "P-256").keyPair().getPrivate());
    assertBadParameter(
        () -> KeyMaterial.fromKeyPair(mixedEc, false),
        "EC public point (x, y) does not match private key d");
    KeyPair mixedCurves =
        new KeyPair(
            TestKeyMaterial.ec("P-256").publicKey(),
            TestKeyMaterial.ec("P-384").keyPair().getPrivate());
    assertBadParameter(
        () -> KeyMaterial.fromKeyPair(mixedCurves, false),
        "EC private key is on a different curve than the public key");
    assertBadParameter(
        () ->
            KeyMaterial.fromKeyPair(
                new KeyPair(TestKeyMaterial.ec("P-256").publicKey(), null), false),
        "Key pair needs both a public and a private key");
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ObjectNode jwk(String kty) {
    ObjectNode jwk = MAPPER.createObjectNode();
    jwk.put("kty", kty);
    return jwk;
  }
}
