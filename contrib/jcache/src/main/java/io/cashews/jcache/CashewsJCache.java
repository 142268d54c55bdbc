package io.cashews.jcache;

import io.cashews.Cashews;
import io.cashews.codec.PendingValue;
import io.cashews.codec.ValueCodec;
import io.cashews.codec.ValueType;
import io.cashews.spi.Backend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * A JCache {@link Cache} whose entries live in a Cashews backend, under the keys
 * {@code <cache name>:<encoded key>} (see the module's README for the encoding). Values are stored
 * by value: through the backend's value codec (on {@code mem://} the provider turns on
 * {@code copy=true}), so a caller's later change to an object it stored or read never reaches the
 * cache.
 *
 * <p>Every operation that depends on what is stored is one atomic backend command
 * ({@code getAndDelete}, {@code deleteIfEquals}) or a read followed by a
 * {@code compareAndSet} of what was read, retried from a fresh read when another writer came
 * first: so {@code replace(k, old, new)}, {@code remove(k, v)}, {@code getAndPut} and
 * {@link #invoke} are atomic per key across threads and, on a shared store, across processes.
 * {@code invoke} is also serialised per key inside this JVM, so that contending processors rarely
 * run twice. Expiry is the backend's TTL: an entry whose policy answered {@code ZERO} is not kept.
 *
 * <p>Listeners, loaders, writers and statistics belong to this JVM's cache object: they see this
 * JVM's operations. Obtain instances from a {@link CashewsJCacheManager}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CashewsJCache<K, V> implements Cache<K, V> {

    private static final int LOCK_STRIPES = 64;
    private static final int MAX_ATTEMPTS = 1000;

    private final CashewsJCacheManager manager;
    private final String name;
    private final MutableConfiguration<K, V> configuration;
    private final Backend backend;
    // the instance that opened a backend of this cache's own (mem://), closed with it
    private final @Nullable Cashews own;
    private final KeyCodec keys;
    private final ExpiryPolicy expiry;
    private final @Nullable CacheLoader<K, V> loader;
    private final @Nullable CacheWriter<K, V> writer;
    private final Listeners<K, V> listeners;
    private final CashewsStatistics statistics;
    private final CashewsCacheBean bean;
    private final Executor executor;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final ValueType<?> valueType;
    private volatile boolean closed;

    CashewsJCache(CashewsJCacheManager manager, String name, MutableConfiguration<K, V> configuration,
            Backend backend, @Nullable Cashews own, ValueCodec keyCodec, Executor executor) {
        this.manager = manager;
        this.name = name;
        this.configuration = configuration;
        this.backend = backend;
        this.own = own;
        this.executor = executor;
        this.keys = new KeyCodec(name, keyCodec);
        this.expiry = configuration.getExpiryPolicyFactory().create();
        this.loader = configuration.getCacheLoaderFactory() == null ? null : configuration.getCacheLoaderFactory().create();
        this.writer = writer(configuration);
        this.listeners = new Listeners<>(new SerialExecutor(executor));
        this.statistics = new CashewsStatistics(own != null ? backend::evictionCount : () -> -1);
        this.bean = new CashewsCacheBean(configuration);
        this.valueType = ValueType.of(configuration.getValueType());
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            listeners.register(listener);
        }
        if (configuration.isManagementEnabled()) {
            Jmx.register(bean, objectName("CacheConfiguration"));
        }
        if (configuration.isStatisticsEnabled()) {
            Jmx.register(statistics, objectName("CacheStatistics"));
        }
    }

    // A writer of supertypes takes these keys and values; typed as ours so that its collections are.
    @SuppressWarnings("unchecked")
    private static <K, V> @Nullable CacheWriter<K, V> writer(CompleteConfiguration<K, V> configuration) {
        return configuration.getCacheWriterFactory() == null ? null : (CacheWriter<K, V>) configuration.getCacheWriterFactory().create();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public @Nullable V get(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        long start = start();
        String stored = keys.encode(key);
        Object raw = backend.get(stored);
        V value;
        if (raw != null) {
            value = value(raw);
            count(true);
            touch(key, stored, raw, value, new Expiries(expiry));
        } else {
            count(false);
            value = configuration.isReadThrough() && loader != null ? loadAndStore(key, stored) : null;
        }
        if (start != 0) {
            statistics.getTime(System.nanoTime() - start);
        }
        return value;
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keySet) {
        ensureOpen();
        List<K> asked = nonNullKeys(keySet);
        long start = start();
        List<String> stored = new ArrayList<>(asked.size());
        for (K key : asked) {
            stored.add(keys.encode(key));
        }
        List<@Nullable Object> raws = backend.getMany(stored);
        Map<K, V> found = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            Object raw = raws.get(i);
            K key = asked.get(i);
            if (raw != null) {
                V value = value(raw);
                found.put(key, value);
                count(true);
                touch(key, stored.get(i), raw, value, new Expiries(expiry));
            } else {
                count(false);
                missing.add(key);
            }
        }
        if (configuration.isReadThrough() && loader != null && !missing.isEmpty()) {
            Map<K, V> loaded = loadAll(missing);
            for (Map.Entry<K, V> entry : loaded.entrySet()) {
                if (entry.getKey() != null && entry.getValue() != null) {
                    storeLoaded(entry.getKey(), keys.encode(entry.getKey()), entry.getValue());
                    found.put(entry.getKey(), entry.getValue());
                }
            }
        }
        if (start != 0) {
            statistics.getTime(System.nanoTime() - start);
        }
        return found;
    }

    @Override
    public boolean containsKey(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        return backend.exists(keys.encode(key));
    }

    // ---------------------------------------------------------------- loading

    @Override
    public void loadAll(Set<? extends K> keySet, boolean replaceExistingValues, @Nullable CompletionListener completionListener) {
        ensureOpen();
        List<K> asked = nonNullKeys(keySet);
        CompletionListener listener = completionListener == null ? NO_LISTENER : completionListener;
        if (loader == null) {
            listener.onCompletion();
            return;
        }
        executor.execute(() -> {
            try {
                List<K> wanted = new ArrayList<>();
                for (K key : asked) {
                    if (replaceExistingValues || !backend.exists(keys.encode(key))) {
                        wanted.add(key);
                    }
                }
                if (!wanted.isEmpty()) {
                    Map<K, V> loaded = loadAll(wanted);
                    for (Map.Entry<K, V> entry : loaded.entrySet()) {
                        K key = entry.getKey();
                        V value = entry.getValue();
                        if (key == null || value == null) {
                            continue;
                        }
                        String stored = keys.encode(key);
                        if (replaceExistingValues) {
                            store(key, stored, value, new Expiries(expiry));
                        } else {
                            storeLoaded(key, stored, value);
                        }
                    }
                }
                listener.onCompletion();
            } catch (Exception e) {
                listener.onException(e);
            }
        });
    }

    private static final CompletionListener NO_LISTENER = new CompletionListener() {
        @Override
        public void onCompletion() {
        }

        @Override
        public void onException(Exception e) {
        }
    };

    private @Nullable V load(K key) {
        try {
            return Objects.requireNonNull(loader).load(key);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheLoaderException("the loader of cache '" + name + "' failed on " + key, e);
        }
    }

    private Map<K, V> loadAll(List<K> wanted) {
        try {
            Map<K, V> loaded = Objects.requireNonNull(loader).loadAll(wanted);
            return loaded == null ? Map.of() : loaded;
        } catch (CacheLoaderException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheLoaderException("the loader of cache '" + name + "' failed", e);
        }
    }

    private @Nullable V loadAndStore(K key, String stored) {
        V loaded = load(key);
        if (loaded != null) {
            storeLoaded(key, stored, loaded);
        }
        return loaded;
    }

    // A loaded value never overwrites one that another writer stored meanwhile, and is not written through.
    private void storeLoaded(K key, String stored, V value) {
        Ttl ttl = new Expiries(expiry).creation();
        if (ttl.expired()) {
            return;
        }
        if (backend.compareAndSet(stored, null, value, ttl.duration(), false)) {
            fire(EventType.CREATED, key, value, null);
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public void put(K key, V value) {
        ensureOpen();
        checkTypes(key, value);
        long start = start();
        write(key, value);
        if (store(key, keys.encode(key), value, new Expiries(expiry)).stored()) {
            countPut(start);
        }
    }

    @Override
    public @Nullable V getAndPut(K key, V value) {
        ensureOpen();
        checkTypes(key, value);
        long start = start();
        write(key, value);
        Stored<V> result = store(key, keys.encode(key), value, new Expiries(expiry));
        count(result.old() != null);
        if (result.stored()) {
            countPut(start);
        }
        return result.old();
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        ensureOpen();
        Objects.requireNonNull(map, "map");
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            checkTypes(entry.getKey(), entry.getValue());
        }
        long start = start();
        Map<K, V> toStore = new LinkedHashMap<>(map);
        RuntimeException failure = null;
        if (configuration.isWriteThrough() && writer != null) {
            List<Cache.Entry<? extends K, ? extends V>> entries = new ArrayList<>();
            for (Map.Entry<K, V> entry : toStore.entrySet()) {
                entries.add(new CashewsJCacheEntry<>(entry.getKey(), entry.getValue()));
            }
            try {
                writer.writeAll(entries);
            } catch (Exception e) {
                failure = e instanceof CacheWriterException cwe ? cwe : new CacheWriterException(e);
                // what the writer left in the collection was not written: not stored either
                for (Cache.Entry<? extends K, ? extends V> unwritten : entries) {
                    toStore.remove(unwritten.getKey());
                }
            }
        }
        long stored = 0;
        for (Map.Entry<K, V> entry : toStore.entrySet()) {
            if (store(entry.getKey(), keys.encode(entry.getKey()), entry.getValue(), new Expiries(expiry)).stored()) {
                stored++;
            }
        }
        if (start != 0 && stored > 0) {
            statistics.puts(stored);
            statistics.putTime(System.nanoTime() - start);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        ensureOpen();
        checkTypes(key, value);
        long start = start();
        String stored = keys.encode(key);
        if (backend.exists(stored)) {
            count(true);
            return false;
        }
        write(key, value);
        Ttl ttl = new Expiries(expiry).creation();
        boolean created;
        if (ttl.expired()) {
            created = !backend.exists(stored);
            if (created) {
                fire(EventType.EXPIRED, key, value, value);
            }
        } else {
            created = backend.compareAndSet(stored, null, value, ttl.duration(), false);
            if (created) {
                fire(EventType.CREATED, key, value, null);
                countPut(start);
            }
        }
        count(!created);
        return created;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        ensureOpen();
        checkTypes(key, newValue);
        Objects.requireNonNull(oldValue, "oldValue");
        long start = start();
        String stored = keys.encode(key);
        Expiries expiries = new Expiries(expiry);
        if (!whenEqual(key, stored, oldValue, expiries, () -> write(key, newValue),
                (raw, current) -> update(key, stored, raw, current, newValue, expiries))) {
            return false;
        }
        countPut(start);
        return true;
    }

    /** What replace(k, old, new) and remove(k, v) do to an entry found equal: false when another writer came first. */
    private interface WhenEqual<V> {
        boolean apply(Object raw, V current);
    }

    // replace(k, old, new) and remove(k, v): a miss when missing, a hit that only reads (access
    // expiry) when the value differs, else the writer once and the action, retried from a fresh read.
    private boolean whenEqual(K key, String stored, V expected, Expiries expiries, Runnable throughWriter, WhenEqual<V> action) {
        boolean written = false;
        for (int attempt = 1; ; attempt++) {
            giveUpAfter(attempt, key);
            Object raw = backend.get(stored);
            if (raw == null) {
                count(false);
                return false;
            }
            V current = value(raw);
            if (!current.equals(expected)) {
                count(true);
                touch(key, stored, raw, current, expiries);
                return false;
            }
            if (!written) {
                throughWriter.run();
                written = true;
            }
            if (action.apply(raw, current)) {
                count(true);
                return true;
            }
        }
    }

    @Override
    public boolean replace(K key, V value) {
        return replaced(key, value) != null;
    }

    @Override
    public @Nullable V getAndReplace(K key, V value) {
        return replaced(key, value);
    }

    // replace(k, v) and getAndReplace: the old value, null when the key was missing
    private @Nullable V replaced(K key, V value) {
        ensureOpen();
        checkTypes(key, value);
        long start = start();
        String stored = keys.encode(key);
        Expiries expiries = new Expiries(expiry);
        boolean written = false;
        for (int attempt = 1; ; attempt++) {
            giveUpAfter(attempt, key);
            Object raw = backend.get(stored);
            if (raw == null) {
                count(false);
                return null;
            }
            V current = value(raw);
            if (!written) {
                write(key, value);
                written = true;
            }
            if (update(key, stored, raw, current, value, expiries)) {
                count(true);
                countPut(start);
                return current;
            }
        }
    }

    /** What {@link #store} did: whether the value is stored, and the value it replaced. */
    private record Stored<V>(boolean stored, @Nullable V old) {
    }

    // Stores a value as put does: created with the creation TTL, or updated with the update TTL
    // (null: keeping the entry's own), with the events; retries when another writer came between
    // the read and the compare-and-set.
    private Stored<V> store(K key, String stored, V value, Expiries expiries) {
        for (int attempt = 1; ; attempt++) {
            giveUpAfter(attempt, key);
            Object raw = backend.get(stored);
            if (raw == null) {
                Ttl ttl = expiries.creation();
                if (ttl.expired()) {
                    if (!backend.exists(stored)) {
                        fire(EventType.EXPIRED, key, value, value);
                        return new Stored<>(false, null);
                    }
                    continue;
                }
                if (backend.compareAndSet(stored, null, value, ttl.duration(), false)) {
                    fire(EventType.CREATED, key, value, null);
                    return new Stored<>(true, null);
                }
            } else {
                V old = value(raw);
                if (update(key, stored, raw, old, value, expiries)) {
                    return new Stored<>(true, old);
                }
            }
        }
    }

    // Replaces what was read (raw) by value, with the update TTL; fires the update. False when
    // another writer changed the entry since it was read.
    private boolean update(K key, String stored, Object raw, V old, V value, Expiries expiries) {
        Ttl ttl = expiries.update();
        if (ttl != null && ttl.expired()) {
            if (!backend.deleteIfEquals(stored, raw)) {
                return false;
            }
            fire(EventType.UPDATED, key, value, old);
            fire(EventType.EXPIRED, key, value, value);
            return true;
        }
        if (!backend.compareAndSet(stored, raw, value, ttl == null ? null : ttl.duration(), ttl == null)) {
            return false;
        }
        fire(EventType.UPDATED, key, value, old);
        return true;
    }

    // An entry that was read: the access TTL, or gone when that is zero.
    private void touch(K key, String stored, Object raw, V value, Expiries expiries) {
        Ttl ttl = expiries.access();
        if (ttl == null) {
            return;
        }
        if (ttl.expired()) {
            if (backend.deleteIfEquals(stored, raw)) {
                fire(EventType.EXPIRED, key, value, value);
            }
        } else {
            backend.expire(stored, ttl.duration());
        }
    }

    // ---------------------------------------------------------------- removal

    @Override
    public boolean remove(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        long start = start();
        delete(key);
        Object old = backend.getAndDelete(keys.encode(key));
        if (old == null) {
            return false;
        }
        V value = value(old);
        fire(EventType.REMOVED, key, value, value);
        countRemoval(start);
        return true;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        long start = start();
        String stored = keys.encode(key);
        boolean removed = whenEqual(key, stored, oldValue, new Expiries(expiry), () -> delete(key), (raw, current) -> {
            if (!backend.deleteIfEquals(stored, raw)) {
                return false;
            }
            fire(EventType.REMOVED, key, current, current);
            return true;
        });
        if (removed) {
            countRemoval(start);
        }
        return removed;
    }

    @Override
    public @Nullable V getAndRemove(K key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        long start = start();
        delete(key);
        Object old = backend.getAndDelete(keys.encode(key));
        count(old != null);
        if (old == null) {
            return null;
        }
        V value = value(old);
        fire(EventType.REMOVED, key, value, value);
        countRemoval(start);
        return value;
    }

    @Override
    public void removeAll(Set<? extends K> keySet) {
        ensureOpen();
        removeKeys(nonNullKeys(keySet));
    }

    @Override
    public void removeAll() {
        ensureOpen();
        List<K> present = new ArrayList<>();
        for (String stored : backend.scan(keys.all())) {
            K key = key(stored);
            if (key != null) {
                present.add(key);
            }
        }
        removeKeys(present);
    }

    private void removeKeys(List<K> asked) {
        if (asked.isEmpty()) {
            return;
        }
        long start = start();
        Set<K> toDelete = new LinkedHashSet<>(asked);
        RuntimeException failure = null;
        if (configuration.isWriteThrough() && writer != null) {
            Collection<Object> pending = new ArrayList<>(toDelete);
            try {
                writer.deleteAll(pending);
            } catch (Exception e) {
                failure = e instanceof CacheWriterException cwe ? cwe : new CacheWriterException(e);
                // what the writer left in the collection was not deleted there: kept here too
                toDelete.removeAll(new HashSet<>(pending));
            }
        }
        long removed = 0;
        for (K key : toDelete) {
            Object old = backend.getAndDelete(keys.encode(key));
            if (old != null) {
                V value = value(old);
                fire(EventType.REMOVED, key, value, value);
                removed++;
            }
        }
        if (start != 0 && removed > 0) {
            statistics.removals(removed);
            statistics.removeTime(System.nanoTime() - start);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void clear() {
        ensureOpen();
        backend.deleteMatch(keys.all());
    }

    // ---------------------------------------------------------------- processors

    @Override
    public <T> @Nullable T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(entryProcessor, "entryProcessor");
        String stored = keys.encode(key);
        ReentrantLock lock = locks[Math.floorMod(stored.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            for (int run = 1; ; run++) {
                giveUpAfter(run, key);
                Attempt<T> attempt = attempt(key, stored, entryProcessor, arguments);
                if (attempt.applied) {
                    return attempt.result;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static final class Attempt<T> {
        final boolean applied;
        final @Nullable T result;

        Attempt(boolean applied, @Nullable T result) {
            this.applied = applied;
            this.result = result;
        }
    }

    // One run of the processor on a fresh read, applied with one compare-and-set.
    private <T> Attempt<T> attempt(K key, String stored, EntryProcessor<K, V, T> processor, Object... arguments) {
        long start = start();
        Object raw = backend.get(stored);
        V original = raw == null ? null : value(raw);
        ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, original,
                configuration.isReadThrough() && loader != null ? this::load : null);
        T result;
        try {
            result = processor.process(entry, arguments);
        } catch (EntryProcessorException e) {
            throw e;
        } catch (Exception e) {
            throw new EntryProcessorException(e);
        }
        Expiries expiries = new Expiries(expiry);
        switch (entry.change()) {
            case NONE -> {
                if (entry.wasRead() && raw != null) {
                    touch(key, stored, raw, Objects.requireNonNull(original), expiries);
                }
            }
            case LOADED -> storeLoaded(key, stored, Objects.requireNonNull(entry.current()));
            case CREATED -> {
                V value = Objects.requireNonNull(entry.current());
                checkTypes(key, value);
                if (backend.exists(stored)) {
                    return new Attempt<>(false, null);
                }
                write(key, value);
                Ttl ttl = expiries.creation();
                if (!ttl.expired()) {
                    if (!backend.compareAndSet(stored, null, value, ttl.duration(), false)) {
                        return new Attempt<>(false, null);
                    }
                    fire(EventType.CREATED, key, value, null);
                    countPut(start);
                }
            }
            case UPDATED -> {
                V value = Objects.requireNonNull(entry.current());
                checkTypes(key, value);
                write(key, value);
                if (!update(key, stored, Objects.requireNonNull(raw), Objects.requireNonNull(original), value, expiries)) {
                    return new Attempt<>(false, null);
                }
                countPut(start);
            }
            case REMOVED -> {
                delete(key);
                if (!backend.deleteIfEquals(stored, Objects.requireNonNull(raw))) {
                    return new Attempt<>(false, null);
                }
                V old = Objects.requireNonNull(original);
                fire(EventType.REMOVED, key, old, old);
                countRemoval(start);
            }
            // a missing entry removed: nothing to delete here, but the writer deletes it too
            case REMOVED_MISSING -> delete(key);
        }
        // the lookup itself is the hit or the miss, whatever the processor did (TCK statistics)
        count(raw != null);
        return new Attempt<>(true, result);
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keySet, EntryProcessor<K, V, T> entryProcessor,
            Object... arguments) {
        ensureOpen();
        List<K> asked = nonNullKeys(keySet);
        Objects.requireNonNull(entryProcessor, "entryProcessor");
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : asked) {
            try {
                T result = invoke(key, entryProcessor, arguments);
                if (result != null) {
                    results.put(key, () -> result);
                }
            } catch (EntryProcessorException e) {
                results.put(key, () -> {
                    throw e;
                });
            }
        }
        return results;
    }

    // ---------------------------------------------------------------- iteration

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        ensureOpen();
        List<String> stored = backend.scan(keys.all());
        return new Iterator<>() {
            private int next;
            private @Nullable CashewsJCacheEntry<K, V> ahead;
            private @Nullable CashewsJCacheEntry<K, V> last;

            @Override
            public boolean hasNext() {
                while (ahead == null && next < stored.size()) {
                    String candidate = stored.get(next++);
                    K key = key(candidate);
                    if (key == null) {
                        continue;
                    }
                    long start = start();
                    Object raw = backend.get(candidate);
                    if (raw != null) {
                        V value = value(raw);
                        count(true);
                        if (start != 0) {
                            statistics.getTime(System.nanoTime() - start);
                        }
                        touch(key, candidate, raw, value, new Expiries(expiry));
                        ahead = new CashewsJCacheEntry<>(key, value);
                    }
                }
                return ahead != null;
            }

            @Override
            public Cache.Entry<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = ahead;
                ahead = null;
                return Objects.requireNonNull(last);
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() was not called, or remove() was called already");
                }
                K key = last.getKey();
                last = null;
                CashewsJCache.this.remove(key);
            }
        };
    }

    // ---------------------------------------------------------------- listeners, configuration

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        ensureOpen();
        Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
        // MutableConfiguration refuses a configuration registered already (IllegalArgumentException)
        configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
        listeners.register(listenerConfiguration);
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        ensureOpen();
        Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
        configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
        listeners.deregister(listenerConfiguration);
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        if (type.isInstance(configuration)) {
            return type.cast(configuration);
        }
        throw new IllegalArgumentException("the configuration of a CashewsJCache is a CompleteConfiguration, not a " + type.getName());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    /**
     * Returns this cache's statistics, as they are published on the platform MBean server while
     * statistics are enabled.
     *
     * @return the statistics; they count only while statistics are enabled
     */
    public CacheStatisticsMXBean statistics() {
        return statistics;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Jmx.unregister(objectName("CacheConfiguration"));
        Jmx.unregister(objectName("CacheStatistics"));
        listeners.closeAll();
        Listeners.close(loader);
        Listeners.close(writer);
        Listeners.close(expiry);
        if (own != null) {
            own.close();
        }
        manager.released(this);
    }

    /** Removes every entry and closes: what {@link CacheManager#destroyCache} does. */
    void destroy() {
        if (!closed) {
            backend.deleteMatch(keys.all());
        }
        close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Returns this cache as {@code type}.
     *
     * @param type {@code CashewsJCache} or one of its supertypes
     * @return this cache
     * @throws IllegalArgumentException if this cache is not a {@code type}
     */
    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.as(this, type);
    }

    void enableManagement(boolean enabled) {
        configuration.setManagementEnabled(enabled);
        if (enabled) {
            Jmx.register(bean, objectName("CacheConfiguration"));
        } else {
            Jmx.unregister(objectName("CacheConfiguration"));
        }
    }

    void enableStatistics(boolean enabled) {
        configuration.setStatisticsEnabled(enabled);
        if (enabled) {
            Jmx.register(statistics, objectName("CacheStatistics"));
        } else {
            Jmx.unregister(objectName("CacheStatistics"));
        }
    }

    CompleteConfiguration<K, V> configuration() {
        return configuration;
    }

    @Override
    public String toString() {
        return "CashewsJCache[" + name + " on " + manager.getURI() + "]";
    }

    // ---------------------------------------------------------------- helpers

    // A compare-and-set loses only to another writer, which then has made progress; a store that
    // refuses every write without an error (suppress=true on a failing Redis) would loop forever.
    private void giveUpAfter(int attempt, Object key) {
        if (attempt > MAX_ATTEMPTS) {
            throw new CacheException("cache '" + name + "': no compare-and-set on key " + key + " succeeded in "
                    + MAX_ATTEMPTS + " attempts; the backend refuses writes (a failing store with suppress=true?)");
        }
    }

    private ObjectName objectName(String type) {
        return Jmx.name(type, manager.getURI().toString(), name);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    private void checkTypes(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Class<K> keyType = configuration.getKeyType();
        Class<V> type = configuration.getValueType();
        if (keyType != Object.class && !keyType.isInstance(key)) {
            throw new ClassCastException("key " + key + " is not a " + keyType.getName() + ", the key type of cache '" + name + "'");
        }
        if (type != Object.class && !type.isInstance(value)) {
            throw new ClassCastException("value " + value + " is not a " + type.getName() + ", the value type of cache '" + name + "'");
        }
    }

    private List<K> nonNullKeys(Set<? extends K> keySet) {
        Objects.requireNonNull(keySet, "keys");
        List<K> asked = new ArrayList<>(keySet.size());
        for (K key : keySet) {
            asked.add(Objects.requireNonNull(key, "a key in the set is null"));
        }
        return asked;
    }

    @SuppressWarnings("unchecked")
    private V value(Object raw) {
        if (raw instanceof PendingValue pending) {
            return (V) Objects.requireNonNull(pending.as(valueType), "a stored value that no longer decodes");
        }
        return (V) raw;
    }

    @SuppressWarnings("unchecked")
    private @Nullable K key(String stored) {
        return (K) keys.decode(stored);
    }

    private void write(K key, V value) {
        if (!configuration.isWriteThrough() || writer == null) {
            return;
        }
        try {
            writer.write(new CashewsJCacheEntry<>(key, value));
        } catch (CacheWriterException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheWriterException("the writer of cache '" + name + "' failed on " + key, e);
        }
    }

    private void delete(K key) {
        if (!configuration.isWriteThrough() || writer == null) {
            return;
        }
        try {
            writer.delete(key);
        } catch (CacheWriterException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheWriterException("the writer of cache '" + name + "' failed deleting " + key, e);
        }
    }

    private void fire(EventType type, K key, @Nullable V value, @Nullable V oldValue) {
        if (!listeners.isEmpty()) {
            listeners.fire(new EntryEvent<>(this, type, key, value, oldValue));
        }
    }

    // System.nanoTime() when statistics are on, else 0
    private long start() {
        return configuration.isStatisticsEnabled() ? System.nanoTime() : 0;
    }

    private void count(boolean hit) {
        if (configuration.isStatisticsEnabled()) {
            if (hit) {
                statistics.hits(1);
            } else {
                statistics.misses(1);
            }
        }
    }

    private void countPut(long start) {
        if (start != 0) {
            statistics.puts(1);
            statistics.putTime(System.nanoTime() - start);
        }
    }

    private void countRemoval(long start) {
        if (start != 0) {
            statistics.removals(1);
            statistics.removeTime(System.nanoTime() - start);
        }
    }
}
