/**
 * The in-memory backend, {@code mem://?size=1000&check_interval=1}, on a bounded Caffeine cache
 * with per-entry expiry read from the instance's {@link io.cashews.time.CacheClock}. It stores the
 * value objects themselves and answers the synchronous commands without allocating on a hit.
 */
@NullMarked
package io.cashews.memory;

import org.jspecify.annotations.NullMarked;
