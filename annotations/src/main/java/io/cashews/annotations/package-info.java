/**
 * The annotations of Cashews for Java. Put them on the methods of a service interface; the
 * Cashews annotation processor then writes a {@code <Interface>_Cached} class implementing the
 * interface, which wraps a delegate and a {@code io.cashews.Cashews} instance. Every value given
 * here (TTL strings, key templates, option ranges) is checked at compile time, with the error on
 * the annotation value that is wrong.
 *
 * <p>This module holds only annotations, all with class retention: the processor reads them from
 * compiled classes too, so an interface extending an annotated interface of a jar or another module
 * inherits its caching. Nothing of this module is needed at run time.
 */
package io.cashews.annotations;
