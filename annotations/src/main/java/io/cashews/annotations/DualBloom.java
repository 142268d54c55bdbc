package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Two Bloom filters in front of a yes/no lookup that learn from the delegate: one holds the
 * elements the delegate answered {@code true} for, the other those it answered {@code false} for.
 * An element found in exactly one filter is answered from it without calling the delegate; an
 * element in neither (or, after a false positive, in both) is answered by the delegate, and a new
 * answer is added to its filter. Both {@code true} and {@code false} answers can thus be served
 * without the delegate; a wrong answer needs a false positive in one filter for an element the
 * other never saw.
 *
 * <p>The method returns {@code boolean}, {@code Boolean}, or a {@code CompletionStage} /
 * {@code CompletableFuture} of {@code Boolean}. The filters are sized like {@link Bloom @Bloom}'s
 * and kept under {@code <prefix>:<package>.<Interface>.<name>:<m>:true} and {@code …:false}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DualBloom {

    /** The filters' name. Empty: the method's name. */
    String name() default "";

    /** How many elements each filter is sized for; positive. */
    long capacity();

    /** The accepted false-positive rate of each filter in percent, strictly between 0 and 100. */
    double falsePositives() default 1;

    /** The element's key template. Empty: every parameter's value in order, joined with {@code ':'}. */
    String key() default "";

    /** The first part of the filters' keys; default {@code "dual_bloom"}. */
    String prefix() default "dual_bloom";
}
