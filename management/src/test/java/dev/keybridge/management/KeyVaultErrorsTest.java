package dev.keybridge.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class KeyVaultErrorsTest {
  @Test
  void responseBodyGivesCodeInnerCodeAndMessage() {
    KeyVaultException e =
        KeyVaultErrors.fromResponse(
            403,
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation sign is not allowed on a disabled key.\","
                + "\"innererror\":{\"code\":\"KeyDisabled\"}}}",
            "sign",
            "k1",
            null);
    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.errorCode()).isEqualTo("Forbidden");
    assertThat(e.innerErrorCode()).isEqualTo("KeyDisabled");
    assertThat(e.operation()).isEqualTo("sign");
    assertThat(e.keyName()).isEqualTo("k1");
    assertThat(e.getMessage())
        .isEqualTo(
            "sign on 'k1' failed: Forbidden/KeyDisabled (HTTP 403): Operation sign is not allowed on a disabled key.");
  }

  @Test
  void bodyWithoutErrorObjectFallsBackToTheStatus() {
    KeyVaultException e =
        KeyVaultErrors.fromResponse(502, "<html>bad gateway</html>", "getKey", "k", null);
    assertThat(e.errorCode()).isEqualTo("HttpStatus502");
    assertThat(e.statusCode()).isEqualTo(502);
  }

  @Test
  void transportFailuresAreVaultUnreachable() {
    KeyVaultException e =
        KeyVaultErrors.translate(
            new CompletionException(
                new UncheckedIOException(new ConnectException("Connection refused"))),
            "sign",
            "k1");
    assertThat(e.statusCode()).isEqualTo(KeyVaultException.NO_RESPONSE);
    assertThat(e.errorCode()).isEqualTo("VaultUnreachable");
    assertThat(e.getMessage())
        .isEqualTo("sign on 'k1' failed: VaultUnreachable: connection refused")
        .doesNotContain("Exception");
    assertThat(
            KeyVaultErrors.translate(
                    new UncheckedIOException(new java.net.UnknownHostException("nowhere.invalid")),
                    "getKey",
                    null)
                .getMessage())
        .isEqualTo("getKey failed: VaultUnreachable: unknown host: nowhere.invalid");
    assertThat(KeyVaultErrors.translate(new IOException("x"), "getKey", null).errorCode())
        .isEqualTo("VaultUnreachable");
  }

  @Test
  void anExistingKeyVaultExceptionIsKept() {
    KeyVaultException original =
        new KeyVaultException("sign", "k", 404, "KeyNotFound", null, "gone", null);
    assertThat(KeyVaultErrors.translate(new CompletionException(original), "other", "x"))
        .isSameAs(original);
  }
}
