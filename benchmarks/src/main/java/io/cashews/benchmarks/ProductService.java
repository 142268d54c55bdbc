package io.cashews.benchmarks;

import io.cashews.annotations.Cache;
import java.util.concurrent.CompletableFuture;

/** The service behind {@link RedisBenchmark}; the processor writes {@code ProductService_Cached}. */
public interface ProductService {

    /**
     * A sync lookup.
     *
     * @param sku the product
     * @return the product
     */
    @Cache(ttl = "10m", key = "product:{sku}")
    Product product(String sku);

    /**
     * The same lookup, asynchronous.
     *
     * @param sku the product
     * @return the product, when loaded
     */
    @Cache(ttl = "10m", key = "product-async:{sku}")
    CompletableFuture<Product> productAsync(String sku);
}
