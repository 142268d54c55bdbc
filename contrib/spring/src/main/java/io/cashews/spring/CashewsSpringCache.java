package io.cashews.spring;

import io.cashews.Cashews;
import io.cashews.Exist;
import io.cashews.Scope;
import io.cashews.base.KeyText;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

/**
 * One Spring cache on a {@link Cashews} instance: its entries are the keys under
 * {@code <name>:}, stored with the cache's TTL on whichever backend serves that prefix. A
 * {@code :} or {@code \} in the name is escaped with a {@code \} ({@code users:admin} keeps
 * its keys under {@code users\:admin:}), so that no cache's keys fall under another's prefix: the
 * first unescaped {@code :} ends the name.
 *
 * <ul>
 *   <li>{@link #get(Object, Callable)} ({@code @Cacheable(sync = true)}) runs the loader once per
 *       key at a time in this JVM, and once across JVMs when the cache was configured with
 *       {@code lock}: the first caller takes a Cashews lock ({@code cashews:spring-lock:<key>}), the others wait for it and
 *       read what it stored. A loader that throws is a {@link ValueRetrievalException} for every
 *       caller waiting on it.</li>
 *   <li>{@link #retrieve(Object)} and {@link #retrieve(Object, Supplier)} never block: they run on
 *       the instance's asynchronous commands. With null values allowed, {@code retrieve(key)}
 *       completes with a {@link ValueWrapper} (holding {@code null} for a stored {@code null}) and
 *       with {@code null} for a miss, as Spring documents; {@code retrieve(key, loader)} completes
 *       with the value itself.</li>
 *   <li>{@link #putIfAbsent} is one atomic conditional write; {@link #evictIfPresent} and
 *       {@link #invalidate} take effect before they return; {@link #clear} deletes the keys under
 *       this cache's prefix only.</li>
 * </ul>
 *
 * <p>Keys: strings as they are; numbers, booleans and UUIDs as their text; enums as their name; a
 * {@link SimpleKey} (several parameters) as its parameters the way it shows them ({@code a, 2}); anything else through
 * the manager's {@link CacheKeyConverter}, else its own {@code toString()}. A key whose class has
 * only {@code Object.toString()} (an identity hash, which would never hit again) is an
 * {@link IllegalArgumentException} naming the class. Note that {@code 1} and {@code "1"} are the
 * same key, as in any text-keyed store.
 */
public final class CashewsSpringCache extends AbstractValueAdaptingCache {

    // What a read answers for a missing key, told apart from a stored null.
    private static final Object MISS = new Object();

    /** Where the locks of {@code lock} caches live: outside every cache's prefix but {@code cashews:}'s. */
    static final String LOCK_PREFIX = "cashews:spring-lock:";

    /** How long a {@code lock} cache's loader may hold the lock before another JVM may take it. */
    static final Duration LOCK_EXPIRE = Duration.ofSeconds(30);

    private final String name;
    private final String prefix;
    private final Cashews cache;
    private final Duration ttl;
    private final boolean lock;
    private final @Nullable CacheKeyConverter converter;
    private final ConcurrentHashMap<String, CompletableFuture<@Nullable Object>> loading = new ConcurrentHashMap<>();
    // Statistics for metrics (Micrometer's CacheMeterBinder): one add per operation.
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    CashewsSpringCache(String name, Cashews cache, Duration ttl, boolean lock, boolean allowNullValues,
            @Nullable CacheKeyConverter converter) {
        super(allowNullValues);
        this.name = name;
        this.prefix = prefix(name);
        this.cache = cache;
        this.ttl = ttl;
        this.lock = lock;
        this.converter = converter;
    }

    @Override
    public String getName() {
        return name;
    }

    /** Returns the {@link Cashews} instance that holds this cache's entries. */
    @Override
    public Cashews getNativeCache() {
        return cache;
    }

    /**
     * Returns the TTL of this cache's entries.
     *
     * @return the TTL
     */
    public Duration getTtl() {
        return ttl;
    }

