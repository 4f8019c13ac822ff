package dev.keybridge.provider.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Raw r||s to DER, checked against SunEC: what SunEC signs raw must verify as our DER. */
class EcdsaEncodingTest {

  static Stream<Arguments> curves() {
    return Stream.of(
        Arguments.of("secp256r1", "SHA256"),
        Arguments.of("secp384r1", "SHA384"),
        Arguments.of("secp521r1", "SHA512"));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rawSignaturesConvertToDerThatSunEcVerifiesAndProducesItself(String curve, String hash)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec(curve));
    KeyPair pair = generator.generateKeyPair();
    Signature raw = Signature.getInstance(hash + "withECDSAinP1363Format", "SunEC");
    Signature der = Signature.getInstance(hash + "withECDSA", "SunEC");
    // Enough signatures that r or s with a high bit or leading zero bytes occur.
    for (int i = 0; i < 300; i++) {
      byte[] message = ("message " + i).getBytes();
      raw.initSign(pair.getPrivate());
      raw.update(message);
      byte[] rawSignature = raw.sign();

      byte[] converted = EcdsaEncoding.rawToDer(rawSignature);

      der.initVerify(pair.getPublic());
      der.update(message);
      assertThat(der.verify(converted)).as("signature %d of %s", i, curve).isTrue();
      // SunEC decodes DER strictly; our encoding must also be the minimal one it would produce.
      assertThat(converted).isEqualTo(minimalDer(rawSignature));
    }
  }

  /** An independent DER encoder through BigInteger.toByteArray (always minimal, signed). */
  private static byte[] minimalDer(byte[] raw) {
    int half = raw.length / 2;
    byte[] r = new java.math.BigInteger(1, Arrays.copyOfRange(raw, 0, half)).toByteArray();
    byte[] s = new java.math.BigInteger(1, Arrays.copyOfRange(raw, half, raw.length)).toByteArray();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(0x02);
    body.write(r.length);
    body.writeBytes(r);
    body.write(0x02);
    body.write(s.length);
    body.writeBytes(s);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0x30);
    if (body.size() >= 128) {
      out.write(0x81);
    }
    out.write(body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }
}
