package dev.keybridge.management.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyType;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwkKeysTest {
  @Test
  void rsaKeyPairRoundTripsThroughAJwk() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    JsonWebKey jwk = JwkKeys.fromKeyPair(pair.getPublic(), pair.getPrivate());
    assertThat(jwk.getKeyType()).isEqualTo(KeyType.RSA);
    assertThat(jwk.getN()).hasSize(256);
    assertThat(jwk.getE()).containsExactly(1, 0, 1);
    assertThat(JwkKeys.publicKey(jwk)).contains(pair.getPublic());
  }

  @Test
  void ecKeyPairsOnEveryVaultCurveRoundTrip() throws Exception {
    for (KeyCurveName curve :
        new KeyCurveName[] {
          KeyCurveName.P_256, KeyCurveName.P_384, KeyCurveName.P_521, KeyCurveName.P_256K
        }) {
      KeyPairGenerator generator =
          KeyCurveName.P_256K.equals(curve)
              ? KeyPairGenerator.getInstance("EC", JwkKeys.bouncyCastle())
              : KeyPairGenerator.getInstance("EC");
      generator.initialize(
          new ECGenParameterSpec(VaultCurve.of(curve).orElseThrow().standardName()));
      KeyPair pair = generator.generateKeyPair();
      JsonWebKey jwk = JwkKeys.fromKeyPair(pair.getPublic(), pair.getPrivate());
      assertThat(jwk.getCurveName()).as(curve.toString()).isEqualTo(curve);
      int size = KeyCurveName.P_521.equals(curve) ? 66 : KeyCurveName.P_384.equals(curve) ? 48 : 32;
      assertThat(jwk.getX()).hasSize(size);
      assertThat(jwk.getD()).hasSize(size);
      assertThat(JwkKeys.publicKey(jwk).orElseThrow().getEncoded())
          .isEqualTo(pair.getPublic().getEncoded());
    }
  }

  @Test
  void secretKeysBecomeOctJwksAndOctJwksHaveNoPublicKey() {
    JsonWebKey jwk = JwkKeys.fromSecretKey(new SecretKeySpec(new byte[32], "AES"));
    assertThat(jwk.getKeyType()).isEqualTo(KeyType.OCT);
    assertThat(jwk.getK()).hasSize(32);
    assertThat(JwkKeys.publicKey(jwk)).isEmpty();
  }

  @Test
  void mismatchedRsaHalvesAreRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair a = generator.generateKeyPair();
    KeyPair b = generator.generateKeyPair();
    assertThatThrownBy(() -> JwkKeys.fromKeyPair(a.getPublic(), b.getPrivate()))
        .hasMessageContaining("do not match");
  }
}
