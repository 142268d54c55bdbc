package io.cashews.servlet;

import io.cashews.Cashews;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * ETags for {@code GET} and {@code HEAD} responses, derived from what the cache served and stored
 * while the handler ran, and {@code 304 Not Modified} without running the handler while that data
 * is unchanged.
 *
 * <p>A {@code 200} response whose handler read or stored at least one value through the cache
 * (its cached methods' hits and stores) gets a strong ETag computed from those keys and values.
 * The filter remembers, in the cache itself and per method, path and query, the ETag and the data
 * keys, for as long as the shortest of their TTLs. A later request whose {@code If-None-Match}
 * (a list, {@code *}, weak or strong tags, compared weakly) names that ETag is answered
 * {@code 304} only if every data key still holds a value that gives the same ETag: after an
 * invalidation, an expiry, a tag deletion or a new value the handler runs and the response carries
 * a new ETag. So there is never a stale {@code 304}; at worst a full response that could have been
 * a {@code 304}.
 *
 * <p>What it cannot see: a response that also depends on data that is not cached. Put the filter
 * only in front of handlers whose output is a function of their cached methods' results. An ETag
 * set by the handler, a status other than 200, or data read after the body started are left
 * alone (no ETag is remembered for such a response). The body streams through unbuffered (Spring's
 * {@code ShallowEtagHeaderFilter} buffers and hashes it); the ETag is decided when the handler starts
 * writing it. Values are compared by content: text, numbers, enums, bytes, and the JDK
 * serialization of other serializable values; other classes by {@code hashCode}. With
 * {@code serializer=json} the values read back are maps rather than the methods' types, so such
 * responses are always answered in full.
 *
 * <pre>{@code
 * servletContext.addFilter("cashews-etag", new CashewsEtagFilter(cache))
 *         .addMappingForUrlPatterns(null, false, "/api/*");
 * }</pre>
 */
public final class CashewsEtagFilter implements Filter {

    /** Where the filter keeps its request-to-data mappings in the cache. */
    static final String MAPPING_PREFIX = "cashews:etag:";

    // How long a mapping lives when no data key has a known TTL.
    private static final Duration UNBOUNDED_MAPPING_TTL = Duration.ofDays(1);

    private final Cashews cache;

    /**
     * Creates the filter.
     *
     * @param cache the instance the handlers' cached methods use; it also holds the mappings
     */
    public CashewsEtagFilter(Cashews cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)
                || !(http.getMethod().equals("GET") || http.getMethod().equals("HEAD"))) {
            chain.doFilter(request, response);
            return;
        }
        String mappingKey = mappingKey(http);
        EntityTags conditions = EntityTags.parse(http.getHeaders("If-None-Match"));
        if (!conditions.isEmpty()) {
            String current = unchangedEtag(mappingKey);
            if (current != null && (conditions.any() || conditions.matches(current))) {
                out.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                out.setHeader("ETag", current);
                return;
            }
        }
        try (RequestRecord.Handle handle = RequestRecord.open(cache)) {
            Tagging tagging = new Tagging(handle.record, out);
            CommitGuard guard = new CommitGuard(out, tagging::beforeCommit);
            chain.doFilter(request, guard);
            // An asynchronous request goes on after this returns: its headers are decided when it
            // writes, and nothing is remembered for it.
            if (!http.isAsyncStarted()) {
                guard.finish();
                tagging.remember(mappingKey);
            }
        }
    }

    /** The ETag of one response, decided before it commits and remembered after it ends. */
    private final class Tagging {
        private final RequestRecord record;
        private final HttpServletResponse response;
        private @Nullable String etag;
        private Map<String, RequestRecord.Entry> data = Map.of();
        private long changesAtCommit;

        Tagging(RequestRecord record, HttpServletResponse response) {
            this.record = record;
            this.response = response;
        }

        void beforeCommit() {
            if (response.getStatus() != HttpServletResponse.SC_OK || response.containsHeader("ETag")) {
                return;
            }
            Map<String, RequestRecord.Entry> seen = record.data();
            if (seen.isEmpty()) {
                return;
            }
            Map<String, @Nullable Object> values = new LinkedHashMap<>();
            seen.forEach((key, entry) -> values.put(key, entry.value()));
            etag = ValueDigest.etag(values);
            data = seen;
            changesAtCommit = record.changes();
            response.setHeader("ETag", etag);
        }

        void remember(String mappingKey) {
            // Data touched after the headers were decided is not in the ETag: remember nothing.
            if (etag == null || record.changes() != changesAtCommit) {
                return;
            }
            Duration ttl = null;
            StringBuilder text = new StringBuilder(etag);
            for (Map.Entry<String, RequestRecord.Entry> entry : data.entrySet()) {
                text.append('\n').append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8));
                Duration left = remaining(entry.getKey(), entry.getValue());
                if (left != null && (ttl == null || left.compareTo(ttl) < 0)) {
                    ttl = left;
                }
            }
            if (ttl == null || !ttl.isZero() && !ttl.isNegative()) {
                cache.set(mappingKey, text.toString(), ttl != null ? ttl : UNBOUNDED_MAPPING_TTL);
            }
        }

        // A stored value's TTL, or what a hit's key has left; null when it does not expire.
        private @Nullable Duration remaining(String key, RequestRecord.Entry entry) {
            if (!entry.hit()) {
                return entry.ttl();
            }
            long seconds = cache.getExpire(key);
            return seconds == -1 ? null : Duration.ofSeconds(Math.max(0, seconds));
        }
    }

    /**
     * Returns the remembered ETag of a request if every data key still gives it, else {@code null}.
     */
    private @Nullable String unchangedEtag(String mappingKey) {
        Object mapping = cache.get(mappingKey);
        if (!(mapping instanceof String text)) {
            return null;
        }
        String[] lines = text.split("\n");
        if (lines.length < 2) {
            return null;
        }
        List<String> keys = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            keys.add(URLDecoder.decode(lines[i], StandardCharsets.UTF_8));
        }
        List<Object> values = cache.getMany(keys.toArray(new String[0]));
        Map<String, @Nullable Object> current = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                // Deleted, expired or invalidated (a stored null reads the same: never a 304 on it).
                return null;
            }
            current.put(keys.get(i), value);
        }
        return ValueDigest.etag(current).equals(lines[0]) ? lines[0] : null;
    }

    // One mapping per resource: GET and HEAD share it; the path and query are hashed, so that a
    // client's URL never reaches the key space (length, separators, glob characters).
    private static String mappingKey(HttpServletRequest request) {
        String query = request.getQueryString();
        String resource = request.getRequestURI() + (query == null ? "" : "?" + query);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(resource.getBytes(StandardCharsets.UTF_8));
            return MAPPING_PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
