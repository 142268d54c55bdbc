package io.cashews.internal;

import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code fallback} method of a {@code @RateLimit}, {@code @SliceRateLimit}
 * or {@code @CircuitBreaker}, called on the proxy itself (so the fallback may be cached in turn)
 * instead of throwing when the call is refused.
 *
 * <p>The processor checks at compile time that the fallback takes the same parameters as the
 * limited method, returns a compatible type and throws no checked exception the limited method
 * does not declare; the generated lambda casts the arguments back to their types.
 */
@FunctionalInterface
public interface Fallback {

    /**
     * Calls the fallback method with the refused call's arguments.
     *
     * @param args the arguments of the refused call, in order
     * @return what the fallback returned ({@code null} for a {@code void} method); for an
     *     asynchronous method, its {@code CompletionStage}
     * @throws Exception whatever the fallback method throws
     */
    @Nullable Object call(@Nullable Object[] args) throws Exception;
}
