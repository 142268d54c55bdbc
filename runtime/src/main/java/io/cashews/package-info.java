/**
 * The Cashews runtime: the {@link io.cashews.Cashews} facade that generated proxies and user code
 * call, its {@link io.cashews.AsyncCashews asynchronous view}, the {@link io.cashews.spi.Backend}
 * that each {@code setup(url)} creates, TTL parsing ({@link io.cashews.Ttl}), key context values
 * ({@link io.cashews.KeyContext}) and the exceptions, all unchecked and rooted at
 * {@link io.cashews.CacheException}. Commands can pass through {@link io.cashews.Middleware}
 * chains and be reported to {@link io.cashews.CacheCallback}s; {@link io.cashews.Detect} scopes
 * record the hits strategies serve. Thread-bound scopes ({@code disabling}, {@code detect},
 * {@code KeyContext.with}, callbacks, transactions) are captured by proxied calls, so their
 * asynchronous completions honour them on any thread. Values can carry tags (sets
 * {@code _tag:<tag>} on the backend serving that prefix) registered against key templates, and
 * {@code invalidateFurther()} scopes turn reads into deletions.
 *
 * <p>Inside the package, both facades are thin layers over the package-private
 * {@code CommandCore}, which writes each command's rule once (validation, command switches,
 * routing, grouping by backend, untagging), helped by {@code Router} (setup and routing),
 * {@code CommandSwitches}, {@code Tags} and {@code Locks}; a {@code Flow} makes the backend calls
 * of a command blocking or asynchronous.
 */
@NullMarked
package io.cashews;

import org.jspecify.annotations.NullMarked;