    /**
     * Tells whether {@link #get(Object, Callable)} loads once across JVMs (under a Cashews lock).
     *
     * @return {@code true} when configured with {@code lock}
     */
    public boolean isLocking() {
        return lock;
    }

    /**
     * Counts the reads that found an entry (a stored {@code null} included): {@code get},
     * {@code retrieve}, and the first read of {@code get(key, loader)}.
     *
     * @return the number of hits since the cache was created
     */
    public long hitCount() {
        return hits.sum();
    }

    /**
     * Counts the reads that found no entry; a {@code get(key, loader)} that then loads counts one.
     *
     * @return the number of misses since the cache was created
     */
    public long missCount() {
        return misses.sum();
    }

    /**
     * Counts the entries written: {@code put}, a {@code putIfAbsent} that wrote, and loaded values
     * stored.
     *
     * @return the number of writes since the cache was created
     */
    public long putCount() {
        return puts.sum();
    }

    /**
     * Counts the entries {@code evict} and {@code evictIfPresent} removed ({@code clear} not
     * included).
     *
     * @return the number of evictions since the cache was created
     */
    public long evictionCount() {
        return evictions.sum();
    }

    // A first read's outcome, counted.
    private @Nullable Object counted(@Nullable Object stored) {
        (stored == MISS ? misses : hits).increment();
        return stored;
    }

    @Override
    protected @Nullable Object lookup(Object key) {
        return storeForm(counted(cache.get(key(key), MISS)));
    }

    // Spring's store form of what Cashews returned: NullValue for a stored null, null for a miss.
    private @Nullable Object storeForm(@Nullable Object stored) {
        if (stored == MISS) {
            return null;
        }
        return stored == null ? (isAllowNullValues() ? NullValue.INSTANCE : null) : stored;
    }

    @Override
    public void put(Object key, @Nullable Object value) {
        cache.set(key(key), plain(value), ttl);
        puts.increment();
    }

    // Checks Spring's null rule (toStoreValue throws when nulls are not allowed) and gives Cashews
    // the value itself: Cashews stores null natively, on every backend.
    private @Nullable Object plain(@Nullable Object value) {
        return fromStoreValue(toStoreValue(value));
    }

