package com.example;

import io.cashews.Cashews;
import io.cashews.codec.ValueType;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.Keys;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * A caching proxy for {@link Outer.Repository}: cached methods consult the cache before calling the
 * delegate, the others call it directly.
 */
@Generated("io.cashews.processor.CashewsProcessor")
public final class Outer_Repository_Cached<T extends Comparable<T>> implements Outer.Repository<T> {
    private static final long FIND_TTL = 3600000L;

    private static final ValueType<?> OPTIONAL_COMPARABLE_TYPE = ValueType.of(Optional.class, ValueType.of(Comparable.class));

    private static final long ALL_TTL = 3600000L;

    private static final ValueType<?> LIST_COMPARABLE_TYPE = ValueType.of(List.class, ValueType.of(Comparable.class));

    private final Outer.Repository<T> delegate;

    private final Cashews cache;

    private final CacheMethod find;

    private final CacheMethod all;

    /**
     * Creates a proxy that caches in {@code cache}.
     *
     * @param delegate the implementation that computes the values
     * @param cache the cache instance to store them in
     */
    public Outer_Repository_Cached(Outer.Repository<T> delegate, Cashews cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.find = CacheMethod.builder(this.cache, "repo:{holder.value}").ttlMillis(FIND_TTL).valueType(OPTIONAL_COMPARABLE_TYPE).build();
        this.all = CacheMethod.builder(this.cache, "ids:{ids}").ttlMillis(ALL_TTL).valueType(LIST_COMPARABLE_TYPE).build();
    }

    /**
     * Creates a proxy that caches in {@link Cashews#defaultCache()}.
     *
     * @param delegate the implementation that computes the values
     */
    public Outer_Repository_Cached(Outer.Repository<T> delegate) {
        this(delegate, Cashews.defaultCache());
    }

    @Override
    public Optional<T> find(Outer.Holder<T> holder) {
        String key = "repo:" + keyPart$find$0(holder);
        Object hit = this.find.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.<Optional<T>>value(hit);
        }
        return this.find.<Optional<T>, RuntimeException>load(key, null, () -> this.delegate.find(holder));
    }

    @Override
    public <E> List<T> all(List<E> ids, E marker) {
        String key = "ids:" + Keys.render(ids);
        Object hit = this.all.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.<List<T>>value(hit);
        }
        return this.all.<List<T>, RuntimeException>load(key, null, () -> this.delegate.<E>all(ids, marker));
    }

    private String keyPart$find$0(Outer.Holder<T> value) {
        if (value == null) {
            return "null";
        }
        var v1 = value.value;
        return Keys.render(v1);
    }
}
