package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a Bloom filter in front of a yes/no lookup: when the filter says the element was never
 * added, the method answers {@code false} without calling the delegate. Elements are added by a
 * sibling method annotated {@link BloomAdd @BloomAdd} with the same {@link #name()} and the same
 * parameter types (both checked at compile time).
 *
 * <pre>{@code
 * public interface Emails {
 *     @Bloom(name = "emails", capacity = 1_000_000, falsePositives = 1)
 *     boolean isRegistered(String email);
 *
 *     @BloomAdd(name = "emails")
 *     boolean register(String email);
 * }
 * }</pre>
 *
 * <p>The method returns {@code boolean}, {@code Boolean}, or a {@code CompletionStage} /
 * {@code CompletableFuture} of {@code Boolean}. The filter has
 * {@code m = ceil(-capacity · ln p / ln² 2)} bits and {@code k = round(m / capacity · ln 2)} hash
 * functions ({@code p = falsePositives / 100}), kept in the backend under
 * {@code <prefix>:<package>.<Interface>.<name>:<m>}, without expiry, so every process sharing the
 * backend shares the filter. The element is the rendered {@link #key()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Bloom {

    /**
     * The filter's name, shared with its {@link BloomAdd @BloomAdd} sibling. Empty: the method's
     * own name (the sibling then writes that name).
     */
    String name() default "";

    /** How many elements the filter is sized for; positive. */
    long capacity();

    /** The accepted false-positive rate in percent, strictly between 0 and 100; default 1 %. */
    double falsePositives() default 1;

    /**
     * Whether a "probably added" answer of the filter is confirmed by calling the delegate
     * (default). {@code false} answers {@code true} at once, accepting false positives.
     */
    boolean checkFalsePositive() default true;

    /**
     * The element's key template. Empty: every parameter's value in order, joined with
     * {@code ':'} ({@code "{p1}:{p2}"}), so that the {@code @BloomAdd} sibling, whose parameters
     * may be named differently, renders the same element.
     */
    String key() default "";

    /** The first part of the filter's key; default {@code "bloom"}. */
    String prefix() default "bloom";
}
