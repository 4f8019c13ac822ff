package dev.keybridge.keystore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A map of values fetched from the vault, each kept for a fixed time. Concurrent callers of the
 * same missing key share one fetch: the first runs it on its own thread, the others wait for its
 * result; no lock is held while the fetch runs. A failed fetch is not cached; every waiter gets the
 * failure.
 */
final class ExpiringCache<K, V> {
  private final ConcurrentMap<K, Slot<V>> slots = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  ExpiringCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * The cached value for {@code key}, or the value of {@code fetch} (run at most once for
   * concurrent callers) when there is none or it has expired.
   *
   * @throws RuntimeException whatever {@code fetch} threw
   */
  V get(K key, Supplier<V> fetch) {
    while (true) {
      Slot<V> current = slots.get(key);
      if (current != null && !current.expired(clock.instant())) {
        return current.await();
      }
      Slot<V> mine = new Slot<>();
      boolean won =
          current == null
              ? slots.putIfAbsent(key, mine) == null
              : slots.replace(key, current, mine);
      if (!won) {
        continue;
      }
      try {
        V value = fetch.get();
        mine.complete(value, clock.instant().plus(ttl));
        return value;
      } catch (RuntimeException | Error e) {
        slots.remove(key, mine);
        mine.fail(e);
        throw e;
      }
    }
  }

  /** The cached, unexpired value, or null; never fetches. */
  V peek(K key) {
    Slot<V> slot = slots.get(key);
    if (slot == null || !slot.future.isDone() || slot.expired(clock.instant())) {
      return null;
    }
    return slot.future.isCompletedExceptionally() ? null : slot.future.getNow(null);
  }

  /** Stores a value known from elsewhere (e.g. the answer to an import). */
  void put(K key, V value) {
    Slot<V> slot = new Slot<>();
    slot.complete(value, clock.instant().plus(ttl));
    slots.put(key, slot);
  }

  /**
   * Replaces a cached, completed value with {@code change(value)}, keeping its expiry; does nothing
   * when there is none (the next {@link #get} fetches a fresh one anyway).
   */
  void update(K key, UnaryOperator<V> change) {
    Slot<V> current = slots.get(key);
    if (current == null
        || !current.future.isDone()
        || current.future.isCompletedExceptionally()
        || current.expiresAt == null) {
      return;
    }
    Slot<V> changed = new Slot<>();
    changed.complete(change.apply(current.future.getNow(null)), current.expiresAt);
    if (!slots.replace(key, current, changed)) {
      slots.remove(key);
    }
  }

  /** Drops every entry whose key matches. */
  void invalidateIf(Predicate<K> matches) {
    slots.keySet().removeIf(matches);
  }

  private static final class Slot<V> {
    final CompletableFuture<V> future = new CompletableFuture<>();
    volatile Instant expiresAt;

    void complete(V value, Instant expiry) {
      expiresAt = expiry;
      future.complete(value);
    }

    void fail(Throwable failure) {
      future.completeExceptionally(failure);
    }

    /** A slot still being fetched never counts as expired. */
    boolean expired(Instant now) {
      Instant expiry = expiresAt;
      return expiry != null && !now.isBefore(expiry);
    }

    V await() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return future.get();
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
              throw runtime;
            }
            if (cause instanceof Error error) {
              throw error;
            }
            throw new IllegalStateException(cause);
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
