package io.cashews.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: records, for one call of a stacked method, whether the delegate really ran
 * and what it produced. The proxy creates one per call only when a layer that stores real
 * computations (a failover) has other layers inside it; the innermost delegate lambda marks it,
 * so the failover layer can tell a computed value from one an inner cache served. It is passed
 * along explicitly rather than through a thread-local, so it also works when the inner work
 * completes on another thread.
 *
 * <p>A background recompute started by an inner layer (an early or hit refresh) marks it too when
 * it runs the delegate: the value it records is a real computation, so storing it is correct.
 */
public final class Origin {
    private volatile boolean ran;
    private volatile @Nullable Object value;

    /** Creates an unmarked origin. */
    public Origin() {}

    /**
     * Marks that the delegate returned {@code result} and passes it on.
     *
     * @param result what the delegate returned
     * @param <T> the result type
     * @return {@code result}
     */
    public <T extends @Nullable Object> T ran(T result) {
        this.value = result;
        this.ran = true;
        return result;
    }

    /**
     * Marks the origin when the delegate's stage completes normally, before anything that
     * depends on the returned stage runs.
     *
     * Cancelling the stage returned cancels {@code stage} when it is a {@code CompletableFuture}:
     * only a {@linkplain LayerBuilder#cancellable cancellable} layer ever does, for the
     * subscription of a {@code Mono} or {@code Uni}.
     *
     * @param stage what the delegate returned
     * @param <T> the result type
     * @return a stage completing as {@code stage} does, after marking
     */
    public <T extends @Nullable Object> CompletionStage<T> ranAsync(CompletionStage<T> stage) {
        CompletionStage<T> marked = stage.thenApply(this::ran);
        if (stage instanceof CompletableFuture<T> started && marked instanceof CompletableFuture<T> copy) {
            Futures.cancels(copy, started);
        }
        return marked;
    }

    /**
     * Whether the delegate ran for this call.
     *
     * @return {@code true} once {@link #ran} was called
     */
    public boolean delegateRan() {
        return ran;
    }

    /**
     * What the delegate produced; meaningful only when {@link #delegateRan()}.
     *
     * @return the last value the delegate returned for this call
     */
    public @Nullable Object value() {
        return value;
    }
}
