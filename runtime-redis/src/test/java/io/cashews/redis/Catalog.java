package io.cashews.redis;

import io.cashews.annotations.Cache;
import java.util.concurrent.CompletableFuture;

/** A proxied service whose stored values a hostile writer replaces ({@link RedisHostileValuesTest}). */
public interface Catalog {

    @Cache(ttl = "1h", key = "item:{id}")
    String item(String id);

    @Cache(ttl = "1h", key = "item-async:{id}")
    CompletableFuture<String> itemAsync(String id);
}
