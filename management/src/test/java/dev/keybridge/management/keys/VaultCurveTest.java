package dev.keybridge.management.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class VaultCurveTest {

  @Test
  void everyCurveKnowsItsParametersAndComputesPublicPointsLikeTheKeyGenerator() throws Exception {
    for (VaultCurve curve : VaultCurve.values()) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
      generator.initialize(new ECGenParameterSpec(curve.standardName()));
      var pair = generator.generateKeyPair();
      ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
      ECPublicKey publicKey = (ECPublicKey) pair.getPublic();

      assertThat(curve.parameters().getCurve().getField().getFieldSize())
          .isEqualTo(curve.fieldBits());
      assertThat(VaultCurve.of(privateKey.getParams())).contains(curve);
      assertThat(curve.publicPoint(privateKey.getS())).isEqualTo(publicKey.getW());
      assertThat(VaultCurve.fromVaultName(curve.vaultName())).contains(curve);
    }
  }

  @Test
  void namesAndSignatureAlgorithmsFollowKeyVault() {
    assertThat(VaultCurve.fromVaultName("p-256k")).contains(VaultCurve.P_256K);
    assertThat(VaultCurve.fromVaultName("SECP256K1")).contains(VaultCurve.P_256K);
    assertThat(VaultCurve.fromVaultName("P-192")).isEmpty();
    assertThat(VaultCurve.P_521.fieldBytes()).isEqualTo(66);
    assertThat(VaultCurve.P_256K.signatureAlgorithm()).isEqualTo("ES256K");
    assertThat(VaultCurve.P_384.digestAlgorithm()).isEqualTo("SHA-384");
  }
}
