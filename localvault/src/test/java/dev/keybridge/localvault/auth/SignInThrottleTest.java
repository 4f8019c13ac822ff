package dev.keybridge.localvault.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  @Test
  void locksAfterFiveFailuresDoublingUpToFiveMinutes() {
    MutableClock clock = new MutableClock();
    SignInThrottle t = new SignInThrottle(clock);
    for (int i = 1; i < 5; i++) {
      assertThat(t.failed("c")).isEqualTo(Duration.ZERO);
      assertThat(t.lockedFor("c")).isEmpty();
    }
    assertThat(t.failed("c")).isEqualTo(Duration.ofSeconds(1));
    assertThat(t.failed("c")).isEqualTo(Duration.ofSeconds(2));
    assertThat(t.failed("c")).isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 30; i++) {
      t.failed("c");
    }
    assertThat(t.failed("c")).isEqualTo(Duration.ofSeconds(300));
    assertThat(t.lockedFor("c")).isPresent();
    assertThat(t.lockedFor("other")).isEmpty();
    clock.advance(Duration.ofSeconds(301));
    assertThat(t.lockedFor("c")).isEmpty();
    t.succeeded("c");
    assertThat(t.failed("c")).isEqualTo(Duration.ZERO);
  }
}
