package io.cashews.backend;

import io.cashews.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Threads that increment one counter value by {@code compareAndSet} (read with {@code get}, write
 * the successor only over what was read, read again when refused), spread over one or more
 * backends that share a store: if the command is atomic, no increment is lost and the counter ends
 * at the number of successes.
 */
public final class CasContention {

    private CasContention() {
    }

    /**
     * Runs the threads to completion and returns what the counter holds afterwards.
     *
     * @param key the counter's key, created at 0 (it must be missing)
     * @param backends the backends, thread {@code t} uses {@code backends.get(t % size)}
     * @param threads how many threads
     * @param each how many successful increments each thread makes
     * @return the counter's final value, read from the first backend
     * @throws Exception if a thread failed or did not finish within a minute
     */
    public static long run(String key, List<? extends Backend> backends, int threads, int each) throws Exception {
        if (!backends.get(0).compareAndSet(key, null, 0L, null, false)) {
            throw new AssertionError("the counter " + key + " was not missing");
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Backend backend = backends.get(t % backends.size());
            CompletableFuture<Void> worker = new CompletableFuture<>();
            workers.add(worker);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int done = 0; done < each; ) {
                        long seen = (Long) backend.get(key);
                        if (backend.compareAndSet(key, seen, seen + 1, null, false)) {
                            done++;
                        }
                    }
                    worker.complete(null);
                } catch (Throwable e) {
                    worker.completeExceptionally(e);
                }
            }, "cas-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        start.countDown();
        for (CompletableFuture<Void> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        return (Long) backends.get(0).get(key);
    }
}
