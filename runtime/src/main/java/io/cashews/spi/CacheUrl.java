package io.cashews.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed cache URL, {@code scheme://[user:password@]host[:port][/path][?name=value&…]}. The
 * scheme selects the backend; the query holds options with snake_case names (lower-cased here).
 * The rest is kept as text for the backend to interpret (a Redis client parses its own address).
 */
public final class CacheUrl {

    private final String scheme;
    private final String address;
    private final String authority;
    private final String path;
    private final Map<String, String> query;

    private CacheUrl(String scheme, String address, String authority, String path, Map<String, String> query) {
        this.scheme = scheme;
        this.address = address;
        this.authority = authority;
        this.path = path;
        this.query = query;
    }

    /**
     * Parses a cache URL.
     *
     * @param url the URL, for example {@code "mem://?size=1000"}
     * @return the parsed URL
     * @throws IllegalArgumentException if the URL has no {@code scheme://}, an invalid scheme, a
     *     fragment, an empty or repeated option name or bad percent-encoding; the message quotes
     *     the offending part
     * @throws NullPointerException if {@code url} is null
     */
    public static CacheUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        int sep = url.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("malformed cache URL \"" + redact(url)
                    + "\": expected scheme://…, for example \"mem://\" or \"redis://localhost:6379\"");
        }
        String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!validScheme(scheme)) {
            throw new IllegalArgumentException("malformed cache URL \"" + redact(url) + "\": invalid scheme '"
                    + url.substring(0, sep) + "'");
        }
        if (url.indexOf('#') >= 0) {
            throw new IllegalArgumentException("malformed cache URL \"" + redact(url)
                    + "\": a fragment ('#…') is not allowed; percent-encode '#' as %23");
        }
        int q = url.indexOf('?', sep + 3);
        String address = q < 0 ? url : url.substring(0, q);
        String rest = address.substring(sep + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String part : url.substring(q + 1).split("&", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String rawName = eq < 0 ? part : part.substring(0, eq);
                String name = decode(url, rawName).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : decode(url, part.substring(eq + 1));
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("malformed cache URL \"" + redact(url)
                            + "\": an option without a name ('" + part + "')");
                }
                if (query.putIfAbsent(name, value) != null) {
                    throw new IllegalArgumentException("malformed cache URL \"" + redact(url)
                            + "\": option '" + name + "' is given twice");
                }
            }
        }
        return new CacheUrl(scheme, address, authority, path, Collections.unmodifiableMap(query));
    }

    private static boolean validScheme(String scheme) {
        if (scheme.isEmpty() || scheme.charAt(0) < 'a' || scheme.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String url, String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed cache URL \"" + redact(url)
                    + "\": bad percent-encoding in '" + text + "'", e);
        }
    }

    // Never echo a password into a message or a log line.
    static String redact(String url) {
        int sep = url.indexOf("://");
        if (sep < 0) {
            return url;
        }
        int at = url.indexOf('@', sep + 3);
        int end = url.indexOf('/', sep + 3);
        if (at < 0 || (end >= 0 && at > end)) {
            return url;
        }
        int colon = url.indexOf(':', sep + 3);
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    /**
     * Returns the scheme, lower-cased.
     *
     * @return for example {@code "mem"} or {@code "rediss"}
     */
    public String scheme() {
        return scheme;
    }

    /**
     * Returns the URL without its query, as given.
     *
     * @return for example {@code "redis://user:pw@host:6379/0"}
     */
    public String address() {
        return address;
    }

    /**
     * Returns the part between {@code ://} and the first {@code /}: user info, host and port.
     *
     * @return the authority, possibly empty (as in {@code "mem://"})
     */
    public String authority() {
        return authority;
    }

    /**
     * Returns the path after the authority, including its leading {@code /}.
     *
     * @return the path, possibly empty
     */
    public String path() {
        return path;
    }

    /**
     * Returns the query options, names lower-cased, values percent-decoded, in URL order.
     *
     * @return an unmodifiable map; an option without {@code =} has the value {@code ""}
     */
    public Map<String, String> query() {
        return query;
    }

    /** Returns the URL without its query and with any password replaced by {@code ***}. */
    @Override
    public String toString() {
        return redact(address);
    }
}
