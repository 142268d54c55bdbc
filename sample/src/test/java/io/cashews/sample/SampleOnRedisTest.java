package io.cashews.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Issue 21: on {@code CACHE_URL=redis://…} the sample never served a forecast from Redis, because
 * the {@link Unit} enum inside {@link Forecast} was not on the deserialization allow-list. The
 * demo runs here against a real {@code redis-server} (the embedded binary, or {@code REDIS_URL}).
 */
class SampleOnRedisTest {

    private static RedisServer server;
    private static String url;

    @BeforeAll
    static void startRedis() throws IOException {
        String env = System.getenv("REDIS_URL");
        if (env != null && !env.isBlank()) {
            String trimmed = env.trim();
            int slash = trimmed.indexOf('/', trimmed.indexOf("://") + 3);
            url = (slash < 0 ? trimmed : trimmed.substring(0, slash)) + "/0";
            return;
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        url = "redis://127.0.0.1:" + port + "/0";
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void sampleOnRedisServesTheWeatherServiceFromTheCache() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExecutorService remote = Executors.newFixedThreadPool(2);
        try (Cashews cache = Cashews.create(url + "?suppress=false")) {
            cache.clear();
            new SampleApp(new PrintStream(bytes, true, StandardCharsets.UTF_8), 20, SampleOnRedisTest::sleep)
                    .run(cache, url, remote);
            assertThat(cache.<Object>get("weather:berlin:CELSIUS")).isInstanceOf(Forecast.class);
        } finally {
            remote.shutdownNow();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        // Berlin twice more (once as BERLIN) and Lisbon once more: three hits, as on mem://
        assertThat(printed.lines().filter(line -> line.contains("forecast(") && line.contains("cache hit")))
                .as(printed).hasSize(3);
        assertThat(printed).doesNotContain("was not deserialized");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
