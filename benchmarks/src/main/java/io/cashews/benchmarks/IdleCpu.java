package io.cashews.benchmarks;

import io.cashews.Cashews;
import java.time.Duration;

/**
 * What an idle JVM holding one {@link Cashews} instance costs in CPU: creates an instance on
 * {@code mem://}, stores and reads one value with a TTL (so the clock is read), then does nothing
 * for the given number of seconds (default 20) and exits. Not a JMH benchmark: the figure is the
 * process' CPU time, so run it under {@code /usr/bin/time} and compare with a bare JVM that sleeps
 * as long:
 *
 * <pre>{@code
 * /usr/bin/time -f '%U user %S sys' java -cp benchmarks/target/benchmarks.jar io.cashews.benchmarks.IdleCpu 20
 * }</pre>
 */
public final class IdleCpu {
    private IdleCpu() {}

    /**
     * Runs the idle check.
     *
     * @param args optional: idle seconds
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        Cashews cache = Cashews.create("mem://");
        cache.set("k", "v", Duration.ofMinutes(10));
        if (!"v".equals(cache.get("k"))) {
            throw new IllegalStateException("the value just stored was not read back");
        }
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
    }
}
