package io.cashews.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * In-process sharing of one computation per key ({@code protect = true}): concurrent callers with
 * the same key get the first caller's result or exception. Sync and async callers use separate
 * registries (a method is one or the other).
 */
final class SingleFlight {
    private final ConcurrentHashMap<String, CompletableFuture<@Nullable Object>> sync = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<@Nullable Object>> async = new ConcurrentHashMap<>();

    /** Runs {@code work} unless it already runs for {@code key}; then waits for that run. */
    <T extends @Nullable Object, E extends Exception> T run(String key, Loader<T, E> work) throws E {
        CompletableFuture<@Nullable Object> mine = new CompletableFuture<>();
        CompletableFuture<@Nullable Object> running = sync.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return CacheMethod.value(running.join());
            } catch (CompletionException e) {
                throw Futures.<RuntimeException>sneaky(Futures.unwrap(e));
            }
        }
        try {
            T result = work.load();
            sync.remove(key, mine);
            mine.complete(result);
            return result;
        } catch (Throwable failure) {
            sync.remove(key, mine);
            mine.completeExceptionally(failure);
            throw failure;
        }
    }

    /** Starts {@code work} unless it already runs for {@code key}; each caller gets its own future. */
    <T extends @Nullable Object> CompletableFuture<T> runAsync(String key, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<@Nullable Object> mine = new CompletableFuture<>();
        CompletableFuture<@Nullable Object> running = async.putIfAbsent(key, mine);
        if (running == null) {
            Futures.guard(work).whenComplete((value, error) -> {
                async.remove(key, mine);
                if (error != null) {
                    mine.completeExceptionally(Futures.unwrap(error));
                } else {
                    mine.complete(value);
                }
            });
            running = mine;
        }
        CompletableFuture<T> copy = new CompletableFuture<>();
        running.whenComplete((value, error) -> {
            if (error != null) {
                copy.completeExceptionally(Futures.unwrap(error));
            } else {
                copy.complete(CacheMethod.value(value));
            }
        });
        return copy;
    }
}
