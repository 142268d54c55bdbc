package io.cashews.jcache;

import io.cashews.Cashews;
import io.cashews.codec.ValueCodec;
import io.cashews.codec.ValueTypes;
import io.cashews.spi.Backend;
import io.cashews.spi.CacheUrl;
import io.cashews.spi.Options;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.jspecify.annotations.Nullable;

/**
 * A JCache {@link CacheManager} over one Cashews backend, named by the manager's URI, which is a
 * Cashews URL: {@code mem://}, {@code redis://host:6379/0}, {@code disk:///var/cache/app} and
 * their options. Options may also come from the manager's properties, named
 * {@code io.cashews.jcache.<option>} ({@code io.cashews.jcache.serializer_allow=com.example.**}),
 * which win over the URL's. Redis and disk backends are opened with {@code suppress=false} unless
 * told otherwise, so that a failing store raises
 * {@link io.cashews.CacheBackendInteractionException} instead of answering as if empty. On
 * {@code mem://} each cache gets a memory backend of its own, with
 * {@code copy=true} unless told otherwise (store by value); on every other scheme the
 * caches share one backend, opened with the first cache and closed with the manager, and a cache's
 * entries are there for every manager and process that opens the same URL and cache name.
 *
 * <p>The caches this manager knows are those created or opened through it in this JVM: a cache
 * another process created is opened with {@link #createCache} under the same name (its entries
 * are kept), or with {@link #getCache} after that.
 */
public final class CashewsJCacheManager implements CacheManager {

    // The schemes whose backends take suppress: the provider turns it off unless told otherwise.
    private static final Set<String> FAILING_SCHEMES = Set.of("redis", "rediss", "disk");

    private final CashewsCachingProvider provider;
    private final URI uri;
    // Weak: the provider keys its managers by class loader in a WeakHashMap, whose values must not
    // hold the key, or an application's loader (a redeployed web app) would never be collected.
    private final WeakReference<ClassLoader> classLoader;
    private final Properties properties;
    private final ConcurrentMap<String, CashewsJCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final Executor executor = ForkJoinPool.commonPool();
    private final boolean backendPerCache;
    private final ValueCodec keyCodec;
    // the backend options of the manager's properties, which win over the URL's
    private final Map<String, Object> options;
    // the backend every cache of a remote or disk store shares, and the instance that opened it
    private @Nullable Cashews shared;
    private @Nullable Backend sharedBackend;
    private volatile boolean closed;

