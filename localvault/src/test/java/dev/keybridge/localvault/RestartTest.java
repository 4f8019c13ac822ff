package dev.keybridge.localvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.file.Files;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** State survives a stop and start on the same data directory. */
class RestartTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().client("app", "app-secret", Role.CRYPTO_USER);

  @Test
  void keysVersionsDeletedStatePoliciesAndIdentityAreKeptAcrossARestart() throws Exception {
    LocalVault first = VAULT.vault();
    String tenant = first.tenantId();
    String admin = first.adminClientId();
    String caPem = Files.readString(first.caCertificateFile());
    KeyClient keys = VAULT.sdk().keyClient();
    KeyVaultKey v1 = keys.createKey("kept", KeyType.RSA);
    KeyVaultKey v2 = keys.createKey("kept", KeyType.RSA);
    keys.updateKeyRotationPolicy(
        "kept",
        new KeyRotationPolicy()
            .setExpiresIn("P60D")
            .setLifetimeActions(
                List.of(
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                        .setTimeAfterCreate("P30D"))));
    keys.createKey("gone", KeyType.EC);
    keys.beginDeleteKey("gone").waitForCompletion(Duration.ofSeconds(30));
    keys.createKey("backed-up", KeyType.EC);
    byte[] backup = keys.backupKey("backed-up");

    LocalVault second = VAULT.restart();
    assertThat(second.tenantId()).isEqualTo(tenant);
    assertThat(second.adminClientId()).isEqualTo(admin);
    assertThat(Files.readString(second.caCertificateFile())).isEqualTo(caPem);
    Properties props = new Properties();
    try (var in = Files.newInputStream(second.propertiesFile())) {
      props.load(in);
    }
    assertThat(props.getProperty("keybridge.vault.url")).isEqualTo(second.url().toString());

    KeyClient after = VAULT.sdk().keyClient();
    assertThat(after.getKey("kept").getId()).isEqualTo(v2.getId());
    assertThat(after.getKey("kept", v1.getProperties().getVersion()).getKey().getN())
        .isEqualTo(v1.getKey().getN());
    assertThat(after.listPropertiesOfKeyVersions("kept").stream().count()).isEqualTo(2);
    assertThat(after.getKeyRotationPolicy("kept").getExpiresIn()).isEqualTo("P60D");
    assertThat(after.getDeletedKey("gone").getName()).isEqualTo("gone");
    assertThatThrownBy(() -> after.getKey("gone")).isInstanceOf(ResourceNotFoundException.class);

    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {1});
    byte[] sig =
        VAULT
            .sdk("app", "app-secret")
            .cryptographyClient(v2.getId())
            .sign(SignatureAlgorithm.RS256, digest)
            .getSignature();
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(v2.getKey().toRsa().getPublic());
    verify.update(new byte[] {1});
    assertThat(verify.verify(sig)).as("the same private key signs after the restart").isTrue();

    after.beginDeleteKey("backed-up").waitForCompletion(Duration.ofSeconds(30));
    after.purgeDeletedKey("backed-up");
    assertThat(after.restoreKeyBackup(backup).getName()).isEqualTo("backed-up");
  }
}
