package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each call in a cache transaction: the cache writes the call makes (directly or through
 * other proxied methods) are buffered, the call's reads see them, and they are committed when the
 * call returns normally, or rolled back when it throws. A method returning {@code CompletionStage}
 * or {@code CompletableFuture} commits when its stage completes normally and rolls back when it
 * fails, without blocking a thread. A call made inside an open transaction joins it.
 *
 * <pre>{@code
 * public interface Orders {
 *     @CacheTransaction(mode = CacheTransaction.Mode.SERIALIZABLE, timeout = "2s")
 *     Receipt place(Order order);
 * }
 * }</pre>
 *
 * <p>See {@code io.cashews.Cashews#transaction} for what is buffered and how the modes isolate
 * transactions from each other.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CacheTransaction {

    /** How the transaction isolates its writes; mirrors {@code io.cashews.TransactionMode}. */
    enum Mode {
        /** Buffering only, no locks: concurrent transactions may lose updates. */
        FAST,
        /** A backend lock per written key, held until commit or rollback. */
        LOCKED,
        /** One backend lock for every writing transaction: they run one at a time. */
        SERIALIZABLE
    }

    /** The isolation mode; default {@link Mode#LOCKED}. */
    Mode mode() default Mode.LOCKED;

    /**
     * How long a write waits for a lock (and how long a lock holds at most): whole seconds or
     * units {@code d h m s ms}; must be positive. Default ten seconds.
     */
    String timeout() default "10s";
}
