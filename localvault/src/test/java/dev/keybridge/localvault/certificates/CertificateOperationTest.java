package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.VaultError;
import org.junit.jupiter.api.Test;

class CertificateOperationTest {

  @Test
  void startsInProgressWithAFreshRequestId() {
    CertificateOperation first =
        CertificateOperation.start(IssuerParameters.SELF, new byte[] {1, 2});
    CertificateOperation second = CertificateOperation.start(IssuerParameters.SELF, null);

    assertThat(first.status()).isEqualTo(CertificateOperation.Status.IN_PROGRESS);
    assertThat(first.status().isTerminal()).isFalse();
    assertThat(first.csr()).isEqualTo("AQI=");
    assertThat(first.requestId()).matches("[0-9a-f]{32}").isNotEqualTo(second.requestId());
    assertThat(first.statusDetails()).contains("in progress");
  }

  @Test
  void transitionsKeepTheRequestId() {
    CertificateOperation started = CertificateOperation.start(IssuerParameters.UNKNOWN, null);

    CertificateOperation cancelled = started.cancel();
    CertificateOperation completed = started.complete();

    assertThat(cancelled.status().wireName()).isEqualTo("cancelled");
    assertThat(cancelled.cancellationRequested()).isTrue();
    assertThat(cancelled.statusDetails()).isNull();
    assertThat(cancelled.requestId()).isEqualTo(started.requestId());
    assertThat(completed.status().wireName()).isEqualTo("completed");
    assertThat(completed.statusDetails()).isNull();
    assertThat(completed.requestId()).isEqualTo(started.requestId());
  }

  @Test
  void endedOperationCannotBeCancelledOrCompletedAgain() {
    CertificateOperation completed =
        CertificateOperation.start(IssuerParameters.SELF, null).complete();

    assertThatThrownBy(completed::cancel)
        .isInstanceOfSatisfying(VaultError.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("already completed");
    assertThatThrownBy(completed::complete).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> completed.fail("X", "y")).isInstanceOf(IllegalStateException.class);
  }
}
