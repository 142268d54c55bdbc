package io.cashews.disk;

import io.cashews.codec.ValueCodec;
import io.cashews.spi.CacheUrl;
import io.cashews.spi.Options;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@code disk://} URL and its options say, checked before any file is touched, so
 * that a typo fails the setup with a message naming it.
 *
 * @param directory the cache directory, or {@code null} for a private temporary one
 * @param shards how many shard files, 1 to 256
 * @param sizeLimit {@code size_limit} in bytes, for the whole directory
 * @param eviction what a write evicts once a shard is over its share of the limit
 * @param cullLimit {@code cull_limit}: most rows one write evicts
 * @param checkInterval {@code check_interval}: maintenance period, zero for none
 * @param lruFlush {@code lru_flush}: how often batched access times are written
 * @param busyTimeout {@code timeout}: the longest wait for another process's writer
 * @param synchronousFull {@code synchronous=full} (else {@code normal})
 * @param readers read connections per shard
 * @param cacheSizeBytes {@code cache_size}: page cache per connection, bytes
 * @param mmapSizeBytes {@code mmap_size}: bytes of memory-mapped I/O, 0 for none
 * @param suppress failures read as misses and failed writes
 */
record DiskSettings(@Nullable Path directory, int shards, long sizeLimit, Eviction eviction, int cullLimit,
        Duration checkInterval, Duration lruFlush, Duration busyTimeout, boolean synchronousFull, int readers,
        long cacheSizeBytes, long mmapSizeBytes, boolean suppress) {

    /** The options of this backend besides the codec's. */
    static final Set<String> OWN_OPTIONS = Set.of("directory", "shards", "size_limit", "eviction", "cull_limit",
            "check_interval", "lru_flush", "timeout", "synchronous", "readers", "cache_size", "mmap_size", "suppress");

    static final int DEFAULT_SHARDS = 8;
    static final int MAX_SHARDS = 256;
    static final long DEFAULT_SIZE_LIMIT = 1L << 30;
    static final int MAX_READERS = 64;

    /** What a write evicts from a shard over its limit. */
    enum Eviction {
        /** Least recently read or written first. */
        LRU,
        /** Least recently stored first. */
        LRS,
        /** Nothing: no size limit. */
        NONE
    }

    /**
     * Every option name the provider accepts.
     *
     * @return own and codec options
     */
    static Set<String> optionNames() {
        Set<String> all = new HashSet<>(OWN_OPTIONS);
        all.addAll(ValueCodec.OPTION_NAMES);
        return Set.copyOf(all);
    }

    /**
     * Reads a URL and its options.
     *
     * @param url the parsed URL
     * @param options the merged options
     * @return the settings
     * @throws IllegalArgumentException naming the part of the URL or the option that is wrong
     */
    static DiskSettings parse(CacheUrl url, Options options) {
        if (!url.authority().isEmpty()) {
            throw new IllegalArgumentException("cache URL \"" + url + "\": a disk:// URL has no host; write the"
                    + " directory as an absolute path, disk:///var/cache/app, or as an option,"
                    + " disk://?directory=" + url.authority() + url.path());
        }
        String path = url.path().isEmpty() || url.path().equals("/") ? null : decode(url, url.path());
        String option = options.getString("directory", null);
        if (path != null && option != null) {
            throw new IllegalArgumentException("cache URL \"" + url + "\" names the directory twice, as the path '"
                    + path + "' and as the option directory='" + option + "'; give one of them");
        }
        if (option != null && option.isBlank()) {
            throw new IllegalArgumentException("option 'directory' must name a directory, got \"" + option + "\"");
        }
        String named = path != null ? path : option;
        int shards = options.getInt("shards", DEFAULT_SHARDS, 0);
        if (shards > MAX_SHARDS) {
            throw new IllegalArgumentException("option 'shards' must be 0 to " + MAX_SHARDS + ", got \"" + shards + "\"");
        }
        int readers = options.getInt("readers", 2, 1);
        if (readers > MAX_READERS) {
            throw new IllegalArgumentException("option 'readers' must be 1 to " + MAX_READERS + ", got \"" + readers + "\"");
        }
        long sizeLimit = size(options, "size_limit", DEFAULT_SIZE_LIMIT);
        if (sizeLimit <= 0) {
            throw new IllegalArgumentException("option 'size_limit' must be positive, got \"" + options.getString("size_limit", "") + "\"");
        }
        Duration lruFlush = options.getDuration("lru_flush", Duration.ofSeconds(1));
        if (lruFlush.isZero()) {
            throw new IllegalArgumentException("option 'lru_flush' must be positive, got \"0\"");
        }
        Duration timeout = options.getDuration("timeout", Duration.ofSeconds(1));
        if (timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option 'timeout' must be at most " + Integer.MAX_VALUE + " ms, got \""
                    + options.getString("timeout", "") + "\"");
        }
        long cacheSize = size(options, "cache_size", 2000L * 1024);
        long mmapSize = size(options, "mmap_size", 0);
        return new DiskSettings(named == null ? null : Path.of(named), Math.max(1, shards), sizeLimit,
                eviction(options), options.getInt("cull_limit", 10, 1),
                options.getDuration("check_interval", Duration.ofSeconds(60)), lruFlush, timeout,
                options.getChoice("synchronous", "normal", "normal", "full").equals("full"), readers,
                cacheSize, mmapSize, options.getBoolean("suppress", true));
    }

    private static Eviction eviction(Options options) {
        String choice = options.getChoice("eviction", "lru", "lru", "lrs", "none",
                "least-recently-used", "least-recently-stored");
        return switch (choice) {
            case "lru", "least-recently-used" -> Eviction.LRU;
            case "lrs", "least-recently-stored" -> Eviction.LRS;
            default -> Eviction.NONE;
        };
    }

    /**
     * Reads a size: a whole number of bytes, or one with {@code k}, {@code m}, {@code g} or
     * {@code t} (powers of 1024; a trailing {@code b} or {@code ib} is allowed).
     */
    static long size(Options options, String name, long defaultValue) {
        String text = options.getString(name, null);
        if (text == null) {
            return defaultValue;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ib")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = (shift == 0 ? t : t.substring(0, t.length() - 1)).trim();
        long number;
        try {
            number = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || (shift > 0 && number > (Long.MAX_VALUE >> shift))) {
            throw new IllegalArgumentException("option '" + name + "' must be a number of bytes, optionally with k, m,"
                    + " g or t (powers of 1024), such as 512m, got \"" + text + "\"");
        }
        return number << shift;
    }

    private static String decode(CacheUrl url, String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cache URL \"" + url + "\": bad percent-encoding in the path", e);
        }
    }

    /**
     * The limit of one shard.
     *
     * @return bytes, {@link Long#MAX_VALUE} without eviction
     */
    long shardLimit() {
        return eviction == Eviction.NONE ? Long.MAX_VALUE : Math.max(1, sizeLimit / shards);
    }
}
