package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets at most one call per key run at a time, across every process that shares the backend: a
 * lock is taken on the backend before the delegate runs and released when it returns or throws.
 * Nothing is cached.
 *
 * <pre>{@code
 * public interface Reports {
 *     @Locked(ttl = "5m", key = "report:{day}")
 *     Report build(LocalDate day);
 * }
 * }</pre>
 *
 * <p>A call that finds the lock held waits for it, checking every {@link #checkInterval()}, or,
 * with {@code waitForLock = false}, fails at once with {@code io.cashews.LockedException}. Methods
 * returning {@code CompletionStage} or {@code CompletableFuture} wait without blocking a thread
 * and hold the lock until their stage completes. When locks are disabled or the backend cannot be
 * reached, calls run without a lock.
 *
 * <p>Key: {@code "locked:"} (the {@link #prefix()}) in front of the key template.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Locked {

    /**
     * How long the lock holds at most, so that a crashed holder cannot keep it forever: whole
     * seconds or units {@code d h m s ms}; must be positive.
     */
    String ttl();

    /** The key template, as in {@link Cache#key()}; empty: derived from the method and its parameters. */
    String key() default "";

    /** Put in front of the key with {@code ':'}; empty: no prefix. */
    String prefix() default "locked";

    /**
     * Whether a call waits for a held lock ({@code true}) or throws {@code LockedException}.
     * (Named {@code waitForLock} rather than cashews' {@code wait}: an annotation member cannot be
     * called {@code wait}, which would override the final {@code Object.wait()}.)
     */
    boolean waitForLock() default true;

    /**
     * The pause between attempts while waiting, as a TTL string; empty: a pause growing from
     * 1 ms to 50 ms. Must be positive when given.
     */
    String checkInterval() default "";
}
