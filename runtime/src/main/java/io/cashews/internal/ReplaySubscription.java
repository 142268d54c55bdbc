package io.cashews.internal;

import io.cashews.codec.CachedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Emits stored elements as they are requested, reading each from the backend asynchronously. */
final class ReplaySubscription<T extends @Nullable Object> implements Flow.Subscription {
    private static final Object MISS = ElementStore.MISS;
    private final ElementStore elements;
    private final String key;
    private final long count;
    private final Flow.Subscriber<? super T> downstream;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile boolean done;
    private volatile @Nullable IllegalArgumentException badRequest;
    // At most one terminal signal, whichever thread gets there first.
    private final AtomicBoolean terminated = new AtomicBoolean();
    // True while one read is outstanding; reads are one at a time so elements stay in order.
    private volatile boolean reading;
    private long index;

    ReplaySubscription(ElementStore elements, String key, long count, Flow.Subscriber<? super T> downstream) {
        this.elements = elements;
        this.key = key;
        this.count = count;
        this.downstream = downstream;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Delivered by the drain loop, so it never overlaps an onNext in flight.
            badRequest = new IllegalArgumentException("request(" + n + "): the demand must be positive"
                    + " (Reactive Streams §3.9)");
            drain();
            return;
        }
        requested.getAndAccumulate(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    // Only one thread runs the loop; a request or a completed read arriving meanwhile makes
    // it go round again instead of recursing (so a synchronous backend never deepens the stack).
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            while (!cancelled && !done && !reading) {
                IllegalArgumentException bad = badRequest;
                if (bad != null) {
                    finish(bad);
                    break;
                }
                if (index >= count) {
                    // The end needs no demand (Reactive Streams §1.2 allows onComplete any time).
                    complete();
                    break;
                }
                if (requested.get() == 0) {
                    break;
                }
                reading = true;
                CompletableFuture<@Nullable Object> read = read(ElementStore.elementKey(key, index));
                if (read.isDone()) {
                    accept(read);
                } else {
                    read.whenComplete((value, error) -> {
                        accept(read);
                        drain();
                    });
                    break;
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private CompletableFuture<@Nullable Object> read(String elementKey) {
        try {
            return elements.cache.strategyStore().getAsAsync(elementKey, elements.elementType, MISS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // Every branch signals before clearing "reading": the drain loop may start the next read
    // (or end the stream) only once this read's signal is out.
    private void accept(CompletableFuture<@Nullable Object> read) {
        Object element;
        try {
            element = read.join();
        } catch (RuntimeException e) {
            finish(Futures.unwrap(e));
            reading = false;
            return;
        }
        if (cancelled) {
            reading = false;
            return;
        }
        if (element == MISS) {
            complete();
        } else if (element instanceof CachedException cached) {
            finish(cached.error());
        } else {
            index++;
            requested.decrementAndGet();
            downstream.onNext(CacheMethod.value(element));
        }
        reading = false;
    }

    private void complete() {
        if (!cancelled && terminated.compareAndSet(false, true)) {
            done = true;
            downstream.onComplete();
        }
    }

    private void finish(Throwable error) {
        if (terminated.compareAndSet(false, true)) {
            done = true;
            downstream.onError(error);
        }
    }
}
