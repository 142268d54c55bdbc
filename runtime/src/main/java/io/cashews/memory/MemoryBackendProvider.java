package io.cashews.memory;

import io.cashews.spi.Backend;
import io.cashews.codec.ValueCodec;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BackendProvider;
import io.cashews.spi.Options;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Serves the {@code mem://} scheme. Options: {@code size} (maximum number of entries, default
 * 1000; the least valuable entries are evicted beyond it) and {@code check_interval} (seconds
 * between purges of expired entries, default 1; {@code 0} purges only as a side effect of other
 * work; expired entries are never visible either way), {@code copy} ({@code true}: values are stored
 * as encoded copies, so changing an object after storing it, or one that a read returned, does not
 * change the cache; default {@code false}: the objects themselves) and the value options of
 * {@link ValueCodec} ({@code secret} and {@code digestmod} to sign every value, {@code serializer},
 * {@code serializer_allow}, {@code compress_type}, {@code compress_min_size}). A {@code secret}
 * implies encoded copies; the other value options need {@code copy=true} or a {@code secret}.
 * Numbers are always kept as they are, so that {@code incr} works on them.
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
        Set<String> names = new HashSet<>(ValueCodec.OPTION_NAMES);
        names.addAll(Set.of("size", "check_interval", "copy"));
        return Set.copyOf(names);
    }

    @Override
    public Backend create(BackendContext context) {
        long size = context.options().getLong("size", DEFAULT_SIZE, 1);
        Duration checkInterval = context.options().getDuration("check_interval", Duration.ofSeconds(1));
        return new MemoryBackend(size, checkInterval, context.clock(), context.executor(), codec(context.options()));
    }

    private static @Nullable ValueCodec codec(Options options) {
        boolean copy = options.getBoolean("copy", false);
        if (copy || options.has("secret")) {
            return ValueCodec.of(options);
        }
        for (String name : ValueCodec.OPTION_NAMES) {
            if (options.has(name)) {
                throw new IllegalArgumentException("option '" + name + "' has no effect on mem:// without copy=true"
                        + " or a secret: the memory backend stores the objects themselves");
            }
        }
        return null;
    }
}