    CashewsJCacheManager(CashewsCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = new WeakReference<>(classLoader);
        this.properties = properties;
        CacheUrl url = CacheUrl.parse(uri.toString());
        this.backendPerCache = "mem".equals(url.scheme());
        Map<String, Object> options = new HashMap<>();
        for (String property : properties.stringPropertyNames()) {
            if (property.startsWith(CashewsCachingProvider.OPTION_PREFIX) && !property.equals(CashewsCachingProvider.URI_PROPERTY)) {
                options.put(property.substring(CashewsCachingProvider.OPTION_PREFIX.length()), properties.getProperty(property));
            }
        }
        if (backendPerCache && !url.query().containsKey("copy") && !options.containsKey("copy")) {
            options.put("copy", true);
        }
        if (FAILING_SCHEMES.contains(url.scheme()) && !url.query().containsKey("suppress") && !options.containsKey("suppress")) {
            // a store that fails must say so: JCache callers expect an exception, not a silent miss
            options.put("suppress", false);
        }
        this.options = Map.copyOf(options);
        Object allow = options.containsKey("serializer_allow") ? options.get("serializer_allow") : url.query().get("serializer_allow");
        this.keyCodec = ValueCodec.of(Options.of(allow == null ? Map.of() : Map.of("serializer_allow", allow)));
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        ClassLoader loader = classLoader.get();
        // collected only once nothing else refers to it: this manager is an orphan then
        return loader != null ? loader : provider.getDefaultClassLoader();
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(configuration, "configuration");
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException("cache '" + cacheName + "' exists already in " + uri);
            }
            MutableConfiguration<K, V> copy = copy(configuration);
            // the declared types are read back from the store, as a proxy's declared result types are
            for (Class<?> type : List.of(copy.getKeyType(), copy.getValueType())) {
                if (type != Object.class) {
                    ValueTypes.allow(type);
                }
            }
            CashewsJCache<K, V> cache;
            if (backendPerCache) {
                Cashews own = open();
                cache = new CashewsJCache<>(this, cacheName, copy, new StoreFailures(own.backends().get("")), own, keyCodec, executor);
            } else {
                cache = new CashewsJCache<>(this, cacheName, copy, sharedBackend(), null, keyCodec, executor);
            }
            caches.put(cacheName, cache);
            return cache;
        }
    }

    private static <K, V> MutableConfiguration<K, V> copy(Configuration<K, V> configuration) {
        if (configuration instanceof CompleteConfiguration<K, V> complete) {
            return new MutableConfiguration<>(complete);
        }
        MutableConfiguration<K, V> copy = new MutableConfiguration<>();
        copy.setTypes(configuration.getKeyType(), configuration.getValueType());
        copy.setStoreByValue(configuration.isStoreByValue());
        return copy;
    }

    private Backend sharedBackend() {
        if (sharedBackend == null) {
            shared = open();
            sharedBackend = new StoreFailures(shared.backends().get(""));
        }
        return sharedBackend;
    }

    private Cashews open() {
        String url = uri.toString();
        Cashews cashews = Cashews.builder().build();
        try {
            cashews.setup(url, options);
        } catch (IllegalArgumentException | io.cashews.CacheException e) {
            // a bad URL or option, or a store that cannot be reached (suppress=false)
            throw new CacheException("cannot open the Cashews backend " + url + ": " + e.getMessage(), e);
        }
        return cashews;
    }

    @Override
    public <K, V> @Nullable Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        CashewsJCache<?, ?> cache = caches.get(cacheName);
        if (cache == null) {
            return null;
        }
        CompleteConfiguration<?, ?> configuration = cache.configuration();
        if (!configuration.getKeyType().equals(keyType) || !configuration.getValueType().equals(valueType)) {
            throw new ClassCastException("cache '" + cacheName + "' has keys of " + configuration.getKeyType().getName()
                    + " and values of " + configuration.getValueType().getName() + ", not " + keyType.getName()
                    + " and " + valueType.getName());
        }
        @SuppressWarnings("unchecked")
        Cache<K, V> typed = (Cache<K, V>) cache;
        return typed;
    }

    @Override
    public <K, V> @Nullable Cache<K, V> getCache(String cacheName) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        @SuppressWarnings("unchecked")
        Cache<K, V> cache = (Cache<K, V>) caches.get(cacheName);
        return cache;
    }

    @Override
    public Iterable<String> getCacheNames() {
        ensureOpen();
        return List.copyOf(caches.keySet());
    }

    @Override
    public void destroyCache(String cacheName) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        CashewsJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.destroy();
        } else if (!backendPerCache) {
            // a cache of the shared store that this JVM never opened: its entries go all the same
            synchronized (caches) {
                sharedBackend().deleteMatch(new KeyCodec(cacheName, keyCodec).all());
            }
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        CashewsJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.enableManagement(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        ensureOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        CashewsJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.enableStatistics(enabled);
        }
    }

    // a cache closed itself
    void released(CashewsJCache<?, ?> cache) {
        caches.remove(cache.getName(), cache);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        provider.released(this);
        for (CashewsJCache<?, ?> cache : new ArrayList<>(caches.values())) {
            cache.close();
        }
        synchronized (caches) {
            if (shared != null) {
                shared.close();
                shared = null;
                sharedBackend = null;
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Returns this manager as {@code type}.
     *
     * @param type {@code CashewsJCacheManager} or one of its supertypes
     * @return this manager
     * @throws IllegalArgumentException if this manager is not a {@code type}
     */
    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.as(this, type);
    }

    @Override
    public String toString() {
        return "CashewsJCacheManager[" + uri + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the cache manager of " + uri + " is closed");
        }
    }
}
