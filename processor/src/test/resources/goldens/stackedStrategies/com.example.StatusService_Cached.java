package com.example;

import io.cashews.Cashews;
import io.cashews.NotNullCondition;
import io.cashews.ProxyFactory;
import io.cashews.codec.ValueType;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.EarlyMethod;
import io.cashews.internal.FailoverMethod;
import io.cashews.internal.HitMethod;
import io.cashews.internal.Keys;
import io.cashews.internal.Origin;
import io.cashews.internal.SoftMethod;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/** A caching proxy for {@link StatusService}. */
@Generated("io.cashews.processor.CashewsProcessor")
public final class StatusService_Cached implements StatusService {
    private static final ValueType<?> STRING_TYPE = ValueType.of(String.class);
    private static final ValueType<?> LONG_TYPE = ValueType.of(long.class);
    private static final ValueType<?> VOID_TYPE = ValueType.of(Void.class);
    private static final ValueType<?> INTEGER_TYPE = ValueType.of(Integer.class);
    private final StatusService delegate;
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

    /** Caches the results of {@code delegate} in {@code cache}. */
    public StatusService_Cached(StatusService delegate, Cashews cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(cache, "cache");
        this.statusFailover = FailoverMethod.builder(cache, "fail:com.example.StatusService.status:name:{name}")
                .ttlMillis(7_200_000L).exceptions(IOException.class).valueType(STRING_TYPE).build();
        this.statusCache = CacheMethod.of(cache, "status:{name}", 600_000L, STRING_TYPE);
        this.remoteFailover = FailoverMethod.builder(cache, "fail:com.example.StatusService.remote:name:{name}")
                .ttlMillis(7_200_000L).condition(new NotNullCondition()).valueType(STRING_TYPE)
                .build();
        this.remoteCache = CacheMethod.of(cache, "remote:{name}", 600_000L, STRING_TYPE);
        this.countFailover = FailoverMethod.builder(cache, "fail:com.example.StatusService.count:page:{page}")
                .ttlMillis(3_600_000L).valueType(LONG_TYPE).build();
        this.pingFailover = FailoverMethod.builder(cache, "fail:ping").ttlMillis(3_600_000L)
                .valueType(VOID_TYPE).build();
        this.hitsHit = HitMethod.builder(cache, "hit:com.example.StatusService.hits:name:{name}")
                .ttlMillis(3_600_000L).cacheHits(3).updateAfter(2).withExceptions(IOException.class)
                .valueType(STRING_TYPE).build();
        this.dynamicHit = HitMethod.builder(cache, "dynamic:com.example.StatusService.dynamic:id:{id}")
                .ttlMillis(86_400_000L).cacheHits(3).updateAfter(1).valueType(INTEGER_TYPE).build();
        this.earlyFailover = FailoverMethod.builder(cache, "fail:com.example.StatusService.early:name:{name}")
                .ttlMillis(86_400_000L).valueType(STRING_TYPE).build();
        this.earlyEarly = EarlyMethod.builder(cache, "early:v2:early:{name}").ttlMillis(540_000L)
                .earlyTtlMillis(180_000L).onlyExceptions(IOException.class).protect(false)
                .valueType(STRING_TYPE).build();
        this.softSoft = SoftMethod.builder(cache, "soft:com.example.StatusService.soft:name:{name}")
                .ttlMillis(3_600_000L).softTtlMillis(300_000L).exceptions(IOException.class)
                .timeConditionMillis(10L).valueType(STRING_TYPE).build();
        this.remembered = CacheMethod.builder(cache, "remembered:{name}").ttlMillis(3_600_000L)
                .withExceptions(IOException.class, SQLException.class).valueType(STRING_TYPE)
                .build();
    }

    /** Caches the results of {@code delegate} in {@link Cashews#defaultCache()}. */
    public StatusService_Cached(StatusService delegate) {
        this(delegate, Cashews.defaultCache());
    }

    @Override
    public String status(String name) throws IOException {
        var key = "fail:com.example.StatusService.status:name:" + Keys.escape(name);
        var key2 = "status:" + Keys.escape(name);
        var origin = new Origin();
        return statusFailover.<String, IOException>call(key, null, origin, () ->
                statusCache.<String, IOException>call(key2, null, () ->
                origin.ran(delegate.status(name))));
    }

    @Override
    public CompletableFuture<String> remote(String name) throws IOException {
        var key = "fail:com.example.StatusService.remote:name:" + Keys.escape(name);
        var key2 = "remote:" + Keys.escape(name);
        var args = new Object[] {name};
        var origin = new Origin();
        return remoteFailover.<String>callAsync(key, args, origin, () ->
                remoteCache.<String>callAsync(key2, null, () -> {
                    try {
                        return origin.ranAsync(delegate.remote(name));
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }));
    }

    @Override
    public long count(int page) throws IOException, SQLException {
        var key = "fail:com.example.StatusService.count:page:" + page;
        try {
            return countFailover.<Long, Exception>call(key, null, () -> delegate.count(page));
        } catch (RuntimeException | IOException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    @Override
    public void ping() {
        var key = "fail:ping";
        pingFailover.<Void, RuntimeException>call(key, null, () -> {
                    delegate.ping();
                    return null;
                });
    }

    @Override
    public String hits(String name) throws IOException {
        var key = "hit:com.example.StatusService.hits:name:" + Keys.escape(name);
        return hitsHit.<String, IOException>call(key, null, () -> delegate.hits(name));
    }

    @Override
    public CompletableFuture<Integer> dynamic(int id) {
        var key = "dynamic:com.example.StatusService.dynamic:id:" + id;
        return dynamicHit.<Integer>callAsync(key, null, () -> delegate.dynamic(id));
    }

    @Override
    public String early(String name) throws IOException {
        var key = "fail:com.example.StatusService.early:name:" + Keys.escape(name);
        var key2 = "early:v2:early:" + Keys.escape(name);
        var origin = new Origin();
        return earlyFailover.<String, IOException>call(key, null, origin, () ->
                earlyEarly.<String, IOException>call(key2, null, () ->
                origin.ran(delegate.early(name))));
    }

    @Override
    public CompletableFuture<String> soft(String name) {
        var key = "soft:com.example.StatusService.soft:name:" + Keys.escape(name);
        return softSoft.<String>callAsync(key, null, () -> delegate.soft(name));
    }

    @Override
    public String remembered(String name) throws IOException, SQLException {
        var key = "remembered:" + Keys.escape(name);
        var hit = remembered.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.<String>value(hit);
        }
        try {
            return remembered.<String, Exception>load(key, null, () -> delegate.remembered(name));
        } catch (RuntimeException | IOException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /** Makes {@link StatusService_Cached} proxies; found by {@link java.util.ServiceLoader}. */
    public static final class Factory implements ProxyFactory<StatusService> {
        /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
        public Factory() {
        }

        @Override
        public Class<StatusService> type() {
            return StatusService.class;
        }

        @Override
        public Class<? extends StatusService> proxyType() {
            return StatusService_Cached.class;
        }

        @Override
        public StatusService wrap(StatusService delegate, Cashews cache) {
            return new StatusService_Cached(delegate, cache);
        }
    }
}
