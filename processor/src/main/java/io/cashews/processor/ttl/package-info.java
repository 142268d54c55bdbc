/**
 * Compile-time parsing of TTL strings (SPEC §6): a whole number of seconds such as {@code "600"},
 * or Go-style groups such as {@code "1d2h3m50s"} with the units {@code d}, {@code h}, {@code m},
 * {@code s} and {@code ms}. {@link io.cashews.processor.ttl.TtlParser} turns a string into
 * milliseconds so that the generated proxy holds a constant; it is plain Java with no
 * {@code javax.lang.model} dependency, and every error carries the offset of the offending
 * character.
 */
@NullMarked
package io.cashews.processor.ttl;

import org.jspecify.annotations.NullMarked;
