package io.cashews.internal;

import io.cashews.codec.CachedException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** Reads the stored elements one by one, as the consumer asks for them. */
final class ReplayIterator<T extends @Nullable Object> implements Iterator<T> {
    private static final Object MISS = ElementStore.MISS;
    private final ElementStore elements;
    private final String key;
    private final long count;
    private long index;
    private @Nullable Object next = MISS;
    private boolean ended;

    ReplayIterator(ElementStore elements, String key, long count) {
        this.elements = elements;
        this.key = key;
        this.count = count;
    }

    @Override
    public boolean hasNext() {
        if (next != MISS) {
            return true;
        }
        if (ended || index >= count) {
            ended = true;
            return false;
        }
        next = elements.cache.strategyStore().getAs(ElementStore.elementKey(key, index), elements.elementType, MISS);
        if (next == MISS) {
            // An element expired or was evicted: the replay ends here rather than skip it.
            ended = true;
            return false;
        }
        index++;
        if (next instanceof CachedException cached) {
            // A stored failure ends the sequence as it ended the first time.
            ended = true;
            next = MISS;
            throw cached.rethrow();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more elements under " + key);
        }
        Object element = next;
        next = MISS;
        return CacheMethod.value(element);
    }
}
