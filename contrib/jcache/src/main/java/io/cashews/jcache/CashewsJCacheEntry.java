package io.cashews.jcache;

import javax.cache.Cache;

/**
 * An entry of a {@link CashewsJCache}, as its iterator hands them out and as a
 * {@link javax.cache.integration.CacheWriter} receives them: a key and a value read at one moment,
 * not a live view of the cache.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CashewsJCacheEntry<K, V> implements Cache.Entry<K, V> {

    private final K key;
    private final V value;

    CashewsJCacheEntry(K key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    /**
     * Returns this entry as {@code type}.
     *
     * @param type {@code CashewsJCacheEntry} or one of its supertypes
     * @return this entry
     * @throws IllegalArgumentException if this entry is not a {@code type}
     */
    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.as(this, type);
    }

    @Override
    public String toString() {
        return "CashewsJCacheEntry[" + key + "=" + value + "]";
    }
}
