package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.keystore.key.VaultSecretKey;
import java.security.InvalidParameterException;
import java.security.Provider;
import java.security.ProviderException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The service table and configuration, without a vault. */
class KeyBridgeProviderTest {

  @Test
  void noArgConstructorNeedsNoConfigurationAndServiceLoaderFindsIt() {
    List<String> names =
        ServiceLoader.load(Provider.class).stream()
            .map(ServiceLoader.Provider::get)
            .map(Provider::getName)
            .toList();
    assertThat(names).contains("KeyBridge");
    assertThat(new KeyBridgeProvider().getName()).isEqualTo("KeyBridge");
  }

  @Test
  void everyServiceTakingAPrivateOrSecretKeyAcceptsOnlyVaultHandles() {
    for (Provider.Service service : new KeyBridgeProvider().getServices()) {
      String keyClasses = service.getAttribute("SupportedKeyClasses");
      switch (service.getType()) {
        case "Signature" -> assertThat(keyClasses).isEqualTo(VaultPrivateKey.class.getName());
        case "Cipher" ->
            assertThat(keyClasses)
                .as(service.getAlgorithm())
                .isEqualTo(
                    service.getAlgorithm().startsWith("RSA")
                        ? VaultPrivateKey.class.getName()
                        : VaultSecretKey.class.getName());
        default -> assertThat(keyClasses).as(service.getAlgorithm()).isNull();
      }
    }
  }

  @Test
  void registersTheServicesOfTheCapabilityTable() {
    Set<String> services =
        new KeyBridgeProvider()
            .getServices().stream()
                .map(s -> s.getType() + "." + s.getAlgorithm())
                .collect(Collectors.toSet());
    assertThat(services)
        .contains(
            "Signature.SHA256withRSA",
            "Signature.SHA384withRSA",
            "Signature.SHA512withRSA",
            "Signature.RSASSA-PSS",
            "Signature.SHA256withRSA/PSS",
            "Signature.SHA256withECDSA",
            "Signature.SHA512withECDSAinP1363Format",
            "Cipher.RSA/ECB/PKCS1Padding",
            "Cipher.RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
            "Cipher.RSA/ECB/OAEPWithSHA-256AndMGF1Padding",
            "Cipher.RSA/ECB/OAEPPadding",
            "Cipher.AES/GCM/NoPadding",
            "Cipher.AES/CBC/PKCS5Padding",
            "Cipher.AES/CBC/NoPadding",
            "Cipher.AES/KW/NoPadding",
            "Cipher.AES/KWP/NoPadding",
            "KeyPairGenerator.RSA",
            "KeyPairGenerator.EC",
            "KeyGenerator.AES",
            "SecureRandom.AzureKeyVaultRng",
            "KeyStore.AzureKeyVault");
  }

  @Test
  void aliasesIncludeOids() {
    KeyBridgeProvider provider = new KeyBridgeProvider();
    assertThat(provider.getService("Signature", "1.2.840.113549.1.1.11").getAlgorithm())
        .isEqualTo("SHA256withRSA");
    assertThat(provider.getService("Signature", "OID.1.2.840.10045.4.3.3").getAlgorithm())
        .isEqualTo("SHA384withECDSA");
    assertThat(provider.getService("Cipher", "AESWrap").getAlgorithm())
        .isEqualTo("AES/KW/NoPadding");
    assertThat(provider.getService("Cipher", "2.16.840.1.101.3.4.1.46").getAlgorithm())
        .isEqualTo("AES_256/GCM/NoPadding");
    assertThat(provider.getService("Cipher", "2.16.840.1.101.3.4.1.28").getAlgorithm())
        .isEqualTo("AES_192/KWP/NoPadding");
    assertThat(provider.getService("SecureRandom", "AzureKeyVaultRng").getAttribute("ThreadSafe"))
        .isEqualTo("true");
  }

  @Test
  void configureWithAVaultUrlGivesAConfiguredProvider() {
    Provider configured = new KeyBridgeProvider().configure("https://localhost:1");
    assertThat(configured).isInstanceOf(KeyBridgeProvider.class);
    assertThat(((KeyBridgeProvider) configured).vaultConfig().vaultUrl().toString())
        .isEqualTo("https://localhost:1");
  }

  @Test
  void configureWithSomethingElseIsAnInvalidParameter() {
    assertThatThrownBy(() -> new KeyBridgeProvider().configure("/no/such/keybridge.properties"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("/no/such/keybridge.properties");
  }

  @Test
  void anUnconfiguredProviderSaysHowToConfigureItOnFirstUse() {
    // Surefire's environment has neither keybridge.vault.url nor AZURE_KEYVAULT_URL.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getProperty("keybridge.vault.url") == null
            && System.getenv("AZURE_KEYVAULT_URL") == null
            && System.getenv("KEYBRIDGE_VAULT_URL") == null,
        "the environment configures a vault");
    KeyBridgeProvider provider = new KeyBridgeProvider();
    assertThat(provider.isConfigured()).isFalse();
    assertThatThrownBy(provider::vaultConfig)
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("KeyBridge is not configured")
        .hasMessageContaining("configure(");
  }
}
