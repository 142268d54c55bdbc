package io.cashews.internal;

import io.cashews.codec.CachedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Small future and exception helpers the strategies share. */
final class Futures {
    private Futures() {}

    /** Strips the wrappers dependent futures add, so callers see the delegate's own exception. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Throws any throwable without declaring it: rethrows what the method itself may throw. */
    @SuppressWarnings("unchecked")
    static <X extends Throwable> X sneaky(Throwable failure) throws X {
        throw (X) failure;
    }

    /** Starts asynchronous work, turning a synchronous throw or a {@code null} stage into a failed future. */
    static <T extends @Nullable Object> CompletableFuture<T> start(Supplier<? extends @Nullable CompletionStage<T>> work) {
        CompletionStage<T> stage;
        try {
            stage = work.get();
        } catch (Throwable thrown) {
            return CompletableFuture.failedFuture(thrown);
        }
        if (stage == null) {
            return CompletableFuture.failedFuture(new NullPointerException("the delegate returned a null CompletionStage"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /** A future completed with {@code stored}'s value, or failed with the exception it holds. */
    static <T extends @Nullable Object> CompletableFuture<T> served(@Nullable Object stored) {
        if (stored instanceof CachedException cached) {
            return CompletableFuture.failedFuture(cached.error());
        }
        return CompletableFuture.completedFuture(CacheMethod.<T>value(stored));
    }

    /** Reads a command's future without letting a synchronous throw escape. */
    static <T extends @Nullable Object> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> command) {
        try {
            return command.get();
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
