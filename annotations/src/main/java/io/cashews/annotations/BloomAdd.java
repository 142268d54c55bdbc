package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds elements to the Bloom filter of the {@link Bloom @Bloom} method with the same
 * {@link #name()} in the same interface: the delegate is called, and when it returns normally
 * with a truthy result ({@code true}, or any non-null value other than {@code false}) the
 * element's bits are set. The method must have the same parameter types as its {@code @Bloom}
 * sibling (checked at compile time); its own result is returned unchanged.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface BloomAdd {

    /** The name of the {@link Bloom @Bloom} filter to add to. Empty: this method's own name. */
    String name() default "";

    /**
     * The element's key template; it must render the same text as the sibling's key for the same
     * element. Empty: every parameter's value in order, joined with {@code ':'}.
     */
    String key() default "";

    /** The first part of the filter's key; must match the sibling's, default {@code "bloom"}. */
    String prefix() default "bloom";
}
