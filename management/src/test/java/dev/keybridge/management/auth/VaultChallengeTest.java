package dev.keybridge.management.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VaultChallengeTest {
  private static final String VAULT =
      "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-0000\", resource=\"https://vault.azure.net\"";

  @Test
  void parsesScopeAndTenantOfAMatchingVault() {
    VaultChallenge challenge = VaultChallenge.parse(VAULT, "kv1.vault.azure.net");
    assertThat(challenge.scope()).isEqualTo("https://vault.azure.net/.default");
    assertThat(challenge.tenantId()).isEqualTo("72f988bf-0000");
    assertThat(challenge.claims()).isNull();
  }

  @Test
  void scopeAndAuthorizationUriVariantsWork() {
    VaultChallenge challenge =
        VaultChallenge.parse(
            "bearer authorization_uri=\"https://localhost:9/tenant-a\", scope=\"https://managedhsm.azure.net/.default\"",
            "hsm1.managedhsm.azure.net");
    assertThat(challenge.scope()).isEqualTo("https://managedhsm.azure.net/.default");
    assertThat(challenge.tenantId()).isEqualTo("tenant-a");
  }

  @Test
  void aResourceOfAnotherDomainIsRefusedForNonLoopbackHosts() {
    assertThatThrownBy(() -> VaultChallenge.parse(VAULT, "evil.example.com"))
        .isInstanceOf(VaultChallengeException.class)
        .hasMessageContaining("does not match the requested domain")
        .extracting(e -> ((VaultChallengeException) e).errorCode())
        .isEqualTo("ChallengeResourceMismatch");
    // A suffix without the dot boundary is not the vault's domain either.
    assertThatThrownBy(() -> VaultChallenge.parse(VAULT, "notvault.azure.net.evil"))
        .isInstanceOf(VaultChallengeException.class);
  }

  @Test
  void loopbackHostsAreExemptFromResourceVerification() {
    assertThat(VaultChallenge.parse(VAULT, "localhost").scope())
        .isEqualTo("https://vault.azure.net/.default");
    assertThat(VaultChallenge.parse(VAULT, "127.0.0.1").tenantId()).isEqualTo("72f988bf-0000");
  }

  @Test
  void malformedChallengesAreRefused() {
    assertThatThrownBy(
            () -> VaultChallenge.parse("Bearer resource=\"https://vault.azure.net\"", "localhost"))
        .hasMessageContaining("no authorization URI");
    assertThatThrownBy(
            () ->
                VaultChallenge.parse(
                    "Bearer authorization=\"https://login\", resource=\"https://vault.azure.net\"",
                    "localhost"))
        .hasMessageContaining("names no tenant");
    assertThatThrownBy(
            () -> VaultChallenge.parse("Bearer authorization=\"https://login/t\"", "localhost"))
        .hasMessageContaining("neither resource nor scope");
    assertThat(VaultChallenge.parse("Basic realm=\"x\"", "localhost")).isNull();
  }

  @Test
  void caeClaimsAreDecoded() {
    String claims =
        java.util.Base64.getEncoder().encodeToString("{\"access_token\":{}}".getBytes());
    VaultChallenge challenge =
        VaultChallenge.parse(
            VAULT + ", error=\"insufficient_claims\", claims=\"" + claims + "\"",
            "kv.vault.azure.net");
    assertThat(challenge.claims()).isEqualTo("{\"access_token\":{}}");
  }
}
