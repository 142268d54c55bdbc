package io.cashews;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of instances built without one: a bounded pool of daemon threads shared by all of
 * them, created on first use. Idle threads exit, so an unused cache holds no thread; daemon
 * threads never keep the JVM alive.
 */
final class DefaultExecutor {

    private DefaultExecutor() {
    }

    static Executor get() {
        return Holder.POOL;
    }

    private static final class Holder {
        static final Executor POOL = create();

        private static Executor create() {
            int threads = Math.max(4, Runtime.getRuntime().availableProcessors());
            AtomicInteger counter = new AtomicInteger();
            ThreadFactory factory = task -> {
                Thread thread = new Thread(task, "cashews-worker-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), factory);
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
