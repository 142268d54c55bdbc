package io.cashews;

import io.cashews.spi.Backend;
import org.jspecify.annotations.Nullable;

/**
 * Code that runs around every backend command of a {@link Cashews} instance: it sees the
 * command, the backend that serves it and the arguments, and decides whether and how to go on.
 * <pre>{@code
 * Middleware timing = (command, backend, args, next) -> {
 *     long start = System.nanoTime();
 *     try {
 *         return next.call(args);
 *     } finally {
 *         metrics.record(command, System.nanoTime() - start);
 *     }
 * };
 * cache.setup("redis://localhost", "", Map.of(), timing);   // this backend only
 * cache.addMiddleware(timing);                             // every backend of the instance
 * }</pre>
 *
 * <p><b>Order.</b> For one command the chain is, outermost first: the backend's own
 * middlewares in the order given to {@link Cashews#setup(String, String, java.util.Map,
 * Middleware...)}, then the instance-wide ones in the order they were
 * {@linkplain Cashews#addMiddleware(Middleware...) added}, then the built-ins: disabling (a
 * disabled command answers as disabled and goes no further) and callbacks
 * ({@link Cashews#callback(CacheCallback, Command...)}), then the backend. So the first
 * middleware given sees a call first and its result last, and user middlewares see disabled
 * commands too, while callbacks never fire for them.
 *
 * <p><b>Arguments</b> are those of the {@link Backend} method, in its order: {@code SET}
 * {@code [key, value, ttl, exist]}, {@code SET_RAW [key, value]}, {@code SET_MANY [pairs, ttl]},
 * {@code GET}, {@code GET_RAW}, {@code EXISTS}, {@code DELETE}, {@code GET_EXPIRE},
 * {@code GET_EXPIRE_MILLIS}, {@code IS_LOCKED}, {@code SET_MEMBERS} {@code [key]}, {@code GET_MANY}
 * and {@code DELETE_MANY}
 * {@code [List<String> keys]}, {@code GET_MATCH}, {@code DELETE_MATCH}, {@code SCAN}
 * {@code [Glob pattern]} (a bounded {@code SCAN}: {@code [Glob pattern, int limit]}), {@code INCR [key, by, ttl]}, {@code SLICE_INCR [key, startMillis,
 * endMillis, maxValue, ttl]}, {@code GET_BITS [key, size, long[] indexes]}, {@code INCR_BITS
 * [key, size, by, long[] indexes]}, {@code EXPIRE [key, ttl]}, {@code SET_LOCK [key, value,
 * expire]}, {@code UNLOCK [key, value]}, {@code SET_ADD [key, ttl, String[] members]},
 * {@code SET_REMOVE [key, String[] members]}, {@code SET_POP [key, count]},
 * {@code GET_AND_SET [key, value, ttl, keepTtl]}, {@code COMPARE_AND_SET [key, expected, value,
 * ttl, keepTtl]} ({@code expected} may be {@code null}), {@code DELETE_IF_EQUALS [key, expected]},
 * {@code GET_AND_DELETE [key]}, and none for
 * {@code PING}, {@code CLEAR}, {@code GET_KEYS_COUNT}. Values are as the backend stores them
 * (a stored {@code null} is {@link io.cashews.spi.NullValue#INSTANCE}); a middleware may pass
 * changed arguments on (the backend was chosen by the original key). Facade-level commands
 * ({@code GET_OR_SET}, {@code LOCK}) reach middlewares as the backend commands they are made of,
 * except that {@code lock(...)} takes and releases its lock on the backend directly.
 *
 * <p><b>Results</b> are those of the backend method; for commands issued through
 * {@link AsyncCashews} (asynchronous proxied methods included) the result is the method's
 * {@link java.util.concurrent.CompletableFuture}, which {@link Next#async()} tells apart.
 * A middleware must not block on such a future.
 */
@FunctionalInterface
public interface Middleware {

    /**
     * Handles one command.
     *
     * @param command the command
     * @param backend the backend that serves it (the backend itself, without middlewares)
     * @param args the arguments, in the layout above; the array may be changed or replaced
     * @param next the rest of the chain
     * @return the command's result: usually what {@code next.call(args)} returned
     */
    @Nullable Object handle(Command command, Backend backend, @Nullable Object[] args, Next next);

    /** The rest of the chain, handed to a {@link Middleware}. */
    interface Next {

        /**
         * Runs the rest of the chain and the backend command.
         *
         * @param args the arguments to go on with
         * @return the result
         */
        @Nullable Object call(@Nullable Object[] args);

        /**
         * Tells whether the command is asynchronous, so that its result is a
         * {@link java.util.concurrent.CompletableFuture}.
         *
         * @return {@code true} for commands issued through {@link AsyncCashews}
         */
        boolean async();
    }
}