    @Override
    public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
        String k = key(key);
        Object plain = plain(value);
        // The conditional write is atomic; a read of the winner's value can race its deletion, in
        // which case the write is tried again.
        for (int attempt = 0; attempt < 10; attempt++) {
            if (cache.set(k, plain, ttl, Exist.ABSENT)) {
                puts.increment();
                return null;
            }
            Object existing = cache.get(k, MISS);
            if (existing != MISS) {
                return toValueWrapper(storeForm(existing));
            }
        }
        throw new IllegalStateException("cache '" + name + "': key '" + k + "' kept appearing and disappearing");
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        boolean removed = cache.delete(key(key));
        if (removed) {
            evictions.increment();
        }
        return removed;
    }

    @Override
    public void clear() {
        cache.deleteMatch(KeyText.glob(prefix) + "*");
    }

    @Override
    public boolean invalidate() {
        return cache.deleteMatch(KeyText.glob(prefix) + "*") > 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
        String k = key(key);
        Object stored = counted(cache.get(k, MISS));
        if (stored != MISS) {
            return (T) stored;
        }
        CompletableFuture<@Nullable Object> mine = new CompletableFuture<>();
        CompletableFuture<@Nullable Object> running = loading.putIfAbsent(k, mine);
        if (running != null) {
            return (T) await(key, valueLoader, running);
        }
        try {
            Object value;
            if (lock) {
                // Not the entry's own key: the lock's token would be read as the value.
                try (Scope held = cache.lock(LOCK_PREFIX + k, LOCK_EXPIRE)) {
                    value = loadUnlessStored(k, valueLoader);
                }
            } else {
                value = loadUnlessStored(k, valueLoader);
            }
            mine.complete(value);
            return (T) value;
        } catch (ValueRetrievalException e) {
            mine.completeExceptionally(e);
            throw e;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(k, mine);
        }
    }

    // Another thread or JVM may have stored it while this one waited for its turn.
    private @Nullable Object loadUnlessStored(String k, Callable<?> valueLoader) {
        Object stored = cache.get(k, MISS);
        if (stored != MISS) {
            return stored;
        }
        Object value;
        try {
            value = valueLoader.call();
        } catch (Exception e) {
            throw new ValueRetrievalException(k, valueLoader, e);
        }
        if (value != null || isAllowNullValues()) {
            cache.set(k, value, ttl);
            puts.increment();
        }
        return value;
    }

    private static @Nullable Object await(Object key, Callable<?> valueLoader, CompletableFuture<@Nullable Object> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValueRetrievalException(key, valueLoader, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ValueRetrievalException(key, valueLoader, cause);
        }
    }

    @Override
    public CompletableFuture<?> retrieve(Object key) {
        return cache.async().get(key(key), MISS).thenApply(stored -> {
            Object form = storeForm(counted(stored));
            if (form == null) {
                return null;
            }
            return isAllowNullValues() ? toValueWrapper(form) : fromStoreValue(form);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        String k = key(key);
        return cache.async().get(k, MISS).thenCompose(stored -> {
            if (counted(stored) != MISS) {
                return CompletableFuture.completedFuture((T) stored);
            }
            CompletableFuture<@Nullable Object> mine = new CompletableFuture<>();
            CompletableFuture<@Nullable Object> running = loading.putIfAbsent(k, mine);
            if (running != null) {
                return (CompletableFuture<T>) running;
            }
            CompletableFuture<T> loaded;
            try {
                loaded = Objects.requireNonNull(valueLoader.get(), "the value loader returned no future");
            } catch (RuntimeException e) {
                loaded = CompletableFuture.failedFuture(e);
            }
            loaded.thenCompose(value -> value == null && !isAllowNullValues()
                    ? CompletableFuture.completedFuture(value)
                    : cache.async().set(k, value, ttl).thenApply(stored2 -> {
                        puts.increment();
                        return value;
                    }))
                    .whenComplete((value, failure) -> {
                        loading.remove(k, mine);
                        if (failure != null) {
                            mine.completeExceptionally(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                                    ? wrapped.getCause() : failure);
                        } else {
                            mine.complete(value);
                        }
                    });
            return (CompletableFuture<T>) mine;
        });
    }

    /**
     * Renders a Spring key as the Cashews key of this cache.
     *
     * @param key the Spring key
     * @return {@code <name>:<text of the key>}
     * @throws IllegalArgumentException if the key's class has only {@code Object.toString()}
     */
    String key(Object key) {
        return prefix + text(key);
    }

    private String text(Object key) {
        if (key instanceof String text) {
            return text;
        }
        if (key instanceof Number || key instanceof Boolean || key instanceof UUID || key instanceof Character) {
            return key.toString();
        }
        if (key instanceof Enum<?> constant) {
            return constant.name();
        }
        if (key instanceof SimpleKey simple) {
            // "SimpleKey [a, 2]": the shown parameters are all that SimpleKey tells of itself.
            String shown = simple.toString();
            int open = shown.indexOf('[');
            return open >= 0 && shown.endsWith("]") ? shown.substring(open + 1, shown.length() - 1) : shown;
        }
        if (converter != null) {
            String converted = converter.convert(key);
            if (converted != null) {
                return converted;
            }
        }
        String shown = key.toString();
        if (shown.equals(key.getClass().getName() + "@" + Integer.toHexString(key.hashCode()))) {
            throw new IllegalArgumentException("cache '" + name + "': a key of " + key.getClass().getName()
                    + " has no toString() of its own, so it would never be found again; give the class a"
                    + " toString(), use a key expression of strings or numbers, or set a CacheKeyConverter");
        }
        return shown;
    }

    /** The key prefix of the cache {@code name}: the name with {@code :} and {@code \} escaped, then {@code :}. */
    static String prefix(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(':').toString();
    }

    @Override
    public String toString() {
        return "CashewsSpringCache[" + name + ", ttl " + ttl + (lock ? ", lock" : "") + "]";
    }
}
