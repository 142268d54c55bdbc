package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.lettuce.core.protocol.CommandEncoder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Flushes are coalesced on every connection, and commands issued from many threads at once, none
 * waiting for the last, still all succeed, each with its own reply, in the order each thread
 * issued them.
 */
class FlushCoalescingTest {

    private static final String URL = TestRedis.url(14);
    private static final int THREADS = 8;
    private static final int PER_THREAD = 2_000;

    @Test
    void everyBackendConnectionCoalescesItsFlushes() {
        assertThat(RedisConnector.resources().nettyCustomizer()).isInstanceOf(FlushCoalescing.class);
    }

    @Test
    void theHandlerSitsJustBelowTheEncoderOnce() {
        ChannelHandler group = new ChannelInboundHandlerAdapter();
        EmbeddedChannel channel = new EmbeddedChannel(group, new CommandEncoder(), new ChannelInboundHandlerAdapter());
        FlushCoalescing customizer = new FlushCoalescing();
        customizer.afterChannelInitialized(channel);
        customizer.afterChannelInitialized(channel);

        List<String> names = channel.pipeline().names();
        int coalescing = names.indexOf(FlushCoalescing.HANDLER_NAME);
        assertThat(coalescing).isPositive();
        assertThat(channel.pipeline().get(FlushCoalescing.HANDLER_NAME)).isInstanceOf(FlushConsolidationHandler.class);
        assertThat(names.get(coalescing + 1)).isEqualTo(channel.pipeline().context(CommandEncoder.class).name());
        assertThat(names.stream().filter(FlushCoalescing.HANDLER_NAME::equals)).hasSize(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void withoutLettucesEncoderTheHandlerGoesFirst() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        new FlushCoalescing().afterChannelInitialized(channel);
        assertThat(channel.pipeline().names().get(0)).isEqualTo(FlushCoalescing.HANDLER_NAME);
        channel.finishAndReleaseAll();
    }

    @Test
    void concurrentUnawaitedCommandsKeepEachThreadsOrder() throws Exception {
        // 32,000 commands in flight at once on one connection: on a loaded two-core machine the
        // last replies can take longer than the default 1 s command timeout, which is not what this
        // test is about (it failed that way under a parallel build), so the timeout is generous.
        try (Cashews cache = Cashews.create(URL + "?suppress=false&socket_timeout=30")) {
            cache.delete("coalesce:counter");
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String own = "coalesce:last:" + t;
                    done.add(threads.submit(() -> {
                        start.await();
                        List<CompletableFuture<Long>> increments = new ArrayList<>(PER_THREAD);
                        List<CompletableFuture<Boolean>> writes = new ArrayList<>(PER_THREAD);
                        for (int i = 0; i < PER_THREAD; i++) {
                            increments.add(cache.async().incr("coalesce:counter"));
                            writes.add(cache.async().set(own, "value-" + i));
                        }
                        // Issued right behind the last SET, not after it completed.
                        CompletableFuture<Object> last = cache.async().get(own);
                        long previous = 0;
                        for (CompletableFuture<Long> increment : increments) {
                            long value = increment.get(30, TimeUnit.SECONDS);
                            // One connection, commands on the wire in issue order: a thread's
                            // increments are seen by the server in the order it made them.
                            assertThat(value).isGreaterThan(previous);
                            previous = value;
                        }
                        for (CompletableFuture<Boolean> write : writes) {
                            assertThat(write.get(30, TimeUnit.SECONDS)).isTrue();
                        }
                        assertThat(last.get(30, TimeUnit.SECONDS)).isEqualTo("value-" + (PER_THREAD - 1));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(cache.async().incr("coalesce:counter", 0, null).get(10, TimeUnit.SECONDS))
                    .isEqualTo((long) THREADS * PER_THREAD);
        }
    }

    @Test
    void aThreadsIncrementsStayInOrderOnAServerThatHasNotSeenTheScript() throws Exception {
        try (TestRedis.Raw raw = TestRedis.raw(URL); Cashews cache = Cashews.create(URL
                + "?suppress=false&socket_timeout=30&request_queue_size=1000000")) {
            // Up to 200k increments wait for the first answer: more than request_queue_size allows by default.
            cache.delete("coalesce:fresh");
            // As on a fresh or restarted server: the counter script is unknown there. Answering
            // NOSCRIPT by resending the text ran those increments after later ones.
            raw.sync().scriptFlush();
            // Increments keep coming until the first is answered, so some are issued while the
            // first one's script is on its way to the server: the window where order was lost.
            List<CompletableFuture<Long>> increments = new ArrayList<>();
            increments.add(cache.async().incr("coalesce:fresh"));
            while (!increments.get(0).isDone() && increments.size() < 200_000) {
                increments.add(cache.async().incr("coalesce:fresh"));
            }
            for (int i = 0; i < PER_THREAD; i++) {
                increments.add(cache.async().incr("coalesce:fresh"));
            }
            for (int i = 0; i < increments.size(); i++) {
                assertThat(increments.get(i).get(30, TimeUnit.SECONDS)).as("increment %d", i).isEqualTo(i + 1L);
            }
            // Once a reply proved the server has it, the script runs by its SHA; a flush later
            // still costs no increment.
            long total = increments.size();
            raw.sync().scriptFlush();
            assertThat(cache.incr("coalesce:fresh")).isEqualTo(total + 1);
            assertThat(cache.incr("coalesce:fresh")).isEqualTo(total + 2);
        }
    }
}
