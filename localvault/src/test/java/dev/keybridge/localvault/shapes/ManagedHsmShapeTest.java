package dev.keybridge.localvault.shapes;

import static dev.keybridge.localvault.shapes.AzureShapeTest.assertSameFields;
import static dev.keybridge.localvault.shapes.AzureShapeTest.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.VaultHttp;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Managed HSM operations {@link AzureShapeTest}'s vault cannot serve, compared the same way
 * with responses recorded from a real Managed HSM (sources in {@code azure-recordings/README.md}).
 */
class ManagedHsmShapeTest {
  @RegisterExtension
  static final LocalVaultExtension HSM = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  @Test
  void randomBytesAnswerAsAzureDoes() throws Exception {
    // As in the recording: 16 bytes at api-version 7.5.
    VaultHttp.Response random =
        HSM.http().send("POST", "/rng?api-version=7.5", HSM.http().adminToken(), "{\"count\":16}");
    assertThat(random.status()).as(random.body()).isEqualTo(200);
    assertSameFields(random.json(), recorded("rng.json"), Set.of());
    assertThat(Base64.getUrlDecoder().decode(random.json().get("value").asText())).hasSize(16);
  }
}
