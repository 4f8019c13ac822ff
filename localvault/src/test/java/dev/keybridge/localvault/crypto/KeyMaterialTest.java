package dev.keybridge.localvault.crypto;

import static dev.keybridge.localvault.crypto.SignatureInteropTest.assertBadParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Generation, JWK export, storage round trip and description of {@link KeyMaterial}. */
class KeyMaterialTest {

  static Stream<Arguments> everyKeyShape() {
    return Stream.of(
        Arguments.of("RSA", 2048, null),
        Arguments.of("RSA-HSM", 3072, null),
        Arguments.of("RSA", 4096, null),
        Arguments.of("EC", null, "P-256"),
        Arguments.of("EC-HSM", null, "P-384"),
        Arguments.of("EC", null, "P-521"),
        Arguments.of("EC-HSM", null, "P-256K"),
        Arguments.of("oct", 128, null),
        Arguments.of("oct-HSM", 192, null),
        Arguments.of("oct-HSM", 256, null));
  }

  /** Generated keys, reusing the shared RSA keys of the same size where the type allows. */
  static KeyMaterial generated(String kty, Integer size, String crv) {
    if (kty.equals("RSA") && size != null) {
      return TestKeyMaterial.rsa(size);
    }
    if (kty.equals("RSA-HSM")) {
      // A different type over the same (slow to generate) material.
      return KeyMaterial.fromJwk(TestKeyMaterial.rsa(size).privateJwk(), true);
    }
    return KeyMaterial.generate(kty, size, null, crv);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyKeyShape")
  void serializationRoundTripsExactly(String kty, Integer size, String crv) {
    KeyMaterial key = generated(kty, size, crv);
    byte[] stored = key.serialize();
    KeyMaterial restored = KeyMaterial.deserialize(stored);

    assertThat(restored).isEqualTo(key);
    assertThat(restored.serialize()).isEqualTo(stored);
    assertThat(restored.kty()).isEqualTo(kty);
    assertThat(restored.keySize()).isEqualTo(key.keySize());
    assertThat(restored.curve()).isEqualTo(crv);
    assertThat(restored.privateJwk()).isEqualTo(key.privateJwk());
    assertThat(restored.publicJwk("kid1", null)).isEqualTo(key.publicJwk("kid1", null));
    assertThat(restored.publicKey()).isEqualTo(key.publicKey());
    if (key.isOct()) {
      CipherResult sealed =
          KeyCrypto.encrypt(key, "A" + key.keySize() + "GCM", new byte[] {1, 2, 3}, null, null);
      assertThat(
              KeyCrypto.decrypt(
                  restored,
                  "A" + key.keySize() + "GCM",
                  sealed.ciphertext(),
                  sealed.iv(),
                  null,
                  sealed.tag()))
          .containsExactly(1, 2, 3);
    } else {
      String alg = KeyCrypto.signatureAlgorithms(key).iterator().next();
      byte[] digest = SignatureInteropTest.digest(alg, stored);
      assertThat(KeyCrypto.verify(key, alg, digest, KeyCrypto.sign(restored, alg, digest)))
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyKeyShape")
  void privateJwkReimportsToTheSameKey(String kty, Integer size, String crv) {
    KeyMaterial key = generated(kty, size, crv);
    KeyMaterial reimported = KeyMaterial.fromJwk(key.privateJwk(), kty.endsWith("-HSM"));
    assertThat(reimported).isEqualTo(key);
    assertThat(reimported.kty()).isEqualTo(kty);
  }

  @Test
  void deserializeRefusesCorruptBytes() {
    byte[] stored = TestKeyMaterial.ec("P-256").serialize();
    byte[] badMagic = stored.clone();
    badMagic[0] = 'X';
    assertThatThrownBy(() -> KeyMaterial.deserialize(badMagic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not serialized key material (bad magic)");
    assertThatThrownBy(() -> KeyMaterial.deserialize(java.util.Arrays.copyOf(stored, 40)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Truncated serialized key material");
    byte[] offCurve = stored.clone();
    offCurve[offCurve.length - 40] ^= 1; // inside y
    assertThatThrownBy(() -> KeyMaterial.deserialize(offCurve))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Serialized key material is invalid: ");
  }

  @Test
  void generationDefaults() {
    KeyMaterial rsa = KeyMaterial.generate("RSA-HSM", null, 0, null);
    assertThat(rsa.kty()).isEqualTo("RSA-HSM");
    assertThat(rsa.keySize()).isEqualTo(2048);
    assertThat(((RSAPublicKey) rsa.publicKey()).getPublicExponent()).isEqualTo(65537);
    assertThat(rsa.defaultKeyOps())
        .containsExactly("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey");

    KeyMaterial ec = KeyMaterial.generate("EC", null, null, null);
    assertThat(ec.curve()).isEqualTo("P-256");
    assertThat(ec.keySize()).isEqualTo(256);
    assertThat(ec.defaultKeyOps()).containsExactly("sign", "verify");

    KeyMaterial oct = KeyMaterial.generate("oct-HSM", null, null, null);
    assertThat(oct.keySize()).isEqualTo(256);
    assertThat(oct.publicKey()).isNull();
    assertThat(oct.keyPair()).isNull();
    assertThat(oct.curve()).isNull();
    assertThat(oct.defaultKeyOps()).containsExactly("encrypt", "decrypt", "wrapKey", "unwrapKey");
  }

  @Test
  void generationWithExponentThree() {
    KeyMaterial rsa = KeyMaterial.generate("RSA", 2048, 3, null);
    assertThat(((RSAPublicKey) rsa.publicKey()).getPublicExponent()).isEqualTo(3);
    assertThat(rsa.publicJwk(null, null).get("e").asText()).isEqualTo("Aw");
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DSA | | | | Key type 'DSA' is not supported (expected RSA, RSA-HSM, EC, EC-HSM, oct or"
            + " oct-HSM)",
        "RSA | 1024 | | | RSA key size 1024 is not supported (expected 2048, 3072 or 4096)",
        "RSA | 2048 | 4 | | RSA public exponent 4 is not valid (expected an odd number >= 3)",
        "RSA | 2048 | 1 | | RSA public exponent 1 is not valid (expected an odd number >= 3)",
        "RSA | 2048 | -3 | | RSA public exponent -3 is not valid (expected an odd number >= 3)",
        "EC | | | P-192 | Curve 'P-192' is not supported (expected P-256, P-384, P-521 or P-256K)",
        "oct-HSM | 512 | | | oct key size 512 is not supported (expected 128, 192 or 256)"
      })
  void generationRefusesInvalidParameters(
      String kty, Integer size, Integer exponent, String crv, String message) {
    assertBadParameter(() -> KeyMaterial.generate(kty, size, exponent, crv), message);
  }

  @Test
  void generationRequiresAType() {
    assertBadParameter(
        () -> KeyMaterial.generate(null, null, null, null), "Key type (kty) is required");
  }

  @Test
  void publicJwkOfRsa() {
    KeyMaterial key = TestKeyMaterial.rsa(2048);
    ObjectNode jwk = key.publicJwk("https://v/keys/k/1", List.of("sign", "verify"));
    assertThat(jwk.fieldNames()).toIterable().containsExactly("kid", "kty", "key_ops", "n", "e");
    assertThat(jwk.get("kid").asText()).isEqualTo("https://v/keys/k/1");
    assertThat(jwk.get("kty").asText()).isEqualTo("RSA");
    assertThat(jwk.get("key_ops")).extracting(n -> n.asText()).containsExactly("sign", "verify");
    assertThat(jwk.get("e").asText()).isEqualTo("AQAB");
    assertThat(jwk.get("n").asText()).doesNotContain("=", "+", "/");
    assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText())))
        .isEqualTo(((RSAPublicKey) key.publicKey()).getModulus());
    assertThat(Base64.getUrlDecoder().decode(jwk.get("n").asText())).hasSize(256);
  }

  @Test
  void publicJwkOfOctHasNoMaterial() {
    ObjectNode jwk = TestKeyMaterial.oct(256).publicJwk("kid", null);
    assertThat(jwk.fieldNames()).toIterable().containsExactly("kid", "kty", "key_ops");
    assertThat(jwk.get("key_ops"))
        .extracting(n -> n.asText())
        .containsExactly("encrypt", "decrypt", "wrapKey", "unwrapKey");
  }

  /** d = 1 makes the public point G, whose x on P-521 has a leading zero byte: padding shows. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"P-256, 32", "P-384, 48", "P-521, 66", "P-256K, 32"})
  void ecCoordinatesAreLeftPaddedToTheCurveSize(String crv, int size) {
    KeyMaterial generator = keyWithPrivateScalarOne(crv);
    ObjectNode jwk = generator.publicJwk(null, null);
    assertThat(jwk.fieldNames()).toIterable().containsExactly("kty", "key_ops", "crv", "x", "y");
    assertThat(jwk.get("crv").asText()).isEqualTo(crv);
    for (String member : new String[] {"x", "y"}) {
      assertThat(Base64.getUrlDecoder().decode(jwk.get(member).asText())).hasSize(size);
    }
    assertThat(Base64.getUrlDecoder().decode(generator.privateJwk().get("d").asText()))
        .hasSize(size);
    byte[] x = Base64.getUrlDecoder().decode(jwk.get("x").asText());
    if (crv.equals("P-521")) {
      assertThat(x[0]).isZero();
    }
    assertThat(new BigInteger(1, x))
        .isEqualTo(((ECPublicKey) generator.publicKey()).getParams().getGenerator().getAffineX());
  }

  @Test
  void toStringNamesTheShapeOnly() {
    assertThat(TestKeyMaterial.rsa(2048)).hasToString("KeyMaterial[kty=RSA, size=2048]");
    assertThat(TestKeyMaterial.ec("P-256K")).hasToString("KeyMaterial[kty=EC, curve=P-256K]");
    assertThat(TestKeyMaterial.oct(128)).hasToString("KeyMaterial[kty=oct-HSM, size=128]");
    assertThat(KeyMaterial.fromPublicKey(TestKeyMaterial.ec("P-384").publicKey()))
        .hasToString("KeyMaterial[kty=EC, curve=P-384, public only]");
  }

  @Test
  void keyPairIsUsableByTheJdk() throws Exception {
    for (KeyMaterial key :
        List.of(
            TestKeyMaterial.rsa(2048),
            TestKeyMaterial.ec("P-256"),
            TestKeyMaterial.ec("P-521"),
            TestKeyMaterial.ec("P-256K"))) {
      assertThat(key.keyPair().getPrivate().getEncoded()).as(key + " PKCS#8").isNotEmpty();
      assertThat(key.keyPair().getPublic().getEncoded()).as(key + " X.509").isNotEmpty();
      assertThat(key.keyPair().getPublic()).isSameAs(key.publicKey());
    }
    assertThat(TestKeyMaterial.rsa(2048).keyPair().getPrivate())
        .isInstanceOf(RSAPrivateCrtKey.class);
  }

  static KeyMaterial keyWithPrivateScalarOne(String crv) {
    EcCurve curve = EcCurve.fromJwkName(crv);
    var g = curve.jcaSpec().getGenerator();
    int size = curve.coordinateBytes();
    ObjectNode jwk = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    jwk.put("kty", "EC");
    jwk.put("crv", crv);
    jwk.put("x", Jwk.encode(Jwk.unsignedBytes(g.getAffineX(), size)));
    jwk.put("y", Jwk.encode(Jwk.unsignedBytes(g.getAffineY(), size)));
    jwk.put("d", Jwk.encode(Jwk.unsignedBytes(BigInteger.ONE, size)));
    return KeyMaterial.fromJwk(jwk, false);
  }
}
