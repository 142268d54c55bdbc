package io.cashews.sample;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for a remote directory: answers later, on another thread. */
final class RemoteUserDirectory implements UserDirectory {
    private final AtomicInteger calls = new AtomicInteger();
    private final Executor executor;
    private final long latencyMillis;

    RemoteUserDirectory(Executor executor, long latencyMillis) {
        this.executor = executor;
        this.latencyMillis = latencyMillis;
    }

    @Override
    public CompletableFuture<Profile> profile(Request request) {
        calls.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            Latency.pause(latencyMillis);
            User user = request.user();
            return new Profile(user.uid(), user.name().toUpperCase(Locale.ROOT), List.of("staff", "readers"));
        }, executor);
    }

    int calls() {
        return calls.get();
    }
}
