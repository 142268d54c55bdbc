package io.cashews.benchmarks;

import org.springframework.cache.annotation.Cacheable;

/** The same lookup cached by Spring's {@code @Cacheable} (default key generator). */
public interface SpringCatalog {

    /** Cached by Spring under the key {@code SimpleKey(shop, id)}. */
    @Cacheable("items")
    Item item(String shop, long id);
}
