package dev.keybridge.localvault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation over real HTTPS: what a client sees of each injected fault, latency and limit. */
class NetworkSimulationTest {
  @TempDir Path dir;

  private LocalVault start(NetworkConditions conditions) {
    return LocalVault.builder().dataDir(dir).network(conditions).build().start();
  }

  @Test
  void injected429CarriesRetryAfterAndAKeyVaultThrottledBody() {
    try (LocalVault vault =
        start(
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("429=100%"))
                .withRetryAfter(Duration.ofSeconds(7))
                .withFaultsSkipAuth(true))) {
      RawVaultHttp http = new RawVaultHttp(vault);
      RawVaultHttp.Response response =
          http.send("GET", "/keys?api-version=7.6", http.adminToken(), null);
      assertThat(response.status()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(response.errorCode()).isEqualTo("Throttled");
    }
  }

  @Test
  void injected503And500HaveKeyVaultErrorBodies() {
    try (LocalVault vault =
        start(
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("503=100%"))
                .withFaultsSkipAuth(true))) {
      RawVaultHttp http = new RawVaultHttp(vault);
      RawVaultHttp.Response response =
          http.send("GET", "/keys?api-version=7.6", http.adminToken(), null);
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.errorCode()).isEqualTo("ServiceUnavailable");
    }
    try (LocalVault vault =
        start(
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("500=100%"))
                .withFaultsSkipAuth(true))) {
      RawVaultHttp http = new RawVaultHttp(vault);
      RawVaultHttp.Response response =
          http.send("GET", "/keys?api-version=7.6", http.adminToken(), null);
      assertThat(response.status()).isEqualTo(500);
      assertThat(response.errorCode()).isEqualTo("InternalServerError");
    }
  }

  @Test
  void tokenEndpointsAreFaultedUnlessSkipped() {
    try (LocalVault vault =
        start(NetworkConditions.NONE.withFaults(FaultRates.parse("503=100%")))) {
      RawVaultHttp.Response token =
          new RawVaultHttp(vault)
              .tokenRequest(
                  vault.adminClientId(), vault.adminClientSecret(), vault.resource() + "/.default");
      assertThat(token.status()).isEqualTo(503);
    }
  }

  @Test
  void resetClosesTheConnectionWithoutAnAnswer() {
    try (LocalVault vault =
        start(
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("reset=100%"))
                .withFaultsSkipAuth(true))) {
      RawVaultHttp http = new RawVaultHttp(vault);
      String token = http.adminToken();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(vault.url() + "/keys?api-version=7.6"))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(30))
              .build();
      assertThatThrownBy(() -> http.client().send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void stallHoldsTheAnswerBack() throws Exception {
    try (LocalVault vault =
        start(
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("stall=100%"))
                .withStall(Duration.ofMillis(700))
                .withFaultsSkipAuth(true))) {
      RawVaultHttp http = new RawVaultHttp(vault);
      String token = http.adminToken();
      long start = System.nanoTime();
      RawVaultHttp.Response response = http.send("GET", "/keys?api-version=7.6", token, null);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(700));
      assertThat(response.status()).isEqualTo(200);
    }
  }

  @Test
  void latencyDelaysEveryAnswer() {
    try (LocalVault vault = start(NetworkConditions.NONE.withLatency(new Latency(300, 0)))) {
      RawVaultHttp http = new RawVaultHttp(vault);
      long start = System.nanoTime();
      RawVaultHttp.Response token =
          http.tokenRequest(
              vault.adminClientId(), vault.adminClientSecret(), vault.resource() + "/.default");
      assertThat(token.status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void throttleAnswers429WithRetryAfterPastTheDocumentedKeyCreationLimit() {
    try (LocalVault vault = start(NetworkConditions.NONE.withThrottle(true))) {
      RawVaultHttp http = new RawVaultHttp(vault);
      String token = http.adminToken();
      int created = 0;
      RawVaultHttp.Response last = null;
      for (int i = 0; i < 21; i++) {
        last =
            http.send(
                "POST",
                "/keys/t" + i + "/create?api-version=7.6",
                token,
                "{\"kty\":\"EC\",\"crv\":\"P-256\"}");
        if (last.status() == 200) {
          created++;
        }
      }
      assertThat(created).as("software key creations allowed in 10 s").isEqualTo(20);
      assertThat(last.status()).isEqualTo(429);
      assertThat(last.errorCode()).isEqualTo("Throttled");
      assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 10L);
      // reads have their own budget: still served
      assertThat(http.send("GET", "/keys/t0?api-version=7.6", token, null).status()).isEqualTo(200);
    }
  }
}
