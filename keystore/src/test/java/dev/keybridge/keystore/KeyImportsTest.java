package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyType;
import dev.keybridge.localvault.testing.TestPki;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Collections;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyImportsTest {

  @Test
  void rsaKeyBecomesAJwkWithAllCrtParameters() throws Exception {
    KeyPair pair = TestPki.rsa(2048);
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) pair.getPrivate();

    JsonWebKey jwk = KeyImports.toJsonWebKey("k", pair.getPrivate());

    assertThat(jwk.getKeyType()).isEqualTo(KeyType.RSA);
    assertThat(new BigInteger(1, jwk.getN())).isEqualTo(crt.getModulus());
    assertThat(jwk.getN()).hasSize(256);
    assertThat(new BigInteger(1, jwk.getD())).isEqualTo(crt.getPrivateExponent());
    assertThat(new BigInteger(1, jwk.getQi())).isEqualTo(crt.getCrtCoefficient());
    assertThat(jwk.hasPrivateKey()).isTrue();
    assertThat(jwk.isValid()).isTrue();
  }

  @Test
  void ecKeyBecomesAJwkWithItsPublicPointAndFixedLengthFields() throws Exception {
    KeyPair pair = TestPki.ec("secp521r1");
    ECPublicKey publicKey = (ECPublicKey) pair.getPublic();

    JsonWebKey jwk = KeyImports.toJsonWebKey("k", pair.getPrivate());

    assertThat(jwk.getCurveName().toString()).isEqualTo("P-521");
    assertThat(jwk.getX()).hasSize(66);
    assertThat(jwk.getY()).hasSize(66);
    assertThat(jwk.getD()).hasSize(66);
    assertThat(new BigInteger(1, jwk.getX())).isEqualTo(publicKey.getW().getAffineX());
    assertThat(new BigInteger(1, jwk.getY())).isEqualTo(publicKey.getW().getAffineY());
  }

  @Test
  void aesKeyBecomesAnOctJwk() throws Exception {
    JsonWebKey jwk = KeyImports.toJsonWebKey("k", new SecretKeySpec(new byte[24], "AES"));

    assertThat(jwk.getKeyType()).isEqualTo(KeyType.OCT);
    assertThat(jwk.getK()).hasSize(24);
    assertThat(KeyImports.aesKeySize(new SecretKeySpec(new byte[24], "AES"))).isEqualTo(192);
  }

  @Test
  void keysKeyVaultCannotImportAreRefusedWithTheReason() throws Exception {
    KeyPair dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair();

    assertThatThrownBy(() -> KeyImports.toJsonWebKey("k", dsa.getPrivate()))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("imports RSA and EC private keys and AES secret keys; got DSA");
    assertThatThrownBy(() -> KeyImports.toJsonWebKey("k", new SecretKeySpec(new byte[20], "AES")))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("128, 192 or 256 bits, not 160");
    assertThatThrownBy(
            () -> KeyImports.toJsonWebKey("k", new SecretKeySpec(new byte[32], "HmacSHA256")))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("only AES keys; got HmacSHA256");
  }

  @Test
  void chainMustCertifyThePrivateKey() throws Exception {
    KeyPair key = TestPki.ec("secp256r1");
    KeyPair other = TestPki.ec("secp256r1");
    TestPki.Chain chain = TestPki.chainFor(other.getPublic(), "other");

    assertThatThrownBy(() -> KeyImports.checkChain("k", key.getPrivate(), chain.toArray()))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("is not for this EC private key");
    assertThat(
            KeyImports.checkChain(
                "k", other.getPrivate(), new Certificate[] {chain.leaf(), chain.intermediate()}))
        .containsExactly(chain.leaf(), chain.intermediate());
  }

  @Test
  void pkcs12HoldsKeyAndChainUnderTheOneTimePassword() throws Exception {
    KeyPair key = TestPki.rsa(2048);
    TestPki.Chain chain = TestPki.chainFor(key.getPublic(), "leaf");
    char[] password = KeyImports.oneTimePassword();

    byte[] pfx = KeyImports.pkcs12(key.getPrivate(), chain.toArray(), password);

    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new java.io.ByteArrayInputStream(pfx), password);
    String alias = Collections.list(store.aliases()).get(0);
    assertThat(store.getKey(alias, password)).isEqualTo(key.getPrivate());
    assertThat(store.getCertificateChain(alias)).containsExactly(chain.toArray());
    assertThat(password).hasSize(24);
  }
}
