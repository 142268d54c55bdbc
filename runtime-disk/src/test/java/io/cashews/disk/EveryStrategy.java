package io.cashews.disk;

import io.cashews.annotations.Bloom;
import io.cashews.annotations.BloomAdd;
import io.cashews.annotations.Cache;
import io.cashews.annotations.CacheTransaction;
import io.cashews.annotations.CircuitBreaker;
import io.cashews.annotations.DualBloom;
import io.cashews.annotations.Dynamic;
import io.cashews.annotations.Early;
import io.cashews.annotations.Failover;
import io.cashews.annotations.Hit;
import io.cashews.annotations.Invalidate;
import io.cashews.annotations.Locked;
import io.cashews.annotations.RateLimit;
import io.cashews.annotations.SliceRateLimit;
import io.cashews.annotations.Soft;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * One method per strategy and result shape, so that {@link DiskArchitectureTest} scans a
 * generated proxy that calls every layer of the runtime (the proxy is compiled here by the
 * processor, as an application's would be). Nothing calls it.
 */
public interface EveryStrategy {

    /** A value with a property path for key templates. */
    record Item(String id, List<String> tags) {
    }

    @Cache(ttl = "1h", key = "cache:{item.id:lower}:{item.tags}", tags = "items:{item.id}")
    Item cache(Item item);

    @Cache(ttl = "1h", key = "locked:{id}", lock = true)
    CompletableFuture<Item> cacheLockedAsync(String id);

    @Cache(ttl = "1h", key = "stream:{id}")
    Stream<Item> stream(String id);

    @Cache(ttl = "1h", key = "iterator:{id}")
    Iterator<Item> iterator(String id);

    @Failover(ttl = "1d")
    Item failover(String id);

    @Hit(ttl = "1h", cacheHits = 10, key = "hit:{id}")
    CompletableFuture<Item> hitAsync(String id);

    @Early(ttl = "1h", earlyTtl = "10m")
    Item early(String id);

    @Soft(ttl = "1h", softTtl = "5m")
    CompletableFuture<Item> softAsync(String id);

    @Dynamic(key = "dynamic:{id}")
    Item dynamic(String id);

    @Locked(ttl = "10s")
    Item locked(String id);

    @RateLimit(limit = 10, period = "1m")
    Item rateLimit(String id);

    @SliceRateLimit(limit = 10, period = "1m")
    CompletableFuture<Item> sliceRateLimitAsync(String id);

    @CircuitBreaker(errorsRate = 10, period = "1m", ttl = "1m")
    Item circuitBreaker(String id);

    @Bloom(name = "ids", capacity = 100)
    boolean bloom(String id);

    @BloomAdd(name = "ids")
    boolean bloomAdd(String id);

    @DualBloom(capacity = 100)
    CompletableFuture<Boolean> dualBloomAsync(String id);

    @Invalidate("cache:{id}")
    void invalidate(String id);

    @CacheTransaction(mode = CacheTransaction.Mode.FAST)
    Item transaction(String id);
}
