package io.cashews;

import io.cashews.base.ThreadScopes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The transactions of one {@link Cashews} instance: which one the current thread works in, and
 * how routes are swapped for their transactional wrappers while it does. An open transaction is a
 * frame on the thread's {@link ThreadScopes} stack, so a proxied call made inside it captures it
 * and its asynchronous completions write into it from whatever thread they run on.
 */
final class Transactions {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final ThreadScopes.Kind<Transaction> TRANSACTION = new ThreadScopes.Kind<>("transaction");

    private final Cashews cache;

    Transactions(Cashews cache) {
        this.cache = cache;
    }

    boolean none() {
        return !TRANSACTION.isLive();
    }

    /** The innermost unfinished transaction of this instance in effect on the current thread, or {@code null}. */
    @Nullable Transaction current() {
        if (!TRANSACTION.isLive()) {
            return null;
        }
        Transaction[] found = {null};
        ThreadScopes.forEach(TRANSACTION, tx -> {
            if (found[0] == null && tx.cache() == cache && !tx.finished()) {
                found[0] = tx;
            }
        });
        return found[0];
    }

    Route wrap(Route route) {
        Transaction tx = current();
        return tx == null ? route : tx.route(route);
    }

    CacheTransaction open(@Nullable TransactionMode mode, @Nullable Duration timeout) {
        Transaction outer = current();
        if (outer != null) {
            return outer.joined();
        }
        Duration wait = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (wait.isZero() || wait.isNegative()) {
            throw new IllegalArgumentException("transaction timeout must be positive, got " + wait);
        }
        Transaction tx = new Transaction(cache, mode == null ? TransactionMode.LOCKED : mode, wait);
        tx.attach(ThreadScopes.open(TRANSACTION, tx)::close);
        return tx;
    }

    // AsyncCashews.transaction: open on this thread while the work starts its stage, then detached
    // from it; committed (or rolled back) by the thread that completes the stage.
    <T extends @Nullable Object> CompletableFuture<T> runAsync(@Nullable TransactionMode mode,
            @Nullable Duration timeout, Supplier<? extends CompletionStage<T>> work) {
        Objects.requireNonNull(work, "work");
        CacheTransaction handle;
        try {
            handle = open(mode, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!(handle instanceof Transaction tx)) {
            // Joined an outer transaction, which decides.
            try {
                return work.get().toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(work.get(), "the transaction's work returned no stage");
        } catch (RuntimeException | Error e) {
            tx.close();
            if (e instanceof Error error) {
                throw error;
            }
            return CompletableFuture.failedFuture(e);
        }
        tx.detach();
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            Throwable failure = error;
            try {
                if (error == null) {
                    tx.commit();
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                try {
                    tx.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else if (failure != e) {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }
}
