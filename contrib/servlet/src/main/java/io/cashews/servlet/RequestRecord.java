package io.cashews.servlet;

import io.cashews.Cashews;
import io.cashews.Detect;
import io.cashews.DetectCall;
import io.cashews.base.ThreadScopes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one cache served and stored while one request ran: the hits its strategies reported to
 * {@link Cashews#detect()} and the values written through the instance (seen by
 * {@link Recording}'s middleware). Thread-safe: asynchronous proxied calls report from the threads
 * that complete them, which carry the request's scopes.
 */
final class RequestRecord {

    /** The thread-bound scope that holds a request's records, one per cache instance. */
    static final ThreadScopes.Kind<RequestRecord> KIND = new ThreadScopes.Kind<>("servlet request record");

    /** One data key: the value the request saw last and the TTL it was stored or read with. */
    record Entry(@Nullable Object value, @Nullable Duration ttl, boolean hit) {
    }

    final Cashews cache;
    private final Detect detect;
    private final Map<String, Entry> stored = new TreeMap<>();
    private int changes;

    private RequestRecord(Cashews cache, Detect detect) {
        this.cache = cache;
        this.detect = detect;
    }

    /**
     * The record of {@code cache} open on this thread, or {@code null}.
     *
     * @param cache the instance
     * @return the record
     */
    static @Nullable RequestRecord current(Cashews cache) {
        return ThreadScopes.first(KIND, (record, instance) -> record.cache == instance, cache);
    }

    /**
     * Opens a record of {@code cache} on this thread, or joins the one open already (two filters
     * of one instance share a record).
     *
     * @param cache the instance
     * @return the handle; closing it closes the record if this call opened it
     */
    static Handle open(Cashews cache) {
        RequestRecord open = current(cache);
        if (open != null) {
            return new Handle(open, null);
        }
        Recording.install(cache);
        Detect detect = cache.detect();
        RequestRecord record = new RequestRecord(cache, detect);
        ThreadScopes.Frame frame = ThreadScopes.open(KIND, record);
        return new Handle(record, () -> {
            frame.close();
            detect.close();
        });
    }

    /** A record as one filter holds it. */
    static final class Handle implements AutoCloseable {
        final RequestRecord record;
        private final @Nullable Runnable close;

        private Handle(RequestRecord record, @Nullable Runnable close) {
            this.record = record;
            this.close = close;
        }

        @Override
        public void close() {
            if (close != null) {
                close.run();
            }
        }
    }

    /** Called by the middleware for every value written through the instance. */
    synchronized void stored(String key, Object value, @Nullable Duration ttl) {
        stored.put(key, new Entry(value, ttl, false));
        changes++;
    }

    /**
     * Returns every data key of the request with what the request saw of it: the hits reported so
     * far, and the values written, which win over a hit of the same key.
     *
     * @return the keys in sorted order
     */
    synchronized Map<String, Entry> data() {
        Map<String, Entry> data = new TreeMap<>();
        for (Map.Entry<String, List<DetectCall>> calls : detect.calls().entrySet()) {
            List<DetectCall> hits = calls.getValue();
            if (!hits.isEmpty() && !calls.getKey().startsWith(CashewsEtagFilter.MAPPING_PREFIX)) {
                DetectCall last = hits.get(hits.size() - 1);
                data.put(calls.getKey(), new Entry(last.value(), last.ttl(), true));
            }
        }
        data.putAll(stored);
        return data;
    }

    /**
     * A count that grows with every hit and write: equal counts at two moments mean the request
     * touched no data in between.
     *
     * @return the count
     */
    synchronized long changes() {
        long hits = 0;
        for (List<DetectCall> calls : detect.calls().values()) {
            hits += calls.size();
        }
        return hits + changes;
    }
}
