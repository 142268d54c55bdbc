package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits calls per key to {@link #limit()} in a fixed window of {@link #period()}, counted on the
 * backend so that every process sharing it shares the limit. The window starts at the first call;
 * a call beyond the limit is refused with {@code io.cashews.RateLimitException}, or answered by
 * the {@link #fallback()} method.
 *
 * <pre>{@code
 * public interface Api {
 *     @RateLimit(limit = 100, period = "1m", key = "api:{user.id}", fallback = "busy")
 *     Answer ask(User user, String question);
 *
 *     Answer busy(User user, String question);
 * }
 * }</pre>
 *
 * <p>With a {@link #ttl()}, the first refused call bans the key for that long: every call is
 * refused until the ban ends, even in a new window. Refused calls count too. A disabled or
 * unreachable backend limits nothing.
 *
 * <p>Key: {@code "rate_limit:"} (the {@link #prefix()}) in front of the key template.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RateLimit {

    /** How many calls a window accepts; must be positive. */
    int limit();

    /** The length of a window: whole seconds or units {@code d h m s ms}; must be positive. */
    String period();

    /** How long a key stays refused after its first refused call; empty: no ban. */
    String ttl() default "";

    /** The key template, as in {@link Cache#key()}; empty: derived from the method and its parameters. */
    String key() default "";

    /** Put in front of the key with {@code ':'}; empty: no prefix. */
    String prefix() default "rate_limit";

    /**
     * The name of another method of the interface that answers refused calls: same parameter
     * types, a return type assignable to this method's, no checked exception this method does not
     * declare. It is called on the proxy, so it may be cached itself. Empty: throw
     * {@code RateLimitException}.
     */
    String fallback() default "";
}
