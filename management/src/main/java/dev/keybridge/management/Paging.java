package dev.keybridge.management;

import com.azure.core.http.rest.PagedFlux;
import com.azure.core.http.rest.PagedIterable;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import reactor.adapter.JdkFlowAdapter;

/**
 * Lazy listings: pages are fetched only as the caller consumes items, and any failure, on the first
 * page or a later one, surfaces as a {@link KeyVaultException}.
 */
final class Paging {
  private Paging() {}

  /** A sequential stream over the SDK's pages; nothing is requested before the first item. */
  static <T, R> Stream<R> stream(
      Supplier<PagedIterable<T>> pages, Function<T, R> mapping, String operation, String name) {
    Iterator<R> iterator =
        new Iterator<>() {
          private Iterator<T> delegate;

          private Iterator<T> delegate() {
            if (delegate == null) {
              delegate = pages.get().iterator();
            }
            return delegate;
          }

          @Override
          public boolean hasNext() {
            try {
              return delegate().hasNext();
            } catch (RuntimeException e) {
              throw KeyVaultErrors.translate(e, operation, name);
            }
          }

          @Override
          public R next() {
            try {
              return mapping.apply(delegate().next());
            } catch (RuntimeException e) {
              throw KeyVaultErrors.translate(e, operation, name);
            }
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** A Flow publisher over the SDK's async pages, fetching as subscribers request. */
  static <T, R> Flow.Publisher<R> publisher(
      Supplier<PagedFlux<T>> pages, Function<T, R> mapping, String operation, String name) {
    return JdkFlowAdapter.publisherToFlowPublisher(
        reactor.core.publisher.Flux.defer(pages::get)
            .map(mapping)
            .onErrorMap(e -> KeyVaultErrors.translate(e, operation, name)));
  }
}
