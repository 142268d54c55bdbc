package io.cashews.codec;

import io.cashews.spi.Options;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one read may cost, whatever another writer stored: how deep a JDK-serialized object graph
 * may nest ({@code serializer_max_depth}), how many bytes decompression may produce
 * ({@code compress_max_size}), and, fixed, how many objects and how long an array a payload may
 * announce given its size. A value that breaks a bound reads as a miss; the first such value under
 * each key prefix is logged.
 */
final class DecodeLimits {

    /** Default of {@code serializer_max_depth}: a nested {@code HashSet} bomb costs 2^depth. */
    static final int DEFAULT_MAX_DEPTH = 16;
    static final int MAX_MAX_DEPTH = 64;
    /** Default of {@code compress_max_size}: 32 MiB. */
    static final int DEFAULT_MAX_DECOMPRESSED = 32 * 1024 * 1024;
    // Nothing legitimate grows beyond Redis' own limit for one string.
    static final int MAX_MAX_DECOMPRESSED = 512 * 1024 * 1024;
    // Key prefixes remembered for "logged once"; beyond this, hostile keys cannot grow the set.
    private static final int MAX_LOGGED_PREFIXES = 1024;

    private static final System.Logger LOG = System.getLogger(ValueCodec.class.getName());
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final int maxDepth;
    private final int maxDecompressed;

    DecodeLimits(int maxDepth, int maxDecompressed) {
        this.maxDepth = maxDepth;
        this.maxDecompressed = maxDecompressed;
    }

    static DecodeLimits of(Options options) {
        int depth = options.getInt("serializer_max_depth", DEFAULT_MAX_DEPTH, 1);
        if (depth > MAX_MAX_DEPTH) {
            throw new IllegalArgumentException("option 'serializer_max_depth' must be at most " + MAX_MAX_DEPTH
                    + ", got " + depth);
        }
        int size = options.getInt("compress_max_size", DEFAULT_MAX_DECOMPRESSED, 1024);
        if (size > MAX_MAX_DECOMPRESSED) {
            throw new IllegalArgumentException("option 'compress_max_size' must be at most " + MAX_MAX_DECOMPRESSED
                    + " bytes, got " + size);
        }
        return new DecodeLimits(depth, size);
    }

    int maxDepth() {
        return maxDepth;
    }

    int maxDecompressed() {
        return maxDecompressed;
    }

    /**
     * Whether an array of this length can be real in a stream with this many bytes left: every
     * element takes at least one byte, and a hash table announces up to about three slots per
     * entry.
     */
    static boolean plausibleArray(long length, long bytesLeft) {
        return length <= 4 * Math.max(bytesLeft, 0) + 64;
    }

    /** Logs a broken bound, once per key prefix (the key up to its first ':'). */
    static void report(String key, String bound) {
        int colon = key.indexOf(':');
        String prefix = colon < 0 ? key : key.substring(0, colon);
        if (prefix.length() > 64) {
            prefix = prefix.substring(0, 64);
        }
        if (LOGGED.size() < MAX_LOGGED_PREFIXES && LOGGED.add(prefix)) {
            LOG.log(Level.WARNING, "a cached value under ''{0}…'' was not decoded and counts as a miss: it breaks"
                    + " the bound {1}; another writer may have stored it (set a secret to refuse foreign values)",
                    prefix, bound);
        }
    }

    /** Tells whether a broken bound was logged for this key prefix; for tests. */
    static boolean wasReported(String prefix) {
        return LOGGED.contains(prefix);
    }

    /** A bound broken while decoding; turned into a miss by {@link ValueCodec#decode}. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(String bound) {
            super(bound, null, false, false);
        }
    }
}
