package io.cashews;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One answer of a command made of several backend calls: here now (what the synchronous facade's
 * {@link Flow} returns) or later, in a future (the asynchronous one's). {@link CommandCore} chains
 * such steps, so each compound command is written once for both facades; a chain of steps that
 * are all here now never creates, waits for or joins a future.
 *
 * @param <T> the answer's type
 */
abstract class Step<T extends @Nullable Object> {

    private static final Step<Boolean> TRUE = new Now<>(true);
    private static final Step<Boolean> FALSE = new Now<>(false);
    private static final Step<@Nullable Object> NOTHING = new Now<>(null);

    private Step() {
    }

    static <T extends @Nullable Object> Step<T> now(T value) {
        return new Now<>(value);
    }

    // Shared instances: a boolean answer costs no allocation.
    static Step<Boolean> now(boolean value) {
        return value ? TRUE : FALSE;
    }

    @SuppressWarnings("unchecked")
    static <T> Step<@Nullable T> nothing() {
        return (Step<@Nullable T>) (Step<?>) NOTHING;
    }

    static <T extends @Nullable Object> Step<T> later(CompletableFuture<T> future) {
        return new Later<>(future);
    }

    /** The step that {@code next} returns for this one's answer. */
    abstract <U extends @Nullable Object> Step<U> then(Function<? super T, Step<U>> next);

    /** This step's answer passed through {@code f}. */
    abstract <U extends @Nullable Object> Step<U> map(Function<? super T, ? extends U> f);

    /** The answer of a step that is here now; the synchronous facade's only way out. */
    abstract T value();

    /** The answer as a future; the asynchronous facade's way out. */
    abstract CompletableFuture<T> future();

    /** The answers of all {@code parts}, in their order, once every one is there. */
    static <T extends @Nullable Object> Step<List<T>> all(List<Step<T>> parts) {
        List<CompletableFuture<T>> futures = null;
        for (Step<T> part : parts) {
            if (part instanceof Later<?>) {
                futures = new ArrayList<>(parts.size());
                break;
            }
        }
        if (futures == null) {
            List<T> values = new ArrayList<>(parts.size());
            for (Step<T> part : parts) {
                values.add(part.value());
            }
            return new Now<>(values);
        }
        for (Step<T> part : parts) {
            futures.add(part.future());
        }
        List<CompletableFuture<T>> all = futures;
        return new Later<>(CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<T> values = new ArrayList<>(all.size());
            for (CompletableFuture<T> future : all) {
                values.add(future.join());
            }
            return values;
        }));
    }

    /** Runs {@code body} again while it answers {@code true}: a loop while the steps are here now. */
    static Step<@Nullable Void> repeat(Supplier<Step<Boolean>> body) {
        while (true) {
            Step<Boolean> more = body.get();
            if (more instanceof Later<?>) {
                return more.then(again -> again ? repeat(body) : nothing());
            }
            if (!more.value()) {
                return nothing();
            }
        }
    }

    private static final class Now<T extends @Nullable Object> extends Step<T> {
        private final T value;

        Now(T value) {
            this.value = value;
        }

        @Override
        <U extends @Nullable Object> Step<U> then(Function<? super T, Step<U>> next) {
            return next.apply(value);
        }

        @Override
        <U extends @Nullable Object> Step<U> map(Function<? super T, ? extends U> f) {
            return new Now<>(f.apply(value));
        }

        @Override
        T value() {
            return value;
        }

        @Override
        CompletableFuture<T> future() {
            return CompletableFuture.completedFuture(value);
        }
    }

    private static final class Later<T extends @Nullable Object> extends Step<T> {
        private final CompletableFuture<T> future;

        Later(CompletableFuture<T> future) {
            this.future = future;
        }

        @Override
        <U extends @Nullable Object> Step<U> then(Function<? super T, Step<U>> next) {
            return new Later<>(future.thenCompose(value -> next.apply(value).future()));
        }

        @Override
        <U extends @Nullable Object> Step<U> map(Function<? super T, ? extends U> f) {
            return new Later<>(future.thenApply(f));
        }

        @Override
        T value() {
            // The synchronous facade never builds a Later; reading one would mean blocking.
            throw new IllegalStateException("an asynchronous step has no value now");
        }

        @Override
        CompletableFuture<T> future() {
            return future;
        }
    }
}
