package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JCA delayed provider selection with keybridge installed last and first: {@code getInstance(name)}
 * without a provider, then init with a vault key lands in keybridge and with a software key in the
 * JDK. The installed provider list is restored afterwards.
 */
// installs KeyBridge first in the JVM-wide provider list: alone, not beside other test classes
@Isolated
class DelayedProviderSelectionTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final byte[] MESSAGE = "delayed selection".getBytes(StandardCharsets.UTF_8);
  private static final OAEPParameterSpec OAEP_256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private static KeyBridgeProvider provider;
  private static VaultRsaPrivateKey rsa;
  private static VaultEcPrivateKey ec;
  private static KeyPair softwareRsa;
  private static KeyPair softwareEc;

  @BeforeAll
  static void keys() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
    rsa = keys.createRsa("selection-rsa", 2048);
    ec = keys.createEc("selection-ec", "P-256");
    softwareRsa = TestVaultKeys.softwareRsa(2048);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(256);
    softwareEc = generator.generateKeyPair();
  }

  @ParameterizedTest(name = "keybridge {0}")
  @ValueSource(strings = {"last", "first"})
  void vaultKeysLandInKeybridgeAndSoftwareKeysInTheJdk(String position) throws Exception {
    List<Provider> before = List.of(Security.getProviders());
    if (position.equals("first")) {
      Security.insertProviderAt(provider, 1);
    } else {
      Security.addProvider(provider);
    }
    try {
      // The vault RNG is reachable by name only: never the JVM's default SecureRandom.
      assertThat(new SecureRandom().getProvider()).isNotSameAs(provider);

      Signature vaultSigner = Signature.getInstance("SHA256withRSA");
      vaultSigner.initSign(rsa);
      assertThat(vaultSigner.getProvider()).isSameAs(provider);
      vaultSigner.update(MESSAGE);
      byte[] signature = vaultSigner.sign();

      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(rsa.publicKey());
      assertThat(verifier.getProvider().getName()).isEqualTo("SunRsaSign");
      verifier.update(MESSAGE);
      assertThat(verifier.verify(signature)).isTrue();

      Signature softwareSigner = Signature.getInstance("SHA256withRSA");
      softwareSigner.initSign(softwareRsa.getPrivate());
      assertThat(softwareSigner.getProvider().getName()).isEqualTo("SunRsaSign");

      Signature ecSigner = Signature.getInstance("SHA256withECDSA");
      ecSigner.initSign(ec);
      assertThat(ecSigner.getProvider()).isSameAs(provider);
      Signature softwareEcSigner = Signature.getInstance("SHA256withECDSA");
      softwareEcSigner.initSign(softwareEc.getPrivate());
      assertThat(softwareEcSigner.getProvider().getName()).isEqualTo("SunEC");

      Cipher jdkEncrypt = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
      jdkEncrypt.init(Cipher.ENCRYPT_MODE, rsa.publicKey(), OAEP_256);
      byte[] ciphertext = jdkEncrypt.doFinal(MESSAGE);
      Cipher vaultDecrypt = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
      vaultDecrypt.init(Cipher.DECRYPT_MODE, rsa);
      assertThat(vaultDecrypt.getProvider()).isSameAs(provider);
      assertThat(vaultDecrypt.doFinal(ciphertext)).isEqualTo(MESSAGE);

      Cipher softwareDecrypt = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
      softwareDecrypt.init(Cipher.DECRYPT_MODE, softwareRsa.getPrivate());
      assertThat(softwareDecrypt.getProvider().getName()).isEqualTo("SunJCE");
    } finally {
      Security.removeProvider(provider.getName());
    }
    assertThat(List.of(Security.getProviders())).isEqualTo(before);
  }
}
