package io.cashews.jcache;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * One event of a {@link CashewsJCache}. For a removed or expired entry both the value and the old
 * value are the value the entry had, as JCache 1.1 asks.
 */
final class EntryEvent<K, V> extends CacheEntryEvent<K, V> {

    private static final long serialVersionUID = 1L;

    private final K key;
    private final @Nullable V value;
    private final @Nullable V oldValue;

    EntryEvent(Cache<K, V> source, EventType type, K key, @Nullable V value, @Nullable V oldValue) {
        super(source, type);
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public @Nullable V getValue() {
        return value;
    }

    @Override
    public @Nullable V getOldValue() {
        return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValue != null;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.as(this, type);
    }

    @Override
    public String toString() {
        return "EntryEvent[" + getEventType() + " " + key + "=" + value + (oldValue == null ? "" : ", old " + oldValue) + "]";
    }
}
