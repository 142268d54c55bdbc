/**
 * Time as Cashews sees it. Every expiry, lock wait and timing measurement in the runtime reads a
 * {@link io.cashews.time.CacheClock} injected through {@link io.cashews.Cashews#builder()}, so
 * tests advance a {@link io.cashews.time.ManualClock} instead of sleeping.
 */
@NullMarked
package io.cashews.time;

import org.jspecify.annotations.NullMarked;
