package io.cashews.servlet;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Scope;
import io.cashews.base.ThreadScopes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lets a request's {@code Cache-Control} decide what the cache does while the request runs, and
 * tells the client how fresh a response served from the cache is.
 *
 * <ul>
 *   <li>{@code no-cache}: nothing is read from the cache (every cached method runs and stores its
 *       fresh result again);</li>
 *   <li>{@code no-store}, or {@code max-age=0}: nothing is read and nothing stored;</li>
 *   <li>{@code max-age=N}: what the request stores lives at most N seconds
 *       ({@link CacheControlTtl} tells a {@code TtlFunction}).</li>
 * </ul>
 * Directive names are case-insensitive; unknown, malformed or negative directives are ignored, and a
 * {@code max-age} beyond {@link Integer#MAX_VALUE} seconds is capped to it.
 *
 * <p>Responses: when everything the request read from this cache was a hit and it stored nothing,
 * the response gets {@code Cache-Control: private, max-age=<the shortest remaining TTL>} and
 * {@code Age} (how long ago the oldest of those values was stored, when its TTL is known);
 * otherwise {@code Cache-Control: no-cache}. A {@code Cache-Control} the handler set itself is
 * kept. The body streams through unbuffered; the headers are decided when the handler starts
 * writing it, from what it read before.
 *
 * <pre>{@code
 * Cashews cache = Cashews.create("redis://localhost");
 * servletContext.addFilter("cashews-cache-control", new CashewsCacheControlFilter(cache))
 *         .addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 */
public final class CashewsCacheControlFilter implements Filter {

    private final Cashews cache;

    /**
     * Creates the filter.
     *
     * @param cache the instance the request's cached methods use
     */
    public CashewsCacheControlFilter(Cashews cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        RequestDirectives directives = RequestDirectives.parse(http.getHeaders("Cache-Control"));
        try (RequestRecord.Handle record = RequestRecord.open(cache);
                Scope disabled = disabling(directives);
                ThreadScopes.Frame cap = directives.maxAge() != null ? CacheControlTtl.open(directives.maxAge()) : null) {
            CommitGuard guard = new CommitGuard(out, () -> freshness(record.record, out));
            chain.doFilter(request, guard);
            if (!http.isAsyncStarted()) {
                guard.finish();
            }
        }
    }

    private @Nullable Scope disabling(RequestDirectives directives) {
        if (directives.noStore()) {
            return cache.disabling(Command.GET, Command.GET_MANY, Command.SET, Command.SET_MANY);
        }
        return directives.noCache() ? cache.disabling(Command.GET, Command.GET_MANY) : null;
    }

    // Cache-Control (and Age) of a response about to commit.
    private void freshness(RequestRecord record, HttpServletResponse response) {
        if (response.containsHeader("Cache-Control")) {
            return;
        }
        Map<String, RequestRecord.Entry> data = record.data();
        long remaining = Long.MAX_VALUE;
        long age = -1;
        for (Map.Entry<String, RequestRecord.Entry> entry : data.entrySet()) {
            if (!entry.getValue().hit()) {
                remaining = -1;
                break;
            }
            long left = cache.getExpire(entry.getKey());
            if (left == -2) {
                // Gone since it was read: nothing to promise.
                remaining = -1;
                break;
            }
            if (left >= 0) {
                remaining = Math.min(remaining, left);
                Duration ttl = entry.getValue().ttl();
                if (ttl != null) {
                    age = Math.max(age, Math.max(0, ttl.toSeconds() - left));
                }
            }
        }
        if (data.isEmpty() || remaining < 0) {
            response.setHeader("Cache-Control", "no-cache");
            return;
        }
        // Values stored without expiry promise nothing beyond a day.
        long maxAge = remaining == Long.MAX_VALUE ? Duration.ofDays(1).toSeconds() : remaining;
        response.setHeader("Cache-Control", "private, max-age=" + maxAge);
        if (age >= 0) {
            response.setHeader("Age", Long.toString(age));
        }
    }
}
