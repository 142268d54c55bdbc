package io.cashews.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.embedded.RedisServer;

/** The filters on a real Redis: the embedded redis-server on a free port, or {@code REDIS_URL}. */
class RedisFiltersTest extends FiltersContract {

    private static RedisServer server;
    private static String url;

    @BeforeAll
    static void startRedis() throws IOException {
        String env = System.getenv("REDIS_URL");
        if (env != null && !env.isBlank()) {
            url = env.trim();
            return;
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        url = "redis://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    Cashews newCache() {
        Cashews cache = Cashews.create(url + "?suppress=false&socket_timeout=10");
        cache.clear();
        return cache;
    }

    @Override
    void expireNow(String key) throws InterruptedException {
        cache.expire(key, Duration.ofMillis(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // Redis expires the key on its own clock; poll until it says so.
        while (cache.exists(key) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(cache.exists(key)).isFalse();
    }
}
