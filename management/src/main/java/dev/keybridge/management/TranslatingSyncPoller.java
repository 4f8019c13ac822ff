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

  private <R> R call(Supplier<R> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw KeyVaultErrors.translate(e, operation, name);
    }
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
