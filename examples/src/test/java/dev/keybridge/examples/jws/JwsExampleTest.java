package dev.keybridge.examples.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.examples.jws.JwsExample.Algorithm;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compact JWS signed with vault keys through plain JCA and verified by the JDK alone. */
class JwsExampleTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static KeyStore vault;

  @BeforeAll
  static void createKeys() throws Exception {
    KeyVaultManager manager =
        new KeyVaultManager(KeyVaultConfig.fromProperties(VAULT.vault().propertiesFile()));
    manager.createEcKey("jwt-es256", KeyCurveName.P_256, KeyOptions.defaults());
    manager.createEcKey("jwt-es384", KeyCurveName.P_384, KeyOptions.defaults());
    manager.createRsaKey("jwt-rs256", 2048, KeyOptions.defaults());
    ExampleVault.installProvider();
    vault = ExampleVault.open(VAULT.vault().propertiesFile()).keyStore();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "ES256, jwt-es256, 64",
    "ES384, jwt-es384, 96",
    "RS256, jwt-rs256, 256",
    "PS256, jwt-rs256, 256"
  })
  void vaultSignedTokenVerifiesWithTheJdk(Algorithm algorithm, String alias, int signatureBytes)
      throws Exception {
    VaultPrivateKey key = (VaultPrivateKey) vault.getKey(alias, null);
    String claims =
        JwsExample.claims("user-1", Instant.ofEpochSecond(1_800_000_000), Duration.ofMinutes(5));
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    String jws = JwsExample.sign(claims, key, algorithm, key.keyId());

    assertThat(
            ServedRequests.count(
                log, mark, "POST", "/keys/" + alias + "/" + key.version() + "/sign"))
        .isEqualTo(1);
    String[] parts = jws.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\",\"kid\":\"" + key.keyId() + "\"}");
    assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(signatureBytes);
    assertThat(JwsExample.verify(jws, key.publicKey(), algorithm)).isEqualTo(claims);
    assertThat(claims).isEqualTo("{\"sub\":\"user-1\",\"iat\":1800000000,\"exp\":1800000300}");
  }

  @Test
  void tamperedPayloadOrOtherAlgorithmIsRejected() throws Exception {
    VaultPrivateKey key = (VaultPrivateKey) vault.getKey("jwt-es256", null);
    String jws = JwsExample.sign("{\"sub\":\"alice\"}", key, Algorithm.ES256, key.keyId());
    String[] parts = jws.split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"sub\":\"mallory\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThatThrownBy(() -> JwsExample.verify(forged, key.publicKey(), Algorithm.ES256))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("does not verify");
    assertThatThrownBy(() -> JwsExample.verify(jws, key.publicKey(), Algorithm.ES384))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("does not name alg ES384");
  }
}
