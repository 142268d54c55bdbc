package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refreshes a result before it expires, without making anyone wait: a stored result is fresh for
 * {@link #earlyTtl()}; after that, calls keep getting it while one recompute runs in the
 * background on the cache instance's executor, and it expires for good after {@link #ttl()}.
 * Across every process sharing the backend, at most one recompute per key runs per
 * {@code earlyTtl} window (a {@code ":lock"} key on the backend).
 *
 * <pre>{@code
 * @Early(ttl = "10m", earlyTtl = "7m")
 * Forecast forecast(String city);
 * }</pre>
 *
 * <p>Keys: {@code "early:v2:"} (the {@link #prefix()} followed by {@code ":v2"}) in front of the
 * key template; the stored value carries the time it turns stale.
 *
 * <p>Stacking: at most one of {@code @Cache}, {@code @Hit}, {@code @Dynamic}, {@code @Early} and
 * {@code @Soft} per method; {@code @Failover} may be put over it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Early {

    /** How long a stored result lives at most; positive. */
    String ttl();

    /** How long a stored result is fresh; shorter than {@link #ttl()}; empty: a third of it. */
    String earlyTtl() default "";

    /** The key template, as in {@link Cache#key()}; empty: derived from the method and its parameters. */
    String key() default "";

    /**
     * Tag templates over the method's parameters, like {@link #key()} ({@code "user:{user.id}"}):
     * every stored result's key is added to each rendered tag, so that
     * {@code cache.deleteTags("user:42")} or {@code @Invalidate(tags = "user:{id}")} deletes it.
     * The proxy registers each template for this annotation's key template itself.
     */
    String[] tags() default {};

    /**
     * Put in front of the key, followed by {@code ":v2:"} (the version of the stored layout, as
     * cashews writes it); empty: the key starts with {@code "v2:"}.
     */
    String prefix() default "early";

    /** A class implementing {@code io.cashews.CacheCondition} deciding which results are stored. */
    Class<?> condition() default void.class;

    /** Store a result only when computing it took at least this long; empty: always. Both conditions must hold. */
    String timeCondition() default "";

    /** Exceptions to store like results and rethrow on hits. Not together with {@link #onlyExceptions()}. */
    Class<? extends Throwable>[] withExceptions() default {};

    /** Store only these exceptions, never results. Not together with {@link #withExceptions()}. */
    Class<? extends Throwable>[] onlyExceptions() default {};

    /** Let concurrent misses of one key inside this JVM share a single computation (default {@code true}). */
    boolean protect() default true;

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
