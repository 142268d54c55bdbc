/**
 * A JSR-107 (JCache 1.1.1) caching provider over any Cashews backend: {@code mem://}, Redis or
 * {@code disk://}, chosen by the cache manager's URI, which is a Cashews URL.
 * {@link io.cashews.jcache.CashewsCachingProvider} is found by {@code Caching.getCachingProvider()}
 * through {@link java.util.ServiceLoader}; the official TCK runs against it on every backend.
 */
@NullMarked
package io.cashews.jcache;

import org.jspecify.annotations.NullMarked;
