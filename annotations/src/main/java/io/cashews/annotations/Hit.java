package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a result for a number of hits: a stored result serves {@link #cacheHits()} calls, then
 * the next call computes again. With {@link #updateAfter()}, the hit that reaches that count also
 * starts a recompute in the background (on the cache instance's executor) while still returning
 * the stored result, and the count starts over when the new result is stored.
 *
 * <pre>{@code
 * @Hit(ttl = "1h", cacheHits = 100, updateAfter = 80)
 * Rates rates(String currency);
 * }</pre>
 *
 * <p>With {@code cacheHits = 3}, nine calls return computations 1,1,1,1,2,2,2,2,3; with
 * {@code updateAfter = 2} as well (and an executor that runs at once), 1,1,1,2,2,3,3,4,4.
 *
 * <p>Keys: {@code "hit:"} (the {@link #prefix()}) in front of the key template for the value,
 * and the same key with {@code ":counter"} for the hit counter, both living for {@link #ttl()}.
 *
 * <p>Stacking: at most one of {@code @Cache}, {@code @Hit}, {@code @Dynamic}, {@code @Early} and
 * {@code @Soft} per method; {@code @Failover} may be put over it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Hit {

    /** How long a stored result (and its counter) lives at most; positive. */
    String ttl();

    /** How many calls one stored result serves; at least 1. */
    int cacheHits();

    /**
     * The hit count at which a background recompute starts; {@code 0}: never. Must be less than
     * {@link #cacheHits()}.
     */
    int updateAfter() default 0;

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
    String prefix() default "hit";

    /** A class implementing {@code io.cashews.CacheCondition} deciding which results are stored. */
    Class<?> condition() default void.class;

    /** Store a result only when computing it took at least this long; empty: always. Both conditions must hold. */
    String timeCondition() default "";

    /**
     * Exceptions to store like results: until the entry runs out, hits rethrow the stored
     * exception. Not together with {@link #onlyExceptions()}.
     */
    Class<? extends Throwable>[] withExceptions() default {};

    /** Store only these exceptions, never results. Not together with {@link #withExceptions()}. */
    Class<? extends Throwable>[] onlyExceptions() default {};

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
