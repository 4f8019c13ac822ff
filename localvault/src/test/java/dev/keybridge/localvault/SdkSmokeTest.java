package dev.keybridge.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SdkSmokeTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @Test
  void clientSecretCredentialGetsATokenAndKeyClientCreatesAndReadsAKey() {
    KeyClient keys = VAULT.sdk().keyClient();
    KeyVaultKey created = keys.createKey("smoke", KeyType.EC);
    KeyVaultKey read = keys.getKey("smoke");
    assertThat(read.getId()).isEqualTo(created.getId());
    assertThat(read.getId()).startsWith(VAULT.vault().url() + "/keys/smoke/");
  }
}
