package dev.keybridge.localvault.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the vault does by itself as its clock moves: rotation policies' lifetime actions,
 * near-expiry notices and purging deleted objects whose retention ended. Every registered task runs
 * on one daemon thread each tick (a real-time interval) with the vault clock's {@code now}, so a
 * test clock moved forward or a {@code --time-scale} clock is seen within one tick. A failing task
 * is logged and retried at the next tick; it never stops the others.
 */
public final class VaultScheduler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(VaultScheduler.class.getName());

  private final Clock clock;
  private final List<Task> tasks = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService executor;

  private record Task(String name, Consumer<Instant> work) {}

  public VaultScheduler(Clock clock) {
    this.clock = clock;
  }

  /** Registers {@code work} to run every tick with the vault clock's current instant. */
  public void every(String name, Consumer<Instant> work) {
    tasks.add(new Task(name, work));
  }

  /** Starts ticking every {@code tick} (real time). */
  public synchronized void start(Duration tick) {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "keybridge-vault-scheduler");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, tick.toMillis());
    executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Runs every task once now, on the caller's thread (serialized with the ticks). */
  public synchronized void runOnce() {
    Instant now = clock.instant();
    for (Task task : tasks) {
      try {
        task.work().accept(now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "scheduled task '" + task.name() + "' failed: " + e, e);
      }
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService e;
    synchronized (this) {
      e = executor;
      executor = null;
    }
    if (e != null) {
      e.shutdownNow();
      try {
        e.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
