package dev.keybridge.management;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import java.time.Duration;
import java.util.function.Supplier;

/** A SyncPoller whose failures are {@link KeyVaultException}s. */
final class TranslatingSyncPoller<T, U> implements SyncPoller<T, U> {
  private final SyncPoller<T, U> delegate;
  private final String operation;
  private final String name;

  TranslatingSyncPoller(SyncPoller<T, U> delegate, String operation, String name) {
    this.delegate = delegate;
    this.operation = operation;
    this.name = name;
  }

  /**
   * Begins a long-running operation and returns its poller, polling every {@code pollInterval};
   * failures of the start and of every later poll are {@link KeyVaultException}s.
   */
  static <T, U> SyncPoller<T, U> start(
      Supplier<SyncPoller<T, U>> begin, Duration pollInterval, String operation, String name) {
    SyncPoller<T, U> poller = KeyVaultManager.run(operation, name, begin);
    poller.setPollInterval(pollInterval);
    return new TranslatingSyncPoller<>(poller, operation, name);
  }

  private <R> R call(Supplier<R> action) {
    return KeyVaultManager.run(operation, name, action);
  }

  @Override
  public PollResponse<T> poll() {
    return call(delegate::poll);
  }

  @Override
  public PollResponse<T> waitForCompletion() {
    return call(delegate::waitForCompletion);
  }

  @Override
  public PollResponse<T> waitForCompletion(Duration timeout) {
    return call(() -> delegate.waitForCompletion(timeout));
  }

  @Override
  public PollResponse<T> waitUntil(LongRunningOperationStatus status) {
    return call(() -> delegate.waitUntil(status));
  }

  @Override
  public PollResponse<T> waitUntil(Duration timeout, LongRunningOperationStatus status) {
    return call(() -> delegate.waitUntil(timeout, status));
  }

  @Override
  public U getFinalResult() {
    return call(delegate::getFinalResult);
  }

  @Override
  public U getFinalResult(Duration timeout) {
    return call(() -> delegate.getFinalResult(timeout));
  }

  @Override
  public void cancelOperation() {
    call(
        () -> {
          delegate.cancelOperation();
          return null;
        });
  }

  @Override
  public SyncPoller<T, U> setPollInterval(Duration interval) {
    delegate.setPollInterval(interval);
    return this;
  }
}
