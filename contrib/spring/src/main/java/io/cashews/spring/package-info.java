/**
 * Spring's cache abstraction on Cashews (SPEC §15): {@link io.cashews.spring.CashewsCacheManager}
 * gives {@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict} and {@code sync = true} the
 * backends of one {@link io.cashews.Cashews} instance ({@code mem://}, {@code redis://},
 * {@code disk://}), each Spring cache under its own key prefix.
 */
@NullMarked
package io.cashews.spring;

import org.jspecify.annotations.NullMarked;
