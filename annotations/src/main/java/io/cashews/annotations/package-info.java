/**
 * The annotations of Cashews for Java. Put them on the methods of a service interface; the
 * Cashews annotation processor then writes a {@code <Interface>_Cached} class implementing the
 * interface, which wraps a delegate and a {@code io.cashews.Cashews} instance. Every value given
 * here (TTL strings, key templates, option ranges) is checked at compile time, with the error on
 * the annotation value that is wrong.
 *
 * <p>This module holds only annotations, with source retention (class retention for
 * {@link io.cashews.annotations.KeyFormatter} and {@link io.cashews.annotations.KeyFormatters},
 * which the processor reads from compiled classes): nothing of it is needed at run time.
 */
package io.cashews.annotations;
