package io.cashews.servlet;

import java.time.Duration;
import java.util.Enumeration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The request {@code Cache-Control} directives the cache acts on, parsed leniently: names are
 * case-insensitive, unknown or malformed directives are ignored, and a {@code max-age} that is
 * negative, not a number or too long to be one is ignored too (RFC 9111 §5.2: a cache ignores what
 * it does not understand). A value beyond {@link #MAX_AGE_LIMIT} is capped to it.
 *
 * @param noCache {@code no-cache}: do not answer from the cache, store again
 * @param noStore {@code no-store} (or {@code max-age=0}): neither read nor store
 * @param maxAge {@code max-age=N} with N &gt; 0, or {@code null}
 */
record RequestDirectives(boolean noCache, boolean noStore, @Nullable Duration maxAge) {

    /** No directive the cache acts on. */
    static final RequestDirectives NONE = new RequestDirectives(false, false, null);

    /** The largest {@code max-age} honoured, in seconds: about 68 years, as RFC 9111 §1.2.2 allows. */
    static final long MAX_AGE_LIMIT = Integer.MAX_VALUE;

    // Headers longer than this are not parsed at all (a hostile client's megabytes of directives).
    private static final int MAX_HEADER_LENGTH = 4096;

    /**
     * Parses every {@code Cache-Control} header of a request.
     *
     * @param headers the header's values, as the container gives them
     * @return the directives
     */
    static RequestDirectives parse(@Nullable Enumeration<String> headers) {
        if (headers == null) {
            return NONE;
        }
        boolean noCache = false;
        boolean noStore = false;
        Duration maxAge = null;
        int length = 0;
        while (headers.hasMoreElements()) {
            String header = headers.nextElement();
            length += header.length();
            if (length > MAX_HEADER_LENGTH) {
                return NONE;
            }
            for (String part : header.split(",")) {
                String directive = part.trim().toLowerCase(Locale.ROOT);
                if (directive.equals("no-cache")) {
                    noCache = true;
                } else if (directive.equals("no-store")) {
                    noStore = true;
                } else if (directive.startsWith("max-age=")) {
                    long seconds = seconds(directive.substring("max-age=".length()));
                    if (seconds == 0) {
                        noStore = true;
                    } else if (seconds > 0 && (maxAge == null || seconds < maxAge.toSeconds())) {
                        maxAge = Duration.ofSeconds(seconds);
                    }
                }
            }
        }
        return noCache || noStore || maxAge != null ? new RequestDirectives(noCache, noStore, maxAge) : NONE;
    }

    // Delta-seconds (RFC 9111 §1.2.2): digits only, optionally quoted; -1 when malformed.
    private static long seconds(String value) {
        String digits = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
        if (digits.isEmpty() || digits.length() > 19) {
            return digits.length() > 19 && digits.chars().allMatch(Character::isDigit) ? MAX_AGE_LIMIT : -1;
        }
        long seconds = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seconds = seconds * 10 + (c - '0');
            if (seconds > MAX_AGE_LIMIT) {
                return MAX_AGE_LIMIT;
            }
        }
        return seconds;
    }
}
