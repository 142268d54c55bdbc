/**
 * Micrometer meters for Cashews: {@link io.cashews.micrometer.CashewsMetrics} turns an instance's
 * cache events (what every strategy and facade command did, per key template) into
 * {@code cache.gets}, {@code cache.puts}, {@code cache.removals}, {@code cache.loads} and the
 * strategies' own {@code cashews.*} meters; {@link io.cashews.micrometer.CashewsCommandTimer} is a
 * middleware timing every backend command.
 */
@NullMarked
package io.cashews.micrometer;

import org.jspecify.annotations.NullMarked;
