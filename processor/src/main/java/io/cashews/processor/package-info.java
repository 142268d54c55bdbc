/**
 * The Cashews annotation processor. {@link io.cashews.processor.CashewsProcessor} is the only
 * public type: it scans interfaces whose methods carry Cashews annotations, validates them into an
 * immutable model (records created only by the validators in this package) and writes one
 * {@code X_Cached} proxy per interface with JavaPoet. Every other type here is package-private.
 *
 * <p>The three stages are kept apart: scanning and validation see {@code javax.lang.model}
 * elements and mirrors; the writer sees only model records made of JavaPoet names, strings and
 * numbers, plus the interface element passed through untouched as the originating element.
 */
@NullMarked
package io.cashews.processor;

import org.jspecify.annotations.NullMarked;
