package io.cashews.benchmarks;

import io.cashews.Cashews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A second process for {@link DiskBenchmark}: opens the URL given, prints {@code ready}, runs its
 * workload as fast as it can until its standard input ends, then prints
 * {@code ops <count> <nanoseconds>} and exits.
 *
 * <p>Workloads: {@code incr} adds one to {@code other:<i % 100>} (the two-process {@code incr});
 * {@code mix} draws a key out of {@link DiskBenchmark#KEYS} and gets it 90 % of the time, sets it
 * 9 % and deletes it 1 % (python-diskcache's multi-process benchmark mixes its operations the
 * same way).
 */
public final class DiskWorkerProcess {

    private DiskWorkerProcess() {
    }

    /**
     * Runs until standard input ends.
     *
     * @param args the cache URL and the workload, {@code incr} or {@code mix}
     * @throws IOException if standard output fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[1].equals("incr") || args[1].equals("mix"))) {
            throw new IllegalArgumentException("usage: DiskWorkerProcess <cache url> incr|mix");
        }
        boolean mix = args[1].equals("mix");
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
        SplittableRandom random = new SplittableRandom();
        try (Cashews cache = Cashews.create(args[0])) {
            watcher.start();
            System.out.println("ready");
            System.out.flush();
            long ops = 0;
            long start = System.nanoTime();
            while (!stop.get()) {
                if (mix) {
                    String key = "key:" + random.nextInt(DiskBenchmark.KEYS);
                    int draw = random.nextInt(100);
                    if (draw < 90) {
                        cache.get(key);
                    } else if (draw < 99) {
                        cache.set(key, DiskBenchmark.VALUE);
                    } else {
                        cache.delete(key);
                    }
                } else {
                    cache.incr("other:" + (ops % 100));
                }
                ops++;
            }
            long nanos = System.nanoTime() - start;
            System.out.write(("ops " + ops + " " + nanos + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.flush();
        }
    }
}
