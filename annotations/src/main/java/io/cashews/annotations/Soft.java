package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Recomputes a result once it is old, but keeps it as a fallback: a stored result is served for
 * {@link #softTtl()}; after that the caller computes again, and if that throws one of
 * {@link #exceptions()} the old result is returned instead, until {@link #ttl()} ends it.
 *
 * <pre>{@code
 * @Soft(ttl = "1d", softTtl = "5m", exceptions = IOException.class)
 * Price price(String sku) throws IOException;
 * }</pre>
 *
 * <p>Keys: {@code "soft:"} (the {@link #prefix()}) in front of the key template; the stored
 * value carries the time it turns soft.
 *
 * <p>Stacking: at most one of {@code @Cache}, {@code @Hit}, {@code @Dynamic}, {@code @Early} and
 * {@code @Soft} per method; {@code @Failover} may be put over it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Soft {

    /** How long a stored result can serve as a fallback; positive. */
    String ttl();

    /** How long a stored result is served without recomputing; shorter than {@link #ttl()}; empty: a third of it. */
    String softTtl() default "";

    /** The exceptions answered with the old result; empty: every {@code Exception}. */
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
    String prefix() default "soft";

    /** A class implementing {@code io.cashews.CacheCondition} deciding which results are stored. */
    Class<?> condition() default void.class;

    /** Store a result only when computing it took at least this long; empty: always. Both conditions must hold. */
    String timeCondition() default "";

    /** Let concurrent recomputes of one key inside this JVM share a single computation (default {@code true}). */
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
