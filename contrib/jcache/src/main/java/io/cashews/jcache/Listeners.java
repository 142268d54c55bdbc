package io.cashews.jcache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * The listeners registered on one cache in this JVM. Events are those of this JVM's operations
 * on the cache: a listener does not hear another process's writes to a shared store, nor the
 * store's own expiry of an entry nobody touched. Synchronous listeners run on the calling thread
 * before the operation returns, and their failures reach the caller as
 * {@link CacheEntryListenerException}; asynchronous ones run in order on a serial executor, and
 * their failures are logged.
 */
final class Listeners<K, V> {

    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());

    private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private final Executor asyncExecutor;

    Listeners(Executor asyncExecutor) {
        this.asyncExecutor = asyncExecutor;
    }

    private record Registration<K, V>(
            CacheEntryListenerConfiguration<K, V> configuration,
            CacheEntryListener<? super K, ? super V> listener,
            @Nullable CacheEntryEventFilter<? super K, ? super V> filter) {
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    void register(CacheEntryListenerConfiguration<K, V> configuration) {
        Factory<CacheEntryListener<? super K, ? super V>> listenerFactory = configuration.getCacheEntryListenerFactory();
        CacheEntryListener<? super K, ? super V> listener = listenerFactory.create();
        Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory = configuration.getCacheEntryEventFilterFactory();
        CacheEntryEventFilter<? super K, ? super V> filter = filterFactory == null ? null : filterFactory.create();
        registrations.add(new Registration<>(configuration, listener, filter));
    }

    void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        for (Registration<K, V> registration : registrations) {
            if (registration.configuration.equals(configuration)) {
                registrations.remove(registration);
                close(registration.listener);
                close(registration.filter);
            }
        }
    }

    void closeAll() {
        for (Registration<K, V> registration : registrations) {
            close(registration.listener);
            close(registration.filter);
        }
        registrations.clear();
    }

    /** Delivers one event to every listener of its type whose filter lets it through. */
    void fire(EntryEvent<K, V> event) {
        for (Registration<K, V> registration : registrations) {
            if (!listens(registration.listener, event.getEventType())) {
                continue;
            }
            EntryEvent<K, V> seen = event;
            if (registration.configuration.isSynchronous()) {
                deliver(registration, seen);
            } else {
                asyncExecutor.execute(() -> {
                    try {
                        deliver(registration, seen);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "an asynchronous cache entry listener failed on " + seen, e);
                    }
                });
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void deliver(Registration<K, V> registration, CacheEntryEvent<K, V> event) {
        if (registration.filter != null && !registration.filter.evaluate(event)) {
            return;
        }
        Iterable<CacheEntryEvent<? extends K, ? extends V>> events = List.of(event);
        try {
            switch (event.getEventType()) {
                case CREATED -> ((CacheEntryCreatedListener<K, V>) registration.listener).onCreated(events);
                case UPDATED -> ((CacheEntryUpdatedListener<K, V>) registration.listener).onUpdated(events);
                case REMOVED -> ((CacheEntryRemovedListener<K, V>) registration.listener).onRemoved(events);
                case EXPIRED -> ((CacheEntryExpiredListener<K, V>) registration.listener).onExpired(events);
            }
        } catch (CacheEntryListenerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheEntryListenerException(e);
        }
    }

    private static boolean listens(CacheEntryListener<?, ?> listener, EventType type) {
        return switch (type) {
            case CREATED -> listener instanceof CacheEntryCreatedListener;
            case UPDATED -> listener instanceof CacheEntryUpdatedListener;
            case REMOVED -> listener instanceof CacheEntryRemovedListener;
            case EXPIRED -> listener instanceof CacheEntryExpiredListener;
        };
    }

    static void close(@Nullable Object resource) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing " + resource + " failed", e);
            }
        }
    }
}
