package io.cashews.micrometer;

import io.cashews.Command;
import io.cashews.Middleware;
import io.cashews.spi.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A middleware that times every backend command: {@code Timer cashews.commands{command, backend,
 * outcome=ok|error}}, the twin of cashews' Prometheus latency histogram. Install it on one backend
 * or on the whole instance:
 * <pre>{@code
 * cache.setup("redis://localhost", "", Map.of(), new CashewsCommandTimer(registry, "redis"));
 * cache.addMiddleware(new CashewsCommandTimer(registry));
 * }</pre>
 * It sees the strategies' internal commands too (lock keys, counters, bit fields), so it measures
 * the backend's load, not hits and misses: those come from {@link CashewsMetrics}. An asynchronous
 * command is timed until its future completes.
 */
public final class CashewsCommandTimer implements Middleware {
    private final MeterRegistry registry;
    private final @Nullable String backendTag;
    // command, backend, outcome -> timer; the key is built once per distinct triple.
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * Creates the timer with the backend's class name as the {@code backend} tag.
     *
     * @param registry the registry
     */
    public CashewsCommandTimer(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.backendTag = null;
    }

    /**
     * Creates the timer with a fixed {@code backend} tag.
     *
     * @param registry the registry
     * @param backend the tag, such as {@code "redis"}
     */
    public CashewsCommandTimer(MeterRegistry registry, String backend) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.backendTag = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public @Nullable Object handle(Command command, Backend backend, @Nullable Object[] args, Next next) {
        long start = System.nanoTime();
        Object result;
        try {
            result = next.call(args);
        } catch (RuntimeException | Error e) {
            record(command, backend, false, start);
            throw e;
        }
        if (next.async() && result instanceof CompletableFuture<?> future) {
            future.whenComplete((value, error) -> record(command, backend, error == null, start));
        } else {
            record(command, backend, true, start);
        }
        return result;
    }

    private void record(Command command, Backend backend, boolean ok, long start) {
        long elapsed = System.nanoTime() - start;
        String tag = backendTag != null ? backendTag : backend.getClass().getSimpleName();
        String outcome = ok ? "ok" : "error";
        timers.computeIfAbsent(command.name() + '\u0000' + tag + '\u0000' + outcome, k -> Timer.builder("cashews.commands")
                .tag("command", command.name().toLowerCase(Locale.ROOT)).tag("backend", tag).tag("outcome", outcome)
                .description("Backend commands, strategies' internal ones included").register(registry))
                .record(elapsed, TimeUnit.NANOSECONDS);
    }
}
