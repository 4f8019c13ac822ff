package dev.keybridge.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs an operation a fixed number of times on a fixed number of threads, timing each call. */
final class LoadRunner implements AutoCloseable {
  /** One operation; {@code thread} is the index of the calling thread (for per-thread state). */
  interface Operation {
    void run(int thread) throws Exception;
  }

  private final int threads;
  private final ExecutorService pool;

  LoadRunner(int threads) {
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "keybridge-bench");
    t.setDaemon(true);
    return t;
  }

  /** {@code count} calls spread over the threads; the first failure is thrown. */
  Latencies run(Operation operation, int count) throws Exception {
    long[] nanos = new long[count];
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    onEveryThread(
        thread -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            long begin = System.nanoTime();
            operation.run(thread);
            nanos[i] = System.nanoTime() - begin;
          }
        });
    return new Latencies(nanos, System.nanoTime() - start);
  }

  /** Calls the operation on every thread until {@code duration} has passed (a warm-up). */
  void runFor(Operation operation, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    onEveryThread(
        thread -> {
          while (System.nanoTime() < end) {
            operation.run(thread);
          }
        });
  }

  /**
   * Runs {@code work} once on each thread (with its index) and waits; the first failure is thrown.
   */
  private void onEveryThread(Operation work) throws Exception {
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      running.add(
          pool.submit(
              () -> {
                work.run(thread);
                return null;
              }));
    }
    for (Future<?> done : running) {
      done.get();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
