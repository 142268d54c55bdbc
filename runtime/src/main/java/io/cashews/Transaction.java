package io.cashews;

import io.cashews.base.Failures;
import io.cashews.base.LockWait;
import io.cashews.spi.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open transaction: one {@link TransactionBackend} per backend it touched, created on first use,
 * committed in that order. Its state is guarded by its own monitor, because an asynchronous call
 * that captured it may issue commands from another thread while the owner works on.
 */
final class Transaction implements CacheTransaction {

    private final Cashews cache;
    private final TransactionMode mode;
    private final Duration timeout;
    // Identifies this transaction's locks on the backends (compare-and-delete unlock).
    // Also the value of its locks: from the one source of lock values.
    private final String id = LockWait.newToken();
    // The frame on the opening thread's scope stack; closed (there) when the transaction ends or detaches.
    private volatile Scope frame = () -> { };
    // Route identity -> its wrapper; raw backend identity -> its buffer (one per backend, even if
    // the route is rebuilt meanwhile, say by addMiddleware); buffers in first-touched order.
    private final Map<Route, Route> routes = new IdentityHashMap<>();
    private final Map<Backend, TransactionBackend> buffers = new IdentityHashMap<>();
    private final List<TransactionBackend> touched = new ArrayList<>();
    private volatile boolean finished;

    Transaction(Cashews cache, TransactionMode mode, Duration timeout) {
        this.cache = cache;
        this.mode = mode;
        this.timeout = timeout;
    }

    TransactionMode mode() {
        return mode;
    }

    Duration timeout() {
        return timeout;
    }

    String id() {
        return id;
    }

    Cashews cache() {
        return cache;
    }

    void attach(Scope frame) {
        this.frame = frame;
    }

    /**
     * Takes the transaction off the opening thread's scope stack without ending it, so that it
     * lives on in the proxied calls that captured it (an asynchronous {@code @CacheTransaction}).
     */
    void detach() {
        frame.close();
    }

    boolean finished() {
        return finished;
    }

    synchronized Route route(Route route) {
        if (finished) {
            return route;
        }
        Route wrapped = routes.get(route);
        if (wrapped == null) {
            // The buffer sits under the route's middleware chain, over the raw backend: middlewares,
            // callbacks and disabling see each command as issued, and a commit writes the raw backend.
            TransactionBackend backend = buffers.get(route.raw);
            if (backend == null) {
                backend = new TransactionBackend(this, route.raw);
                buffers.put(route.raw, backend);
                touched.add(backend);
            }
            Route plain = new Route(route.prefix, backend, route.switchedOff, route.own, route.scheme);
            wrapped = route.backend instanceof ChainedBackend ? plain.chained(cache, cache.instanceMiddlewares()) : plain;
            routes.put(route, wrapped);
        }
        return wrapped;
    }

    @Override
    public synchronized void commit() {
        if (finished) {
            throw new IllegalStateException("the transaction is closed; open a new one to write again");
        }
        try {
            // Every lock checked (and extended) before the first backend is written.
            touched.forEach(TransactionBackend::prepare);
            touched.forEach(TransactionBackend::apply);
        } catch (RuntimeException | Error e) {
            // Release what can be released; a failed release must not hide why the commit failed.
            try {
                endRound();
            } catch (RuntimeException release) {
                e.addSuppressed(release);
            }
            throw e;
        }
        endRound();
    }

    @Override
    public synchronized void rollback() {
        if (!finished) {
            endRound();
        }
    }

    // Both ends of a round: forget the buffer, release every lock (even if one release fails).
    private void endRound() {
        Failures.forEach(touched, TransactionBackend::reset);
    }

    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        try {
            endRound();
        } finally {
            finished = true;
            // On another thread this does nothing there; the opening thread then skips the finished frame.
            frame.close();
        }
    }

    /** The handle a nested {@code transaction(...)} gets: it joins this one and decides nothing. */
    CacheTransaction joined() {
        return new CacheTransaction() {
            @Override
            public void commit() {
                // The outermost transaction commits.
            }

            @Override
            public void rollback() {
                Transaction.this.rollback();
            }

            @Override
            public void close() {
                // The outermost transaction closes.
            }
        };
    }

    @Override
    public String toString() {
        return "CacheTransaction[" + mode + ", timeout " + timeout + (finished ? ", closed" : "") + "]";
    }
}
