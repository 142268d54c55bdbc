package io.cashews.internal;

import io.cashews.base.ScopeSnapshot;
import io.cashews.base.ThreadScopes;
import io.cashews.codec.CachedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/** Passes the source's signals on, storing each element first and the marker before onComplete. */
final class RecordingSubscriber<T extends @Nullable Object> implements Flow.Subscriber<T> {
    private final ElementStore elements;
    private final String key;
    private final @Nullable Object @Nullable [] args;
    private final Flow.Subscriber<? super T> downstream;
    private final List<CompletableFuture<?>> writes = new ArrayList<>();
    private volatile boolean cancelled;
    // Signals are serial (Reactive Streams §1.3), so plain fields suffice between them.
    private long index;
    private long firstStoredAt;
    private boolean gap;
    // Signals arrive on the publisher's threads: the writes carry the subscribing call's scopes.
    private final ScopeSnapshot scopes = ScopeSnapshot.capture();

    RecordingSubscriber(ElementStore elements, String key, @Nullable Object @Nullable [] args, Flow.Subscriber<? super T> downstream) {
        this.elements = elements;
        this.key = key;
        this.args = args;
        this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        downstream.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscription.request(n);
            }

            @Override
            public void cancel() {
                cancelled = true;
                subscription.cancel();
            }
        });
    }

    @Override
    public void onNext(T element) {
        String elementKey = ElementStore.elementKey(key, index);
        if (index == 0) {
            firstStoredAt = elements.clock.nanoTime();
        }
        index++;
        boolean accepted;
        try {
            accepted = elements.accepts(element, args, elementKey);
        } catch (RuntimeException e) {
            // A throwing condition spoils the sequence but not the consumer's elements.
            elements.storeFailed(elementKey, e);
            accepted = false;
        }
        if (accepted) {
            ThreadScopes.Frame installed = scopes.install();
            try {
                writes.add(elements.storeAsync(elementKey, element, elements.ttl));
            } finally {
                installed.close();
            }
        } else {
            gap = true;
        }
        downstream.onNext(element);
    }

    @Override
    public void onError(Throwable error) {
        if (gap || cancelled || !elements.storesException(error)) {
            downstream.onError(error);
            return;
        }
        if (index == 0) {
            firstStoredAt = elements.clock.nanoTime();
        }
        ThreadScopes.Frame installed = scopes.install();
        try {
            writes.add(elements.storeAsync(ElementStore.elementKey(key, index), new CachedException(error), elements.ttl));
        } finally {
            installed.close();
        }
        Duration markerTtl = elements.markerTtl(firstStoredAt, true);
        if (markerTtl == null) {
            downstream.onError(error);
            return;
        }
        long count = index + 1;
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenCompose(scopes.wrapFunction(ignored -> elements.storeMarkerAsync(key, count, markerTtl)))
                .whenComplete((ignored, storeError) -> downstream.onError(error));
    }

    @Override
    public void onComplete() {
        Duration markerTtl = elements.markerTtl(firstStoredAt, index > 0);
        if (gap || cancelled || markerTtl == null) {
            downstream.onComplete();
            return;
        }
        long count = index;
        // The marker goes after every element is written, and the consumer hears of the end
        // after the marker, so that its next call replays.
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenCompose(scopes.wrapFunction(ignored -> elements.storeMarkerAsync(key, count, markerTtl)))
                .whenComplete((ignored, error) -> downstream.onComplete());
    }
}
