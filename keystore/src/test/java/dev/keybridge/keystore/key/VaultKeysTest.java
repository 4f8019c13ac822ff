package dev.keybridge.keystore.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import dev.keybridge.management.keys.VaultCurve;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class VaultKeysTest {
  private static final String KID =
      "https://localhost:8443/keys/k1/0123456789abcdef0123456789abcdef";
  private static final UnreachableCrypto CRYPTO = new UnreachableCrypto();

  @Test
  void rsaBundleBecomesAnOpaqueRsaHandleWithTheVaultsPublicKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    RSAPublicKey publicKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
    JsonWebKey jwk =
        new JsonWebKey()
            .setId(KID)
            .setKeyType(KeyType.RSA_HSM)
            .setN(publicKey.getModulus().toByteArray())
            .setE(publicKey.getPublicExponent().toByteArray())
            .setKeyOps(List.of(KeyOperation.SIGN, KeyOperation.DECRYPT));

    VaultKey key = VaultKeys.fromJsonWebKey(jwk, CRYPTO);

    assertThat(key).isInstanceOf(VaultRsaPrivateKey.class).isInstanceOf(RSAKey.class);
    VaultRsaPrivateKey rsa = (VaultRsaPrivateKey) key;
    assertThat(rsa.getModulus()).isEqualTo(publicKey.getModulus());
    assertThat(rsa.publicKey().getPublicExponent()).isEqualTo(publicKey.getPublicExponent());
    assertThat(rsa.keyId()).isEqualTo(KID);
    assertThat(rsa.name()).isEqualTo("k1");
    assertThat(rsa.version()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(rsa.keyType()).isEqualTo("RSA-HSM");
    assertThat(rsa.keyOperations()).containsExactly("sign", "decrypt");
    assertThat(rsa.getEncoded()).isNull();
    assertThat(rsa.getFormat()).isNull();
    assertThat(rsa.getAlgorithm()).isEqualTo("RSA");
    assertThat(rsa.crypto()).isSameAs(CRYPTO);
  }

  @Test
  void ecBundlesOfEveryCurveBecomeEcHandlesWithTheCurvesParameters() throws Exception {
    for (VaultCurve curve : VaultCurve.values()) {
      KeyPairGenerator generator =
          curve == VaultCurve.P_256K
              ? KeyPairGenerator.getInstance("EC", new BouncyCastleProvider())
              : KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve.standardName()));
      ECPublicKey expected = (ECPublicKey) generator.generateKeyPair().getPublic();
      JsonWebKey jwk =
          new JsonWebKey()
              .setId(KID)
              .setKeyType(KeyType.EC)
              .setCurveName(KeyCurveName.fromString(curve.vaultName()))
              .setX(fixed(expected.getW().getAffineX(), curve.fieldBytes()))
              .setY(fixed(expected.getW().getAffineY(), curve.fieldBytes()));

      VaultEcPrivateKey key = (VaultEcPrivateKey) VaultKeys.fromJsonWebKey(jwk, CRYPTO);

      assertThat(key).isInstanceOf(ECKey.class);
      assertThat(key.curve()).isEqualTo(curve.vaultName());
      assertThat(key.publicKey().getW()).isEqualTo(expected.getW());
      assertThat(VaultCurve.of(key.getParams())).contains(curve);
      assertThat(key.getParams().getOrder()).isEqualTo(expected.getParams().getOrder());
      assertThat(key.getEncoded()).isNull();
      assertThat(key.getFormat()).isNull();
    }
  }

  @Test
  void octBundleBecomesAnAesHandleOfTheGivenSize() throws Exception {
    JsonWebKey jwk = new JsonWebKey().setId(KID).setKeyType(KeyType.OCT_HSM);

    VaultSecretKey key = (VaultSecretKey) VaultKeys.fromJsonWebKey(jwk, 128, CRYPTO);

    assertThat(key.keySize()).isEqualTo(128);
    assertThat(key.getAlgorithm()).isEqualTo("AES");
    assertThat(key.keyType()).isEqualTo("oct-HSM");
    assertThat(key.getEncoded()).isNull();
    assertThat(VaultKeys.fromJsonWebKey(jwk, CRYPTO))
        .isInstanceOfSatisfying(
            VaultSecretKey.class,
            k -> assertThat(k.keySize()).isEqualTo(VaultKeys.DEFAULT_AES_KEY_SIZE));
  }

  @Test
  void unusableBundlesAreRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                VaultKeys.fromJsonWebKey(
                    new JsonWebKey().setId(KID).setKeyType(KeyType.RSA), CRYPTO))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("no modulus");
    assertThatThrownBy(
            () ->
                VaultKeys.fromJsonWebKey(
                    new JsonWebKey().setId("https://localhost/keys/k1").setKeyType(KeyType.OCT),
                    CRYPTO))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("versioned");
    assertThatThrownBy(
            () ->
                VaultKeys.fromJsonWebKey(
                    new JsonWebKey()
                        .setId(KID)
                        .setKeyType(KeyType.EC)
                        .setCurveName(KeyCurveName.fromString("P-192"))
                        .setX(new byte[24])
                        .setY(new byte[24]),
                    CRYPTO))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("unsupported curve P-192");
  }

  @Test
  void requireReturnsTheVaultKeyAsTheRequestedType() throws Exception {
    VaultKey key =
        VaultKeys.fromJsonWebKey(new JsonWebKey().setId(KID).setKeyType(KeyType.OCT_HSM), CRYPTO);

    VaultSecretKey secret = VaultKeys.require(key, VaultSecretKey.class, "AES/GCM/NoPadding");

    assertThat(secret).isSameAs(key);
  }

  @Test
  void requireRefusesSoftwareKeysWrongVaultKeysAndNullWithPreciseMessages() throws Exception {
    KeyPair software = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    VaultKey aes =
        VaultKeys.fromJsonWebKey(new JsonWebKey().setId(KID).setKeyType(KeyType.OCT_HSM), CRYPTO);

    assertThatThrownBy(
            () ->
                VaultKeys.require(software.getPrivate(), VaultRsaPrivateKey.class, "SHA256withRSA"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageStartingWith("SHA256withRSA needs a vault RSA private key (VaultRsaPrivateKey)")
        .hasMessageContaining(
            "got a software RSA private key (" + software.getPrivate().getClass().getName());
    assertThatThrownBy(() -> VaultKeys.require(aes, VaultPrivateKey.class, "SHA256withECDSA"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("needs a vault RSA or EC private key")
        .hasMessageContaining(KID);
    assertThatThrownBy(
            () ->
                VaultKeys.require(
                    new SecretKeySpec(new byte[16], "AES"), VaultSecretKey.class, "AESWrap"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("got a software AES secret key");
    assertThatThrownBy(() -> VaultKeys.require(null, VaultEcPrivateKey.class, "SHA256withECDSA"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessage(
            "SHA256withECDSA needs a vault EC private key (VaultEcPrivateKey); the key is null");
  }

  private static byte[] fixed(BigInteger value, int size) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > size) {
      return Arrays.copyOfRange(bytes, bytes.length - size, bytes.length);
    }
    byte[] padded = new byte[size];
    System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
    return padded;
  }
}
