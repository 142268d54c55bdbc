package io.cashews.servlet;

import io.cashews.base.ThreadScopes;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code max-age} of the request being served, as {@link CashewsCacheControlFilter} parsed
 * it: every value the request stores lives at most that long. A
 * {@link io.cashews.TtlFunction} can read it to choose a TTL of its own:
 * <pre>{@code
 * public final class FreshForClient implements TtlFunction {
 *     public Duration ttl(Object[] args, Object result) {
 *         return CacheControlTtl.cap(Duration.ofHours(1));   // an hour, or less if the client asked
 *     }
 * }
 * }</pre>
 * Outside such a request (or when it sent no {@code max-age}) there is no cap. The cap follows a
 * proxied call to the threads that complete it asynchronously.
 */
public final class CacheControlTtl {

    /** The thread-bound scope holding a request's cap. */
    static final ThreadScopes.Kind<Duration> KIND = new ThreadScopes.Kind<>("servlet max-age");

    private CacheControlTtl() {
    }

    /**
     * Returns the cap of the request being served on this thread.
     *
     * @return the request's {@code max-age}, or {@code null} when there is none
     */
    public static @Nullable Duration current() {
        return ThreadScopes.innermost(KIND);
    }

    /**
     * Returns {@code ttl}, or the request's cap when that is shorter.
     *
     * @param ttl the TTL wanted
     * @return the TTL to use
     */
    public static Duration cap(Duration ttl) {
        Duration cap = current();
        return cap != null && cap.compareTo(ttl) < 0 ? cap : ttl;
    }

    /**
     * Opens the cap of a request on this thread.
     *
     * @param maxAge the request's {@code max-age}
     * @return the frame; closing it ends the cap
     */
    static ThreadScopes.Frame open(Duration maxAge) {
        return ThreadScopes.open(KIND, maxAge);
    }
}
