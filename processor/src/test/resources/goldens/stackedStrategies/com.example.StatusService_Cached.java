package com.example;

import io.cashews.Cashews;
import io.cashews.NotNullCondition;
import io.cashews.codec.ValueType;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.EarlyMethod;
import io.cashews.internal.FailoverMethod;
import io.cashews.internal.HitMethod;
import io.cashews.internal.Origin;
import io.cashews.internal.SoftMethod;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * A caching proxy for {@link StatusService}: cached methods consult the cache before calling the
 * delegate, the others call it directly.
 */
@Generated("io.cashews.processor.CashewsProcessor")
public final class StatusService_Cached implements StatusService {
    private static final long STATUS_FAILOVER_TTL = 7200000L;

    private static final ValueType<?> STRING_TYPE = ValueType.of(String.class);

    private static final long STATUS_CACHE_TTL = 600000L;

    private static final long REMOTE_FAILOVER_TTL = 7200000L;

    private static final long REMOTE_CACHE_TTL = 600000L;

    private static final long COUNT_FAILOVER_TTL = 3600000L;

    private static final ValueType<?> LONG_TYPE = ValueType.of(Long.class);

    private static final long PING_FAILOVER_TTL = 3600000L;

    private static final ValueType<?> VOID_TYPE = ValueType.of(Void.class);

    private static final long HITS_HIT_TTL = 3600000L;

    private static final long DYNAMIC_HIT_TTL = 86400000L;

    private static final ValueType<?> INTEGER_TYPE = ValueType.of(Integer.class);

    private static final long EARLY_FAILOVER_TTL = 86400000L;

    private static final long EARLY_EARLY_TTL = 540000L;

    private static final long EARLY_EARLY_STALE_AFTER = 180000L;

    private static final long SOFT_SOFT_TTL = 3600000L;

    private static final long SOFT_SOFT_SOFT_AFTER = 300000L;

    private static final long SOFT_SOFT_TIME_CONDITION = 10L;

    private static final long REMEMBERED_TTL = 3600000L;

    private final StatusService delegate;

    private final Cashews cache;

    private final FailoverMethod statusFailover;

    private final CacheMethod statusCache;

    private final FailoverMethod remoteFailover;

    private final CacheMethod remoteCache;

    private final FailoverMethod countFailover;

    private final FailoverMethod pingFailover;

    private final HitMethod hitsHit;

    private final HitMethod dynamicHit;

    private final FailoverMethod earlyFailover;

    private final EarlyMethod earlyEarly;

    private final SoftMethod softSoft;

    private final CacheMethod remembered;

    /**
     * Creates a proxy that caches in {@code cache}.
     *
     * @param delegate the implementation that computes the values
     * @param cache the cache instance to store them in
     */
    public StatusService_Cached(StatusService delegate, Cashews cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.statusFailover = FailoverMethod.builder(this.cache, "fail:com.example.StatusService.status:name:{name}").ttlMillis(STATUS_FAILOVER_TTL).exceptions(IOException.class).valueType(STRING_TYPE).build();
        this.statusCache = CacheMethod.builder(this.cache, "status:{name}").ttlMillis(STATUS_CACHE_TTL).valueType(STRING_TYPE).build();
        this.remoteFailover = FailoverMethod.builder(this.cache, "fail:com.example.StatusService.remote:name:{name}").ttlMillis(REMOTE_FAILOVER_TTL).condition(new NotNullCondition()).valueType(STRING_TYPE).build();
        this.remoteCache = CacheMethod.builder(this.cache, "remote:{name}").ttlMillis(REMOTE_CACHE_TTL).valueType(STRING_TYPE).build();
        this.countFailover = FailoverMethod.builder(this.cache, "fail:com.example.StatusService.count:page:{page}").ttlMillis(COUNT_FAILOVER_TTL).valueType(LONG_TYPE).build();
        this.pingFailover = FailoverMethod.builder(this.cache, "fail:ping").ttlMillis(PING_FAILOVER_TTL).valueType(VOID_TYPE).build();
        this.hitsHit = HitMethod.builder(this.cache, "hit:com.example.StatusService.hits:name:{name}").ttlMillis(HITS_HIT_TTL).cacheHits(3).updateAfter(2).withExceptions(IOException.class).valueType(STRING_TYPE).build();
        this.dynamicHit = HitMethod.builder(this.cache, "dynamic:com.example.StatusService.dynamic:id:{id}").ttlMillis(DYNAMIC_HIT_TTL).cacheHits(3).updateAfter(1).valueType(INTEGER_TYPE).build();
        this.earlyFailover = FailoverMethod.builder(this.cache, "fail:com.example.StatusService.early:name:{name}").ttlMillis(EARLY_FAILOVER_TTL).valueType(STRING_TYPE).build();
        this.earlyEarly = EarlyMethod.builder(this.cache, "early:v2:early:{name}").ttlMillis(EARLY_EARLY_TTL).earlyTtlMillis(EARLY_EARLY_STALE_AFTER).onlyExceptions(IOException.class).protect(false).valueType(STRING_TYPE).build();
        this.softSoft = SoftMethod.builder(this.cache, "soft:com.example.StatusService.soft:name:{name}").ttlMillis(SOFT_SOFT_TTL).softTtlMillis(SOFT_SOFT_SOFT_AFTER).exceptions(IOException.class).timeConditionMillis(SOFT_SOFT_TIME_CONDITION).valueType(STRING_TYPE).build();
        this.remembered = CacheMethod.builder(this.cache, "remembered:{name}").ttlMillis(REMEMBERED_TTL).withExceptions(IOException.class, SQLException.class).valueType(STRING_TYPE).build();
    }

