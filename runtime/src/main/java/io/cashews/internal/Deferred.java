package io.cashews.internal;

import io.cashews.base.ScopeSnapshot;
import io.cashews.base.ThreadScopes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the asynchronous call of a lazy result (a Reactor {@code Mono}, a Mutiny
 * {@code Uni}), deferred to each subscription. The proxy renders the keys when the method is
 * called and hands the rest of the call, the layers' {@code callAsync} chain, to
 * {@link #async}; {@code Mono.fromFuture(supplier, false)} or
 * {@code Uni.createFrom().completionStage(supplier)} calls the supplier once per subscription and
 * cancels the future it got when the subscription is cancelled.
 */
public final class Deferred {
    private Deferred() {}

    /**
     * Defers {@code call} to each call of the returned supplier, which runs it with the scopes
     * (detect, disabling, transactions, {@code invalidateFurther}, …) the current thread has now,
     * when the proxied method is called, whichever thread subscribes later, as every proxied call
     * captures them when it is made.
     *
     * @param call starts the layers for one subscription; it creates whatever belongs to one
     *     subscription (an {@code Origin}) itself
     * @param <T> the type the result completes with
     * @return a supplier of one new future per call
     */
    public static <T extends @Nullable Object> Supplier<CompletableFuture<T>> async(Supplier<CompletableFuture<T>> call) {
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        return () -> {
            try (ThreadScopes.Frame installed = scopes.install()) {
                return call.get();
            }
        };
    }
}
