/**
 * The Cashews runtime: the {@link io.cashews.Cashews} facade that generated proxies and user code
 * call, its {@link io.cashews.AsyncCashews asynchronous view}, the {@link io.cashews.Backend}
 * that each {@code setup(url)} creates, TTL parsing ({@link io.cashews.Ttl}), key context values
 * ({@link io.cashews.KeyContext}) and the exceptions, all unchecked and rooted at
 * {@link io.cashews.CacheException}.
 */
@NullMarked
package io.cashews;

import org.jspecify.annotations.NullMarked;
