package io.cashews.memory;

import io.cashews.Backend;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BackendProvider;
import java.time.Duration;
import java.util.Set;

/**
 * Serves the {@code mem://} scheme. Options: {@code size} (maximum number of entries, default
 * 1000; the least valuable entries are evicted beyond it) and {@code check_interval} (seconds
 * between purges of expired entries, default 1; {@code 0} purges only as a side effect of other
 * work; expired entries are never visible either way).
 */
public final class MemoryBackendProvider implements BackendProvider {

    /** The default of the {@code size} option. */
    public static final long DEFAULT_SIZE = 1000;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public MemoryBackendProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mem");
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("size", "check_interval");
    }

    @Override
    public Backend create(BackendContext context) {
        long size = context.options().getLong("size", DEFAULT_SIZE, 1);
        Duration checkInterval = context.options().getDuration("check_interval", Duration.ofSeconds(1));
        return new MemoryBackend(size, checkInterval, context.clock(), context.executor());
    }
}
