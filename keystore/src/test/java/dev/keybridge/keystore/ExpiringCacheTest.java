package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void valueIsReusedWithinTheTtlAndFetchedAgainAfterIt() {
    ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ofMinutes(5), clock);
    AtomicInteger fetches = new AtomicInteger();

    assertThat(cache.get("k", fetches::incrementAndGet)).isEqualTo(1);
    clock.advance(Duration.ofMinutes(4));
    assertThat(cache.get("k", fetches::incrementAndGet)).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(cache.get("k", fetches::incrementAndGet)).isEqualTo(2);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void zeroTtlFetchesEveryTime() {
    ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ZERO, clock);
    AtomicInteger fetches = new AtomicInteger();

    cache.get("k", fetches::incrementAndGet);
    cache.get("k", fetches::incrementAndGet);

    assertThat(fetches).hasValue(2);
    assertThat(cache.peek("k")).isNull();
  }

  @Test
  void failuresAreNotCached() {
    ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ofMinutes(5), clock);

    assertThatThrownBy(
            () ->
                cache.get(
                    "k",
                    () -> {
                      throw new IllegalStateException("vault down");
                    }))
        .hasMessage("vault down");
    assertThat(cache.get("k", () -> 7)).isEqualTo(7);
  }

  @Test
  void concurrentCallersOfAMissingKeyShareOneFetch() throws Exception {
    ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ofMinutes(5), clock);
    AtomicInteger fetches = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () ->
                    cache.get(
                        "k",
                        () -> {
                          started.countDown();
                          await(release);
                          return fetches.incrementAndGet();
                        })));
      }
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      }
      assertThat(fetches).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void updateKeepsTheExpiryAndInvalidateDrops() {
    ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ofMinutes(5), clock);
    cache.get("a", () -> 1);
    cache.get("b", () -> 2);
    clock.advance(Duration.ofMinutes(3));

    cache.update("a", v -> v + 10);
    cache.invalidateIf(key -> key.equals("b"));

    assertThat(cache.peek("a")).isEqualTo(11);
    assertThat(cache.peek("b")).isNull();
    clock.advance(Duration.ofMinutes(2));
    assertThat(cache.peek("a")).isNull();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
