package io.cashews.jcache;

import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.jspecify.annotations.Nullable;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on: a snapshot of the stored
 * value and a record of what the processor did with it, which {@link CashewsJCache#invoke}
 * then applies in one compare-and-set (or retries from a fresh snapshot if another writer came
 * first). Reading a missing entry of a read-through cache loads it, once.
 */
final class ProcessorEntry<K, V> implements MutableEntry<K, V> {

    /** What the processor's work amounts to, against the entry as it was stored. */
    enum Change {
        /** Nothing written; the entry may have been read. */
        NONE,
        /** A missing entry was loaded and nothing else: stored as a load. */
        LOADED,
        /** A value set on a missing entry. */
        CREATED,
        /** A value set on an existing entry. */
        UPDATED,
        /** An existing entry removed. */
        REMOVED,
        /** A missing entry removed: nothing changes here, the writer is told. */
        REMOVED_MISSING
    }

    interface Loader<K, V> {
        @Nullable V load(K key);
    }

    private final K key;
    private final @Nullable V original;
    private final @Nullable Loader<K, V> loader;
    private @Nullable V current;
    private Change change = Change.NONE;
    private boolean read;

    ProcessorEntry(K key, @Nullable V original, @Nullable Loader<K, V> loader) {
        this.key = key;
        this.original = original;
        this.current = original;
        this.loader = loader;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public @Nullable V getValue() {
        if (change == Change.NONE && !read) {
            read = true;
            if (original == null && loader != null) {
                V loaded = loader.load(key);
                if (loaded != null) {
                    current = loaded;
                    change = Change.LOADED;
                }
            }
        }
        return current;
    }

    @Override
    public boolean exists() {
        return current != null;
    }

    @Override
    public void remove() {
        current = null;
        if (original != null) {
            change = Change.REMOVED;
        } else {
            // a value this processor created and removed again never existed for anyone else
            change = change == Change.CREATED ? Change.NONE : Change.REMOVED_MISSING;
        }
    }

    @Override
    public void setValue(V value) {
        Objects.requireNonNull(value, "value");
        current = value;
        change = original == null ? Change.CREATED : Change.UPDATED;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.as(this, type);
    }

    Change change() {
        return change;
    }

    @Nullable V current() {
        return current;
    }

    /** Whether the processor read the value before changing anything. */
    boolean wasRead() {
        return read;
    }
}
