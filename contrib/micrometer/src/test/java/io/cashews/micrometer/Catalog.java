package io.cashews.micrometer;

import io.cashews.annotations.Bloom;
import io.cashews.annotations.BloomAdd;
import io.cashews.annotations.Cache;
import io.cashews.annotations.CircuitBreaker;
import io.cashews.annotations.Early;
import io.cashews.annotations.Failover;
import io.cashews.annotations.Hit;
import io.cashews.annotations.Invalidate;
import io.cashews.annotations.RateLimit;
import io.cashews.annotations.SliceRateLimit;
import io.cashews.annotations.Soft;
import java.util.concurrent.CompletableFuture;

/** The methods the metrics tests call through their generated proxy, one per strategy. */
public interface Catalog {

    @Cache(ttl = "1h", key = "item:{id}")
    String item(String id);

    @Cache(ttl = "1h", key = "item-async:{id}")
    CompletableFuture<String> itemAsync(String id);

    @Cache(ttl = "1h", key = "locked:{id}", lock = true)
    String locked(String id);

    @Early(ttl = "9m", earlyTtl = "3m", key = "early:{id}")
    String early(String id);

    @Soft(ttl = "9m", softTtl = "3m", key = "soft:{id}")
    String soft(String id);

    @Failover(ttl = "1h", key = "failover:{id}")
    String failover(String id);

    @RateLimit(limit = 1, period = "1m", key = "limited:{id}")
    String limited(String id);

    @SliceRateLimit(limit = 1, period = "1m", key = "sliced:{id}")
    String sliced(String id);

    @CircuitBreaker(errorsRate = 100, period = "1m", ttl = "2s", halfOpenTtl = "5s", key = "guarded:{id}")
    String guarded(String id);

    @Bloom(name = "ids", capacity = 100, checkFalsePositive = false)
    boolean known(String id);

    @BloomAdd(name = "ids")
    boolean add(String id);

    @Invalidate("item:{id}")
    void forget(String id);

    @Hit(ttl = "1h", cacheHits = 3, updateAfter = 2, key = "popular:{id}")
    String popular(String id);

    @Early(ttl = "9m", earlyTtl = "3m", key = "early-async:{id}")
    CompletableFuture<String> earlyAsync(String id);

    @CircuitBreaker(errorsRate = 100, period = "1m", ttl = "2s", key = "guarded-async:{id}")
    CompletableFuture<String> guardedAsync(String id);
}
