package com.example;

import io.cashews.Cashews;
import io.cashews.ProxyFactory;
import io.cashews.codec.ValueType;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.Keys;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Generated;

/** A caching proxy for {@link Outer.Repository}. */
@Generated("io.cashews.processor.CashewsProcessor")
public final class Outer_Repository_Cached<T extends Comparable<T>> implements Outer.Repository<T> {
    private static final ValueType<?> OPTIONAL_COMPARABLE_TYPE = ValueType.of(0x8533d8aed8fa20a9L, Optional.class, ValueType.of(Comparable.class));
    private static final ValueType<?> LIST_COMPARABLE_TYPE = ValueType.of(0xd78f07d43b7f31cdL, List.class, ValueType.of(Comparable.class));
    private final Outer.Repository<T> delegate;
    private final CacheMethod find;
    private final CacheMethod all;

    /** Caches the results of {@code delegate} in {@code cache}. */
    public Outer_Repository_Cached(Outer.Repository<T> delegate, Cashews cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(cache, "cache");
        this.find = CacheMethod.of(cache, "repo:{holder.value}",
                3_600_000L, OPTIONAL_COMPARABLE_TYPE);
        this.all = CacheMethod.of(cache, "ids:{ids}", 3_600_000L, LIST_COMPARABLE_TYPE);
    }

    /** Caches the results of {@code delegate} in {@link Cashews#defaultCache()}. */
    public Outer_Repository_Cached(Outer.Repository<T> delegate) {
        this(delegate, Cashews.defaultCache());
    }

    @Override
    public Optional<T> find(Outer.Holder<T> holder) {
        var key = "repo:" + (holder == null ? "null" : Keys.render(holder.value));
        var hit = find.lookup(key);
        return hit != CacheMethod.MISS ? CacheMethod.<Optional<T>>value(hit)
                : find.<Optional<T>, RuntimeException>load(key, null, () -> delegate.find(holder));
    }

    @Override
    public <E> List<T> all(List<E> ids, E marker) {
        var key = "ids:" + Keys.render(ids);
        var hit = all.lookup(key);
        return hit != CacheMethod.MISS ? CacheMethod.<List<T>>value(hit)
                : all.<List<T>, RuntimeException>load(key, null,
                () -> delegate.<E>all(ids, marker));
    }

    /** Makes {@link Outer_Repository_Cached} proxies; found by {@link java.util.ServiceLoader}. */
    public static final class Factory implements ProxyFactory<Outer.Repository<?>> {
        /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
        public Factory() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<Outer.Repository<?>> type() {
            return (Class<Outer.Repository<?>>) (Class<?>) Outer.Repository.class;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<? extends Outer.Repository<?>> proxyType() {
            return (Class<Outer_Repository_Cached<?>>) (Class<?>) Outer_Repository_Cached.class;
        }

        @Override
        public Outer.Repository<?> wrap(Outer.Repository<?> delegate, Cashews cache) {
            return new Outer_Repository_Cached<>(delegate, cache);
        }
    }
}
