package com.example;

import io.cashews.Cashews;
import io.cashews.ProxyFactory;
import io.cashews.codec.ValueType;
import io.cashews.codec.ValueTypes;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.CancellableLayer;
import io.cashews.internal.Deferred;
import io.cashews.internal.EarlyMethod;
import io.cashews.internal.FailoverMethod;
import io.cashews.internal.InvalidateMethod;
import io.cashews.internal.IteratorMethod;
import io.cashews.internal.Keys;
import io.cashews.internal.Origin;
import io.cashews.internal.RateLimitMethod;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A caching proxy for {@link ProfileService}. */
@Generated("io.cashews.processor.CashewsProcessor")
public final class ProfileService_Cached implements ProfileService {
    private static final ValueType<?> PROFILE_TYPE = ValueType.of(0xfc25209aab3fd8e8L, ProfileService.Profile.class);
    private static final ValueType<?> STRING_TYPE = ValueType.of(String.class);
    private static final ValueType<?> INTEGER_TYPE = ValueType.of(Integer.class);

    static {
        ValueTypes.allow(ProfileService.Profile.class);
    }

    private final ProfileService delegate;
    private final CacheMethod profile;
    private final IteratorMethod feed;
    private final CacheMethod score;
    private final IteratorMethod events;
    private final FailoverMethod resilientFailover;
    private final EarlyMethod resilientEarly;
    private final CancellableLayer renameInvalidate;
    private final RateLimitMethod rankRateLimit;

    /** Caches the results of {@code delegate} in {@code cache}. */
    public ProfileService_Cached(ProfileService delegate, Cashews cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(cache, "cache");
        this.profile = CacheMethod.builder(cache, "profile:{id}").ttlMillis(3_600_000L)
                .cancellable(true).valueType(PROFILE_TYPE).build();
        this.feed = IteratorMethod.builder(cache, "feed:{id}").ttlMillis(600_000L)
                .withExceptions(IllegalStateException.class).valueType(STRING_TYPE).build();
        this.score = CacheMethod.builder(cache, "score:{id}").ttlMillis(3_600_000L).lock(true)
                .cancellable(true).valueType(INTEGER_TYPE).build();
        this.events = IteratorMethod.builder(cache, "events:{id}").ttlMillis(600_000L)
                .valueType(STRING_TYPE).build();
        this.resilientFailover = FailoverMethod.builder(cache, "fail:profile:{id}")
                .ttlMillis(86_400_000L).valueType(PROFILE_TYPE).cancellable(true).build();
        this.resilientEarly = EarlyMethod.builder(cache, "early:v2:profile:{id}")
                .ttlMillis(3_600_000L).earlyTtlMillis(1_200_000L).valueType(PROFILE_TYPE)
                .cancellable(true).build();
        this.renameInvalidate = CancellableLayer.of(InvalidateMethod.builder(cache, "\"profile:{id}\"")
                .keys(args -> new String[] {"profile:" + Keys.render(args[0])}).build());
        this.rankRateLimit = RateLimitMethod.builder(cache, "rate_limit:rank:{id}").limit(10)
                .periodMillis(60_000L).fallback(this::rankRateLimitFallback).cancellable(true)
                .build();
    }

    /** Caches the results of {@code delegate} in {@link Cashews#defaultCache()}. */
    public ProfileService_Cached(ProfileService delegate) {
        this(delegate, Cashews.defaultCache());
    }

    @Override
    public Mono<ProfileService.Profile> profile(String id) {
        var key = "profile:" + Keys.escape(id);
        return Mono.fromFuture(profile.<ProfileService.Profile>deferAsync(key, null,
                () -> delegate.profile(id).toFuture()), false);
    }

    @Override
    public Flux<String> feed(String id) throws IOException {
        var key = "feed:" + Keys.escape(id);
        return JdkFlowAdapter.flowPublisherToFlux(feed.<String, IOException>publisher(key, null,
                () -> JdkFlowAdapter.publisherToFlowPublisher(delegate.feed(id))));
    }

    @Override
    public Uni<Integer> score(String id) throws IOException {
        var key = "score:" + Keys.escape(id);
        return Uni.createFrom().completionStage(score.<Integer>deferAsync(key, null, () -> {
                    try {
                        return delegate.score(id).subscribeAsCompletionStage();
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }));
    }

    @Override
    public Multi<String> events(String id) {
        var key = "events:" + Keys.escape(id);
        return Multi.createFrom().publisher(events.<String, RuntimeException>publisher(key, null,
                () -> delegate.events(id)));
    }

    @Override
    public Mono<ProfileService.Profile> resilient(String id) throws IOException {
        var key = "fail:profile:" + Keys.escape(id);
        var key2 = "early:v2:profile:" + Keys.escape(id);
        return Mono.fromFuture(Deferred.<ProfileService.Profile>async(() -> {
                    var origin = new Origin();
                    return resilientFailover.<ProfileService.Profile>callAsync(key, null, origin, () ->
                            resilientEarly.<ProfileService.Profile>callAsync(key2, null, () -> {
                        try {
                            return origin.ranAsync(delegate.resilient(id).toFuture());
                        } catch (IOException e) {
                            return CompletableFuture.failedFuture(e);
                        }
                    }));
                }), false);
    }

    @Override
    public Mono<Void> rename(String id, String name) {
        var key = "invalidate:com.example.ProfileService.rename";
        var args = new Object[] {id, name};
        return Mono.fromFuture(Deferred.<Void>async(() ->
                renameInvalidate.<Void>callAsync(key, args, () -> delegate.rename(id, name).toFuture())), false);
    }

    @Override
    public Uni<Integer> rank(String id) {
        var key = "rate_limit:rank:" + Keys.escape(id);
        var args = new Object[] {id};
        return Uni.createFrom().completionStage(Deferred.<Integer>async(() ->
                rankRateLimit.<Integer>callAsync(key, args, () -> delegate.rank(id).subscribeAsCompletionStage())));
    }

    @Override
    public Uni<Integer> unranked(String id) {
        return delegate.unranked(id);
    }

    private Object rankRateLimitFallback(Object[] args) throws Exception {
        return this.unranked((String) args[0]).subscribeAsCompletionStage();
    }

    /** Makes {@link ProfileService_Cached} proxies; found by {@link java.util.ServiceLoader}. */
    public static final class Factory implements ProxyFactory<ProfileService> {
        /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
        public Factory() {
        }

        @Override
        public Class<ProfileService> type() {
            return ProfileService.class;
        }

        @Override
        public Class<? extends ProfileService> proxyType() {
            return ProfileService_Cached.class;
        }

        @Override
        public ProfileService wrap(ProfileService delegate, Cashews cache) {
            return new ProfileService_Cached(delegate, cache);
        }
    }
}
