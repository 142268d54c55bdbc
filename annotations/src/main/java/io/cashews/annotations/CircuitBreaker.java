package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stops calling a failing delegate for a while. Calls and failures of the last {@link #period()}
 * are counted on the backend; once at least {@link #minCalls()} calls were made and
 * {@link #errorsRate()} % or more of them failed, the breaker opens for {@link #ttl()}: calls are
 * refused without reaching the delegate, with {@code io.cashews.CircuitBreakerOpenException} or
 * the answer of the {@link #fallback()} method.
 *
 * <pre>{@code
 * public interface Payments {
 *     @CircuitBreaker(errorsRate = 20, period = "1m", ttl = "30s", minCalls = 10,
 *             exceptions = IOException.class)
 *     Receipt pay(Order order) throws IOException;
 * }
 * }</pre>
 *
 * <p>With a {@link #halfOpenTtl()}, the first call refused by the open breaker starts a half-open
 * phase of that length, in which about every other call is let through to try the delegate.
 * The state lives in the backend, so every process sharing it sees the same breaker; a disabled
 * or unreachable backend never opens it.
 *
 * <p>Key: by default one breaker per method, whatever the arguments:
 * {@code "circuit_breaker:<package>.<Interface>.<method>"}; a {@link #key()} template may name
 * parameters to keep one breaker per value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CircuitBreaker {

    /** The failure percentage, 1 to 100, that opens the breaker. */
    int errorsRate();

    /** The window over which calls and failures are counted: whole seconds or units {@code d h m s ms}. */
    String period();

    /** How long the breaker stays open; must be positive. */
    String ttl();

    /** How long the half-open phase lasts; empty: none (the breaker simply closes after {@link #ttl()}). */
    String halfOpenTtl() default "";

    /** How many calls the window must hold before the breaker may open; at least 1. */
    int minCalls() default 1;

    /**
     * The failures that count (subclasses included); empty: every {@code Exception}, or the types
     * set with {@code Cashews.setDefaultFailExceptions(...)} before the proxy was created.
     */
    Class<? extends Throwable>[] exceptions() default {};

    /** The key template, as in {@link Cache#key()}; empty: one breaker per method. */
    String key() default "";

    /** Put in front of the key with {@code ':'}; empty: no prefix. */
    String prefix() default "circuit_breaker";

    /**
     * The name of another method of the interface that answers refused calls, as in
     * {@link RateLimit#fallback()}. Empty: throw {@code CircuitBreakerOpenException}.
     */
    String fallback() default "";
}
