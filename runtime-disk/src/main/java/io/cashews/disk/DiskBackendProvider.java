package io.cashews.disk;

import io.cashews.codec.ValueCodec;
import io.cashews.spi.Backend;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BackendProvider;
import java.util.Set;

/**
 * Serves {@code disk:///path/to/dir} and {@code disk://?directory=dir} (a plain {@code disk://}
 * is a private temporary directory deleted by {@code close()}), found by
 * {@link java.util.ServiceLoader}: a cache on SQLite files in one directory, shared by every
 * process that opens it, that survives {@code kill -9} and restarts.
 *
 * <p>Options (all optional): {@code shards} (default 8, 1 to 256, 0 means 1; fixed when the
 * directory is made, another count fails the setup), {@code size_limit} (default 1 GiB; bytes or
 * {@code k}/{@code m}/{@code g}/{@code t}, split equally among shards), {@code eviction}
 * ({@code lru}, the default, {@code lrs} for least recently stored, or {@code none} for no limit;
 * diskcache's {@code least-recently-used} and {@code least-recently-stored} are aliases),
 * {@code cull_limit} (default 10: most rows one write evicts), {@code check_interval} (default
 * 60 s, 0 for none: expired rows deleted, free pages given back, the WAL checkpointed, broken
 * shards recovered), {@code lru_flush} (default 1 s: how often batched access times are
 * written), {@code timeout} (default 1 s: the longest wait for another process's writer),
 * {@code synchronous} ({@code normal}, the default, or {@code full}), {@code readers} (default 2
 * read connections per shard), {@code cache_size} (default 2000k per connection),
 * {@code mmap_size} (default 0, off), {@code suppress} (default {@code true}: SQLite failures make
 * reads miss and writes report {@code false}; {@code false} throws
 * {@link io.cashews.CacheBackendInteractionException} naming the error code and the file) and
 * the value codec's options listed in {@link ValueCodec}. Any other option fails the setup.
 */
public final class DiskBackendProvider implements BackendProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public DiskBackendProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("disk");
    }

    @Override
    public Set<String> optionNames() {
        return DiskSettings.optionNames();
    }

    /**
     * Opens the directory (creating it and its shards when missing) and returns the backend.
     *
     * @param context the URL, options, clock and executor
     * @return the backend
     * @throws IllegalArgumentException for a malformed URL or option, naming it; for a directory
     *     that is a file or cannot be created or written, a different {@code shards} than the
     *     directory was made with, or a newer on-disk format, naming the path
     * @throws io.cashews.CacheBackendInteractionException when SQLite fails at setup, naming the
     *     error code and the file
     */
    @Override
    public Backend create(BackendContext context) {
        DiskSettings settings = DiskSettings.parse(context.url(), context.options());
        ValueCodec codec = ValueCodec.of(context.options());
        return DiskBackend.open(settings, codec, context.clock(), context.executor());
    }
}
