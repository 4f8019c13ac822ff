package dev.keybridge.localvault.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client secrets: hashed with PBKDF2 at 600,000 iterations, and guessing slowed per client. */
class SignInHardeningTest {
  private static final MutableClock CLOCK = new MutableClock();
  private static final String SCOPE = "https://vault.azure.net/.default";

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .clock(CLOCK)
          .client("target", "target-secret", Role.CRYPTO_USER)
          .client("bystander", "bystander-secret", Role.READER);

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
  void probingForClientIdsIsSlowedDownToo() {
    RawVaultHttp http = VAULT.http();
    for (int i = 0; i < 5; i++) {
      assertThat(http.tokenRequest("no-such-app", "x", SCOPE).status()).isEqualTo(400);
    }
    assertThat(http.tokenRequest("no-such-app", "x", SCOPE).body()).contains("AADSTS50196");
  }
}
