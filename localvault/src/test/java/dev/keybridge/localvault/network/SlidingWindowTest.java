package dev.keybridge.localvault.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  @Test
  void admitsUpToTheLimitInAnyTenSecondsThenAsksToRetryWhenTheOldestLeave() {
    SlidingWindow window = new SlidingWindow("key transactions", 4000);
    long t0 = 1_000_000;
    // 500 RSA 4096 software signs (weight 8) fill the budget of 4000
    for (int i = 0; i < 500; i++) {
      assertThat(window.tryAcquire(8, t0)).as("sign %d", i).isZero();
    }
    assertThat(window.tryAcquire(8, t0)).as("the 501st").isEqualTo(10);
    assertThat(window.tryAcquire(1, t0 + 4_000)).as("still inside the window").isEqualTo(6);
    assertThat(window.tryAcquire(8, t0 + 10_000)).as("the first ones have left").isZero();
  }

  @Test
  void retryAfterCountsFromTheBucketsThatMustLeave() {
    SlidingWindow window = new SlidingWindow("key creations", 20);
    long t0 = 50_000;
    for (int i = 0; i < 10; i++) {
      assertThat(window.tryAcquire(1, t0)).isZero();
    }
    for (int i = 0; i < 10; i++) {
      assertThat(window.tryAcquire(1, t0 + 7_000)).isZero();
    }
    // full: the ten of t0 leave at t0 + 10 s, three seconds after t0 + 7 s
    assertThat(window.tryAcquire(1, t0 + 7_000)).isEqualTo(3);
    assertThat(window.tryAcquire(1, t0 + 10_000)).isZero();
  }

  @Test
  void aTransactionHeavierThanTheWholeBudgetIsNeverAdmitted() {
    SlidingWindow window = new SlidingWindow("tiny", 1);
    assertThat(window.tryAcquire(2, 0)).isEqualTo(10);
  }
}
