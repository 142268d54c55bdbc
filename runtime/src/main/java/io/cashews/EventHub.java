package io.cashews;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of one instance, in a copy-on-write array read through one volatile field: with no
 * listener, a reporting site costs that read and nothing else. Events reach listeners as their
 * fields; a {@link CacheEvent} is built only by listeners that take one (the default method).
 */
final class EventHub {
    private static final System.Logger LOG = System.getLogger(CacheEventListener.class.getName());
    private static final CacheEventListener[] NONE = new CacheEventListener[0];

    private volatile CacheEventListener[] listeners = NONE;
    // The listeners whose first failure was logged loudly; touched only when one throws.
    private final Map<CacheEventListener, Boolean> failed = Collections.synchronizedMap(new IdentityHashMap<>());

    boolean active() {
        return listeners.length != 0;
    }

    Scope add(CacheEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            CacheEventListener[] old = listeners;
            CacheEventListener[] next = new CacheEventListener[old.length + 1];
            System.arraycopy(old, 0, next, 0, old.length);
            next[old.length] = listener;
            listeners = next;
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                remove(listener);
            }
        };
    }

    private synchronized void remove(CacheEventListener listener) {
        CacheEventListener[] old = listeners;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == listener) {
                CacheEventListener[] next = new CacheEventListener[old.length - 1];
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                listeners = next.length == 0 ? NONE : next;
                return;
            }
        }
    }

    void emit(CacheEvent.Kind kind, String strategy, @Nullable String template, String key, String backend,
            long durationNanos, @Nullable String outcome) {
        for (CacheEventListener listener : listeners) {
            try {
                listener.onEvent(kind, strategy, template, key, backend, durationNanos, outcome);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                failed(listener, new CacheEvent(kind, strategy, template, key, backend, durationNanos, outcome), e);
            }
        }
    }

    private void failed(CacheEventListener listener, CacheEvent event, Throwable failure) {
        // Loudly once per listener, then quietly: a broken listener runs on every call.
        boolean first = failed.putIfAbsent(listener, Boolean.TRUE) == null;
        LOG.log(first ? Level.WARNING : Level.DEBUG, () -> "cache event listener " + listener
                + " threw on " + event + "; the call goes on" + (first ? " (later failures are logged at DEBUG)" : ""),
                failure);
    }
}
