package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits calls per key to {@link #limit()} in any sliding window of {@link #period()}: a call is
 * accepted when fewer than {@code limit} calls were accepted in the period before it. Counted on
 * the backend (a window of timestamps), so every process sharing it shares the limit. A refused
 * call is not recorded; it throws {@code io.cashews.RateLimitException} or is answered by the
 * {@link #fallback()} method. A disabled or unreachable backend limits nothing.
 *
 * <pre>{@code
 * public interface Mailer {
 *     @SliceRateLimit(limit = 5, period = "1h", key = "mail:{to}")
 *     void send(String to, String text);
 * }
 * }</pre>
 *
 * <p>Key: {@code "srl:"} (the {@link #prefix()}) in front of the key template.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SliceRateLimit {

    /** How many calls the window holds; must be positive. */
    int limit();

    /** The length of the window: whole seconds or units {@code d h m s ms}; must be positive. */
    String period();

    /** The key template, as in {@link Cache#key()}; empty: derived from the method and its parameters. */
    String key() default "";

    /** Put in front of the key with {@code ':'}; empty: no prefix. */
    String prefix() default "srl";

    /**
     * The name of another method of the interface that answers refused calls, as in
     * {@link RateLimit#fallback()}. Empty: throw {@code RateLimitException}.
     */
    String fallback() default "";
}
