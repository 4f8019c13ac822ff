package dev.keybridge.localvault.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Client secrets: hashed with PBKDF2 at 600,000 iterations, and guessing slowed per client. */
class SignInHardeningTest {
  private static final MutableClock CLOCK = new MutableClock();
  private static final String SCOPE = "https://vault.azure.net/.default";

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .clock(CLOCK)
          .client("target", "target-secret", Role.CRYPTO_USER)
          .client("bystander", "bystander-secret", Role.READER)
          // the production count (other test vaults hash with fewer iterations, for speed)
          .configure(v -> v.clientSecretIterations(ClientRegistry.ITERATIONS));

  @TempDir static Path tmp;

  @AfterEach
  void resetClock() {
    CLOCK.reset();
  }

  @Test
  void storesEverySecretAsAPbkdf2HashWith600000Iterations() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + VAULT.vault().dataDir().resolve("vault.db"));
        PreparedStatement ps =
            c.prepareStatement("SELECT client_id, iterations, length(salt), hash FROM clients");
        ResultSet rs = ps.executeQuery()) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertThat(rs.getInt(2)).as(rs.getString(1)).isEqualTo(600_000);
        assertThat(rs.getInt(3)).isEqualTo(16);
        assertThat(rs.getBytes(4)).hasSize(32);
        assertThat(new String(rs.getBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotContain("secret");
      }
      assertThat(rows).as("administrator, target and bystander").isEqualTo(3);
    }
  }

  @Test
  void locksAClientOutAfterFiveFailuresAndDoublesTheLock() {
    RawVaultHttp http = VAULT.http();
    for (int i = 0; i < 5; i++) {
      RawVaultHttp.Response wrong = http.tokenRequest("target", "guess-" + i, SCOPE);
      assertThat(wrong.status()).as("failure %d", i + 1).isEqualTo(401);
      assertThat(wrong.body()).contains("AADSTS7000215");
    }
    RawVaultHttp.Response locked = http.tokenRequest("target", "target-secret", SCOPE);
    assertThat(locked.status()).as("even the right secret waits").isEqualTo(400);
    assertThat(locked.body()).contains("AADSTS50196").contains("invalid_client");
    assertThat(locked.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(http.tokenRequest("bystander", "bystander-secret", SCOPE).status())
        .as("other clients are not affected")
        .isEqualTo(200);

    CLOCK.advance(Duration.ofSeconds(2));
    assertThat(http.tokenRequest("target", "guess-6", SCOPE).status()).isEqualTo(401);
    RawVaultHttp.Response longer = http.tokenRequest("target", "target-secret", SCOPE);
    assertThat(longer.status()).isEqualTo(400);
    assertThat(longer.headers().firstValue("Retry-After")).hasValue("2");

    CLOCK.advance(Duration.ofSeconds(3));
    assertThat(http.tokenRequest("target", "target-secret", SCOPE).status()).isEqualTo(200);
    assertThat(http.tokenRequest("target", "guess-7", SCOPE).status())
        .as("a success clears the count")
        .isEqualTo(401);
    assertThat(http.tokenRequest("target", "target-secret", SCOPE).status()).isEqualTo(200);
  }

  @Test
  void aHashOfAnotherCountVerifiesAndIsRehashedAtTheNextSignIn() throws Exception {
    Path dir = tmp.resolve("rehash");
    try (LocalVault fast =
        LocalVault.builder()
            .dataDir(dir)
            .clientSecretIterations(1_000)
            .client("app", "app-secret", Role.CRYPTO_USER)
            .build()
            .start()) {
      assertThat(iterations(fast, "app")).isEqualTo(1_000);
    }
    try (LocalVault production = LocalVault.builder().dataDir(dir).build().start()) {
      assertThat(iterations(production, "app"))
          .as("not rehashed before a sign-in")
          .isEqualTo(1_000);
      RawVaultHttp http = new RawVaultHttp(production);
      assertThat(http.tokenRequest("app", "wrong-secret", SCOPE).status()).isEqualTo(401);
      assertThat(iterations(production, "app")).isEqualTo(1_000);
      assertThat(http.tokenRequest("app", "app-secret", SCOPE).status()).isEqualTo(200);
      assertThat(iterations(production, "app")).isEqualTo(ClientRegistry.ITERATIONS);
    }
  }

  @Test
  void fewerThanAThousandIterationsAreRefused() {
    assertThatThrownBy(() -> LocalVault.builder().clientSecretIterations(999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PBKDF2 iterations must be at least 1000, got 999");
  }

  private static int iterations(LocalVault vault, String clientId) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + vault.dataDir().resolve("vault.db"));
        PreparedStatement ps =
            c.prepareStatement("SELECT iterations FROM clients WHERE client_id=?")) {
      ps.setString(1, clientId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as(clientId + " is registered").isTrue();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void probingForClientIdsIsSlowedDownToo() {
    RawVaultHttp http = VAULT.http();
    for (int i = 0; i < 5; i++) {
      assertThat(http.tokenRequest("no-such-app", "x", SCOPE).status()).isEqualTo(400);
    }
    assertThat(http.tokenRequest("no-such-app", "x", SCOPE).body()).contains("AADSTS50196");
  }
}
