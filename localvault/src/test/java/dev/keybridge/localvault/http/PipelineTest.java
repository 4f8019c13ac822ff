package dev.keybridge.localvault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dispatch point's extension hooks: interceptors for faults, and the 500 path. */
class PipelineTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final String GET = "/keys?api-version=7.6";

  @Test
  void anInterceptorCanThrottle() {
    RawVaultHttp http = VAULT.http();
    String token = http.adminToken();
    RequestInterceptor throttle =
        new RequestInterceptor() {
          @Override
          public VaultResponse beforeHandling(VaultRequest request) {
            return request.path().startsWith("/keys")
                ? VaultResponse.error(429, "Throttled", null, "Too many requests.")
                    .header("Retry-After", "1")
                : null;
          }
        };
    VAULT.vault().addInterceptor(throttle);
    try {
      RawVaultHttp.Response r = http.send("GET", GET, token, null);
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.errorCode()).isEqualTo("Throttled");
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    } finally {
      VAULT.vault().removeInterceptor(throttle);
    }
    assertThat(http.send("GET", GET, token, null).status()).isEqualTo(200);
  }

  @Test
  void anUnexpectedFailureIsA500InternalErrorAndTheServerGoesOn() {
    RawVaultHttp http = VAULT.http();
    String token = http.adminToken();
    RequestInterceptor broken =
        new RequestInterceptor() {
          @Override
          public VaultResponse beforeHandling(VaultRequest request) {
            throw new IllegalStateException("boom");
          }
        };
    VAULT.vault().addInterceptor(broken);
    try {
      RawVaultHttp.Response r = http.send("GET", GET, token, null);
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.errorCode()).isEqualTo("InternalError");
      assertThat(r.body()).doesNotContain("boom");
    } finally {
      VAULT.vault().removeInterceptor(broken);
    }
    assertThat(AccessLog.of(VAULT.vault()).last().error()).isEqualTo("InternalError");
    assertThat(http.send("GET", GET, token, null).status()).isEqualTo(200);
  }

  @Test
  void anInterceptorCanDropTheConnection() {
    RawVaultHttp http = VAULT.http();
    String token = http.adminToken();
    RequestInterceptor drop =
        new RequestInterceptor() {
          @Override
          public VaultResponse beforeHandling(VaultRequest request) {
            return VaultResponse.dropConnection();
          }
        };
    VAULT.vault().addInterceptor(drop);
    try {
      assertThatThrownBy(() -> http.send("GET", GET, token, null))
          .isInstanceOf(UncheckedIOException.class);
    } finally {
      VAULT.vault().removeInterceptor(drop);
    }
    assertThat(VAULT.http().send("GET", GET, token, null).status()).isEqualTo(200);
  }
}
