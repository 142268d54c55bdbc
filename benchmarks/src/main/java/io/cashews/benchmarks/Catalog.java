package io.cashews.benchmarks;

import io.cashews.annotations.Cache;
import java.util.concurrent.CompletableFuture;

/** The service under benchmark; the processor writes {@code Catalog_Cached}. */
public interface Catalog {

    /** A sync lookup with a two-parameter key template. */
    @Cache(ttl = "10m", key = "item:{shop}:{id}")
    Item item(String shop, long id);

    /** The same lookup, asynchronous. */
    @Cache(ttl = "10m", key = "item-async:{shop}:{id}")
    CompletableFuture<Item> itemAsync(String shop, long id);
}
