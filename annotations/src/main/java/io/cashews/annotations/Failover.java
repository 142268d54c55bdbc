package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves the last good result when the call fails: every call runs through to the delegate (or
 * the next annotation); each success is stored for {@link #ttl()}; when the call throws one of
 * {@link #exceptions()}, the stored result is returned instead, and without one the exception
 * propagates.
 *
 * <pre>{@code
 * @Failover(ttl = "2h", exceptions = IOException.class)
 * @Cache(ttl = "10m")
 * CompletableFuture<Status> status(String name);
 * }</pre>
 *
 * <p>Stacking: annotations apply like decorators, the first written outermost. {@code @Failover}
 * combines with every other annotation; over a value cache ({@code @Cache}, {@code @Hit},
 * {@code @Dynamic}, {@code @Early}, {@code @Soft}) it stores only results the delegate really
 * computed during the call, never a value the cache served. It cannot be repeated.
 *
 * <p>Key: {@code "fail:"} (the {@link #prefix()}) in front of the key template.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Failover {

    /** How long the last good result is kept: {@code "600"} seconds or units {@code d h m s ms}; positive. */
    String ttl();

    /**
     * The exceptions that are answered with the stored result; empty: every {@code Exception}, or
     * the types set with {@code Cashews.setDefaultFailExceptions(...)} before the proxy was created.
     * Errors ({@code java.lang.Error}) are never caught.
     */
    Class<? extends Throwable>[] exceptions() default {};

    /** The key template, as in {@link Cache#key()}; empty: derived from the method and its parameters. */
    String key() default "";

    /**
     * Tag templates over the method's parameters, like {@link #key()} ({@code "user:{user.id}"}):
     * every stored result's key is added to each rendered tag, so that
     * {@code cache.deleteTags("user:42")} or {@code @Invalidate(tags = "user:{id}")} deletes it.
     * The proxy registers each template for this annotation's key template itself.
     */
    String[] tags() default {};

    /** Put in front of the key with {@code ':'}; empty: no prefix. */
    String prefix() default "fail";

    /**
     * A class implementing {@code io.cashews.CacheCondition} that decides which results are
     * stored; {@code void.class}: every result, {@code null} included.
     */
    Class<?> condition() default void.class;

    /** Store a result only when computing it took at least this long; empty: always. Both conditions must hold. */
    String timeCondition() default "";

    /**
     * A manual part of the stored values' fingerprint, for a change their shape cannot show: the
     * same fields with a new meaning, a changed library class, a fix to how results are
     * computed. Values written under another version read as misses and are recomputed (on
     * Redis and disk; the memory backend lives no longer than the code). The processor also
     * fingerprints the result type's shape itself (record components, enum constants, fields,
     * permitted subtypes; see {@code docs/generated-code.md}). Empty by default: the shape alone;
     * otherwise printable text without leading or trailing spaces, such as {@code "2"} or
     * {@code "2026-12-price-in-cents"}.
     *
     * @return the version, empty for none
     */
    String version() default "";
}
