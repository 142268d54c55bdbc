package io.cashews.benchmarks;

import io.cashews.Cashews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The second process of {@link DiskBenchmark}'s two-process {@code incr}: opens the URL given,
 * prints {@code ready}, increments {@code other:<i % 100>} as fast as it can until its standard
 * input ends, then prints {@code ops <count> <nanoseconds>} and exits.
 */
public final class DiskIncrProcess {

    private DiskIncrProcess() {
    }

    /**
     * Runs until standard input ends.
     *
     * @param args the cache URL
     * @throws IOException if standard output fails
     */
    public static void main(String[] args) throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // wait for the end of input
                }
            } catch (IOException ignored) {
                // the parent is gone: stop as well
            }
            stop.set(true);
        });
        watcher.setDaemon(true);
        try (Cashews cache = Cashews.create(args[0])) {
            watcher.start();
            System.out.println("ready");
            System.out.flush();
            long ops = 0;
            long start = System.nanoTime();
            while (!stop.get()) {
                cache.incr("other:" + (ops % 100));
                ops++;
            }
            long nanos = System.nanoTime() - start;
            System.out.write(("ops " + ops + " " + nanos + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.flush();
        }
    }
}
