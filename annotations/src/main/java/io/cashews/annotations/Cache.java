package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the result of an interface method: the first call with a key computes through the
 * delegate and stores the result for {@link #ttl()}; later calls with the same key return the
 * stored value without calling the delegate.
 *
 * <pre>{@code
 * public interface UserService {
 *     @Cache(ttl = "3h", key = "user:{request.user.uid}")
 *     User current(Request request);
 * }
 * }</pre>
 *
 * <p>Methods returning {@code CompletionStage} or {@code CompletableFuture} are cached without
 * blocking a thread. Methods returning {@code Stream<T>}, {@code Iterator<T>} or
 * {@code Flow.Publisher<T>} cache their elements one by one as the consumer takes them
 * ({@code <key>:<n>}), and a completion marker ({@code <key>}) when the sequence ends; a later call
 * replays the elements only if the marker is there, so a sequence that failed or was not consumed
 * to its end is computed again. Every success is stored, {@code null} included, unless a {@link #condition()}
 * says otherwise; exceptions are not stored and reach the caller unchanged, unless listed in
 * {@link #withExceptions()} or {@link #onlyExceptions()}.
 *
 * <p>Stacking: annotations on one method apply like decorators, the first written outermost. At
 * most one of {@code @Cache}, {@code @Hit}, {@code @Dynamic}, {@code @Early} and {@code @Soft}
 * per method; {@link Failover @Failover} may be put over it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Cache {

    /**
     * How long a stored result lives: whole seconds ({@code "600"}) or units {@code d h m s ms}
     * ({@code "1h30m"}). Must be positive; parsed at compile time.
     */
    String ttl();

    /**
     * The key template, for example {@code "user:{request.user.uid}:{name:lower}"}. Placeholders
     * name method parameters and their properties (record components, getters, public fields or
     * {@code Map} entries) and may end in a formatter: {@code lower}, {@code upper}, {@code len},
     * {@code hash}, {@code hash(sha1)}, {@code hash(sha256)}, {@code jwt(claim)}. Empty: a key
     * made of the interface, the method and every parameter,
     * {@code <package>.<Interface>.<method>:<p1>:{p1}:<p2>:{p2}}.
     */
    String key() default "";

    /**
     * Tag templates over the method's parameters, like {@link #key()} ({@code "user:{user.id}"}):
     * every stored result's key is added to each rendered tag, so that
     * {@code cache.deleteTags("user:42")} or {@code @Invalidate(tags = "user:{id}")} deletes it.
     * The proxy registers each template for this annotation's key template itself.
     */
    String[] tags() default {};

    /** Put in front of the key, followed by {@code ':'}, when not empty. */
    String prefix() default "";

    /**
     * A class implementing {@code io.cashews.CacheCondition}, with a public no-argument
     * constructor, that decides whether a computed result is stored ({@code void.class}: store
     * every result). {@code io.cashews.NotNullCondition} stores everything but {@code null} and
     * empty {@code Optional}s.
     */
    Class<?> condition() default void.class;

    /**
     * Store a result only when computing it took at least this long (same syntax as
     * {@link #ttl()}); empty: no time condition. When a {@link #condition()} is set too, both
     * must hold.
     */
    String timeCondition() default "";

    /**
     * A class implementing {@code io.cashews.TtlFunction}, with a public no-argument constructor,
     * that computes the TTL of each stored result from the call's arguments and the result
     * ({@code void.class}: always {@link #ttl()}). The proxy creates it once.
     */
    Class<?> ttlFunction() default void.class;

    /**
     * Take a lock on the backend around a miss so that only one caller, across every process
     * sharing the backend, computes a key; the others wait and then read the stored value.
     */
    boolean lock() default false;

    /**
     * Let concurrent misses of one key inside this JVM share a single computation (default
     * {@code true}).
     */
    boolean protect() default true;

    /**
     * Exceptions to store like results: until the entry expires, calls rethrow the stored
     * exception without calling the delegate ({@code Exception.class}: every exception). Not
     * together with {@link #onlyExceptions()}.
     */
    Class<? extends Throwable>[] withExceptions() default {};

    /**
     * Store only these exceptions, never results: a failing call is remembered for {@link #ttl()},
     * a successful one is computed every time. Not together with {@link #withExceptions()}.
     */
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
