package io.cashews.redis;

import io.cashews.annotations.Cache;
import io.cashews.annotations.Invalidate;
import java.util.concurrent.CompletableFuture;

/**
 * A proxied service that hostile writers ({@link RedisHostileValuesTest}) and hostile callers
 * ({@link RedisHostileKeysTest}) try.
 */
public interface Catalog {

    @Cache(ttl = "1h", key = "item:{id}")
    String item(String id);

    @Cache(ttl = "1h", key = "item-async:{id}")
    CompletableFuture<String> itemAsync(String id);

    @Cache(ttl = "1h", key = "acl:{user}:{resource}")
    String allowed(String user, String resource);

    @Invalidate("item:{id}")
    default void drop(String id) {
    }

    @Invalidate("item:{id}*")
    default void dropStartingWith(String id) {
    }
}
