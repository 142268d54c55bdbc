package io.cashews.internal;

import io.cashews.codec.CachedException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** Hands on the source's elements, storing each first, and the marker at the end. */
final class RecordingIterator<T extends @Nullable Object> implements Iterator<T> {
    private final ElementStore elements;
    private final String key;
    private final @Nullable Object @Nullable [] args;
    private final Iterator<? extends T> source;
    private long index;
    private long firstStoredAt;
    // Set when an element was not stored: the sequence can no longer be replayed whole.
    private boolean gap;
    private boolean finished;

    RecordingIterator(ElementStore elements, String key, @Nullable Object @Nullable [] args, Iterator<? extends T> source) {
        this.elements = elements;
        this.key = key;
        this.args = args;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        boolean more;
        try {
            more = source.hasNext();
        } catch (RuntimeException | Error error) {
            failed(error);
            throw error;
        }
        if (!more && !finished) {
            finished = true;
            Duration markerTtl = elements.markerTtl(firstStoredAt, index > 0);
            if (!gap && markerTtl != null) {
                elements.storeMarker(key, index, markerTtl);
            }
        }
        return more;
    }

    @Override
    public T next() {
        T element;
        try {
            element = source.next();
        } catch (NoSuchElementException end) {
            // The consumer's mistake, not the source failing.
            throw end;
        } catch (RuntimeException | Error error) {
            failed(error);
            throw error;
        }
        String elementKey = ElementStore.elementKey(key, index);
        if (index == 0) {
            firstStoredAt = elements.clock.nanoTime();
        }
        if (elements.accepts(element, args, elementKey)) {
            elements.store(elementKey, element, elements.ttl);
        } else {
            gap = true;
        }
        index++;
        return element;
    }

    /**
     * The source threw: without withExceptions nothing is written (no marker, so the next
     * call computes again); with it, the exception becomes the last element.
     */
    private void failed(Throwable error) {
        if (!finished && !gap && elements.storesException(error)) {
            finished = true;
            if (index == 0) {
                firstStoredAt = elements.clock.nanoTime();
            }
            elements.store(ElementStore.elementKey(key, index), new CachedException(error), elements.ttl);
            Duration markerTtl = elements.markerTtl(firstStoredAt, true);
            if (markerTtl != null) {
                elements.storeMarker(key, index + 1, markerTtl);
            }
        }
        finished = true;
    }
}