    /**
     * Creates a proxy that caches in {@link Cashews#defaultCache()}.
     *
     * @param delegate the implementation that computes the values
     */
    public StatusService_Cached(StatusService delegate) {
        this(delegate, Cashews.defaultCache());
    }

    @Override
    public String status(String name) throws IOException {
        String key = "fail:com.example.StatusService.status:name:" + name;
        String key2 = "status:" + name;
        Origin origin = new Origin();
        return this.statusFailover.<String, IOException>call(key, null, origin, () ->
                this.statusCache.<String, IOException>call(key2, null, () ->
                origin.ran(this.delegate.status(name))));
    }

    @Override
    public CompletableFuture<String> remote(String name) throws IOException {
        String key = "fail:com.example.StatusService.remote:name:" + name;
        String key2 = "remote:" + name;
        Object[] args = new Object[] {name};
        Origin origin = new Origin();
        return this.remoteFailover.<String>callAsync(key, args, origin, () ->
                this.remoteCache.<String>callAsync(key2, null, () -> {
                    try {
                        return origin.ranAsync(this.delegate.remote(name));
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }));
    }

    @Override
    public long count(int page) throws IOException, SQLException {
        String key = "fail:com.example.StatusService.count:page:" + page;
        try {
            return this.countFailover.<Long, Exception>call(key, null, () ->
                    this.delegate.count(page));
        } catch (RuntimeException | IOException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    @Override
    public void ping() {
        String key = "fail:ping";
        this.pingFailover.<Void, RuntimeException>call(key, null, () -> {
                    this.delegate.ping();
                    return null;
                });
    }

    @Override
    public String hits(String name) throws IOException {
        String key = "hit:com.example.StatusService.hits:name:" + name;
        return this.hitsHit.<String, IOException>call(key, null, () -> this.delegate.hits(name));
    }

    @Override
    public CompletableFuture<Integer> dynamic(int id) {
        String key = "dynamic:com.example.StatusService.dynamic:id:" + id;
        return this.dynamicHit.<Integer>callAsync(key, null, () -> this.delegate.dynamic(id));
    }

    @Override
    public String early(String name) throws IOException {
        String key = "fail:com.example.StatusService.early:name:" + name;
        String key2 = "early:v2:early:" + name;
        Origin origin = new Origin();
        return this.earlyFailover.<String, IOException>call(key, null, origin, () ->
                this.earlyEarly.<String, IOException>call(key2, null, () ->
                origin.ran(this.delegate.early(name))));
    }

    @Override
    public CompletableFuture<String> soft(String name) {
        String key = "soft:com.example.StatusService.soft:name:" + name;
        return this.softSoft.<String>callAsync(key, null, () -> this.delegate.soft(name));
    }

    @Override
    public String remembered(String name) throws IOException, SQLException {
        String key = "remembered:" + name;
        Object hit = this.remembered.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.<String>value(hit);
        }
        try {
            return this.remembered.<String, Exception>load(key, null, () -> this.delegate.remembered(name));
        } catch (RuntimeException | IOException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }
}
