/**
 * The Cashews annotation processor. {@link io.cashews.processor.CashewsProcessor} is the only
 * public API: it scans interfaces whose methods carry Cashews annotations, has the
 * {@code validation} package turn each into an immutable {@code model} and the {@code writing}
 * package write one {@code X_Cached} proxy per interface with JavaPoet. The stages are packages
 * with walls between them ({@code model} imports neither the validator nor the writer nor
 * JavaPoet; the writer never imports the validator), which {@code StageWallsTest} checks; only
 * this package sees all of them. The other packages are internal: their public types are public
 * only so that the stages can reach each other.
 */
@NullMarked
package io.cashews.processor;

import org.jspecify.annotations.NullMarked;
