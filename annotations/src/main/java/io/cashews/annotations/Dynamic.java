package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a popular result fresh: {@link Hit @Hit} with {@code cacheHits = 3} and
 * {@code updateAfter = 1}, so every first hit on a stored result refreshes it in the background,
 * and a result nobody asks for expires after {@link #ttl()} (default one day).
 *
 * <p>Keys: {@code "dynamic:"} (the {@link #prefix()}) in front of the key template, plus
 * {@code ":counter"} for the hit counter.
 *
 * <p>Stacking: at most one of {@code @Cache}, {@code @Hit}, {@code @Dynamic}, {@code @Early} and
 * {@code @Soft} per method; {@code @Failover} may be put over it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Dynamic {

    /** How long an unused result lives; positive; default one day. */
    String ttl() default "1d";

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
    String prefix() default "dynamic";

    /** A class implementing {@code io.cashews.CacheCondition} deciding which results are stored. */
    Class<?> condition() default void.class;

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
