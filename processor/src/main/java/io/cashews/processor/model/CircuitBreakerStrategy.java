package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @CircuitBreaker}.
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key the breaker's key
 * @param errorsRate the error percentage that opens the circuit
 * @param periodMillis the period errors are counted over
 * @param ttlMillis how long the circuit stays open
 * @param halfOpenTtlMillis how long it stays half-open, {@code 0} for none
 * @param minCalls the calls needed in a period before the rate counts
 * @param exceptions the counted exceptions, empty for all
 * @param fallback the method answering refused calls, or {@code null}
 */
public record CircuitBreakerStrategy(String template, KeyPlan key, int errorsRate, long periodMillis, long ttlMillis,
        long halfOpenTtlMillis, int minCalls, List<TypeRef> exceptions, @Nullable FallbackPlan fallback)
        implements Strategy {

    public CircuitBreakerStrategy {
        exceptions = List.copyOf(exceptions);
    }

    @Override
    public boolean needsArguments() {
        return fallback != null;
    }
}
