package io.cashews.spring;

import io.cashews.Cashews;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} over one {@link Cashews} instance: each cache keeps its entries
 * under {@code <name>:}, on the backend that the instance routes that prefix to, with the cache's
 * TTL.
 * <pre>{@code
 * @Bean
 * CacheManager cacheManager(Cashews cache) {
 *     return CashewsCacheManager.builder(cache)
 *             .defaultTtl(Duration.ofMinutes(10))
 *             .cache("users", Duration.ofHours(1))
 *             .cache("reports", Duration.ofMinutes(5), true)   // loads once across JVMs
 *             .build();
 * }
 * }</pre>
 * A name that was not configured gets a cache with the default TTL the first time it is asked
 * for, unless {@link Builder#createOnDemand(boolean) createOnDemand(false)}: then
 * {@link #getCache} answers {@code null}, and Spring reports the unknown name.
 * Thread-safe.
 */
public final class CashewsCacheManager implements CacheManager {

    /** The TTL of caches that were given none: one hour. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final Cashews cache;
    private final Duration defaultTtl;
    private final boolean createOnDemand;
    private final boolean allowNullValues;
    private final @Nullable CacheKeyConverter converter;
    private final ConcurrentHashMap<String, CashewsSpringCache> caches = new ConcurrentHashMap<>();
    private final Map<String, CashewsSpringCache> configured;

    private CashewsCacheManager(Builder builder) {
        this.cache = builder.cache;
        this.defaultTtl = builder.defaultTtl;
        this.createOnDemand = builder.createOnDemand;
        this.allowNullValues = builder.allowNullValues;
        this.converter = builder.converter;
        Map<String, CashewsSpringCache> made = new LinkedHashMap<>();
        builder.settings.forEach((name, setting) -> made.put(name, create(name, setting.ttl, setting.lock)));
        this.configured = Collections.unmodifiableMap(made);
        caches.putAll(made);
    }

    /**
     * A manager with the defaults: one-hour TTL, caches created on demand, null values stored.
     *
     * @param cache the instance that holds the entries
     */
    public CashewsCacheManager(Cashews cache) {
        this(builder(cache));
    }

    /**
     * Starts configuring a manager.
     *
     * @param cache the instance that holds the entries
     * @return the builder
     */
    public static Builder builder(Cashews cache) {
        return new Builder(cache);
    }

    @Override
    public @Nullable Cache getCache(String name) {
        CashewsSpringCache known = caches.get(name);
        if (known != null || !createOnDemand) {
            return known;
        }
        return caches.computeIfAbsent(name, created -> create(created, defaultTtl, false));
    }

    @Override
    public Collection<String> getCacheNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    /**
     * Returns the caches configured on the builder (not those created on demand).
     *
     * @return name to cache, in the order they were configured
     */
    public Map<String, CashewsSpringCache> configuredCaches() {
        return configured;
    }

    private CashewsSpringCache create(String name, Duration ttl, boolean lock) {
        return new CashewsSpringCache(name, cache, ttl, lock, allowNullValues, converter);
    }

    /** Configures a {@link CashewsCacheManager}. Not thread-safe; build once. */
    public static final class Builder {
        private record Setting(Duration ttl, boolean lock) {
        }

        private final Cashews cache;
        private Duration defaultTtl = DEFAULT_TTL;
        private boolean createOnDemand = true;
        private boolean allowNullValues = true;
        private @Nullable CacheKeyConverter converter;
        private final Map<String, Setting> settings = new LinkedHashMap<>();

        private Builder(Cashews cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /**
         * Sets the TTL of caches created on demand (and of {@link #cache(String)}).
         *
         * @param ttl positive
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is not positive
         */
        public Builder defaultTtl(Duration ttl) {
            this.defaultTtl = positive(ttl, "the default TTL");
            return this;
        }

        /**
         * Configures a cache with the default TTL.
         *
         * @param name the cache's name, also its key prefix ({@code <name>:})
         * @return this builder
         */
        public Builder cache(String name) {
            return cache(name, defaultTtl, false);
        }

        /**
         * Configures a cache.
         *
         * @param name the cache's name, also its key prefix
         * @param ttl how long its entries live; positive
         * @return this builder
         */
        public Builder cache(String name, Duration ttl) {
            return cache(name, ttl, false);
        }

        /**
         * Configures a cache.
         *
         * @param name the cache's name, also its key prefix
         * @param ttl how long its entries live; positive
         * @param lock whether {@code get(key, loader)} ({@code sync = true}) loads once across JVMs,
         *     under a Cashews lock on the key, instead of once per JVM
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or configured twice, or the TTL is
         *     not positive
         */
        public Builder cache(String name, Duration ttl, boolean lock) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a cache name must not be blank");
            }
            if (settings.putIfAbsent(name, new Setting(positive(ttl, "the TTL of cache '" + name + "'"), lock)) != null) {
                throw new IllegalArgumentException("cache '" + name + "' is configured twice");
            }
            return this;
        }

        /**
         * Sets whether names that were not configured get a cache (with the default TTL).
         *
         * @param createOnDemand {@code true} by default
         * @return this builder
         */
        public Builder createOnDemand(boolean createOnDemand) {
            this.createOnDemand = createOnDemand;
            return this;
        }

        /**
         * Sets whether {@code null} results are stored (and read back as a cached {@code null}).
         *
         * @param allowNullValues {@code true} by default, as Spring's own managers
         * @return this builder
         */
        public Builder allowNullValues(boolean allowNullValues) {
            this.allowNullValues = allowNullValues;
            return this;
        }

        /**
         * Sets how keys of application types become key text (see {@link CashewsSpringCache}).
         *
         * @param converter the converter
         * @return this builder
         */
        public Builder keyConverter(CacheKeyConverter converter) {
            this.converter = Objects.requireNonNull(converter, "converter");
            return this;
        }

        /**
         * Builds the manager.
         *
         * @return the manager
         */
        public CashewsCacheManager build() {
            return new CashewsCacheManager(this);
        }

        private static Duration positive(Duration ttl, String what) {
            Objects.requireNonNull(ttl, what);
            if (ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, was " + ttl);
            }
            return ttl;
        }
    }
}
