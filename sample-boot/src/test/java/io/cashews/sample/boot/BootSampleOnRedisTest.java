package io.cashews.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

/**
 * The Boot sample on a real Redis (the embedded redis-server, or {@code REDIS_URL}), built with
 * Boot 3.5's BOM as a Boot user builds: the Lettuce it runs on is the one Boot manages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.show-details=always")
class BootSampleOnRedisTest {

    private static RedisServer server;
    private static String redisUrl;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) throws IOException {
        String env = System.getenv("REDIS_URL");
        String url;
        if (env != null && !env.isBlank()) {
            url = env.trim();
        } else {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            server.start();
            url = "redis://127.0.0.1:" + port;
        }
        redisUrl = url;
        properties.add("cashews.url", () -> url + "?suppress=false&socket_timeout=10");
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Cashews cache;

    @Autowired
    ForecastService forecasts;

    @Autowired
    PriceService prices;

    @Autowired
    CacheManager cacheManager;

    @Autowired
    BootSampleApplication.Api api;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itRunsOnTheLettuceThatBootManages() {
        String version = RedisClient.class.getPackage().getImplementationVersion();
        assertThat(version).as("Lettuce on the class path").isNotNull();
        assertThat(cache.ping()).isNotBlank();
        System.out.println("Lettuce " + version + ", Redis ping " + cache.ping());
    }

    @Test
    void clientSideCopiesStayCoherentOnThisLettuce() throws Exception {
        try (Cashews local = Cashews.create(redisUrl + "?client_side=true&suppress=false&socket_timeout=10");
                Cashews other = Cashews.create(redisUrl + "?client_side=true&suppress=false&socket_timeout=10")) {
            local.set("shared", "v1");
            assertThat(local.<String>get("shared")).isEqualTo("v1");
            other.set("shared", "v2");
            // The other instance's write reaches the local copy as a RESP3 invalidation push, on
            // Lettuce's event loop: nothing to wait on but the copy itself.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!"v2".equals(local.get("shared")) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(local.<String>get("shared")).isEqualTo("v2");
        }
    }

    @Test
    @SuppressWarnings("try") // the listener is installed for the block's duration
    void aProxiedServiceInjectedByItsInterfaceServesHttpWithEtags() throws Exception {
        // The starter replaced the source bean by its generated proxy: the runs of the source are
        // the proxy's LOAD events.
        assertThat(forecasts).isInstanceOf(ForecastService_Cached.class);
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        try (io.cashews.Scope listening = cache.addListener(event -> {
            if (event.kind() == io.cashews.CacheEvent.Kind.LOAD && "forecast:{city}".equals(event.template())) {
                loads.incrementAndGet();
            }
        })) {
            servesHttpWithEtags(loads);
        }
    }

    private void servesHttpWithEtags(java.util.concurrent.atomic.AtomicInteger loads) throws Exception {
        HttpResponse<String> first = get("/forecast/paris");
        HttpResponse<String> second = get("/forecast/paris");

        assertThat(first.body()).isEqualTo("sunny in paris");
        assertThat(second.body()).isEqualTo("sunny in paris");
        assertThat(loads.get()).isEqualTo(1);
        assertThat(cache.<String>get("forecast:paris")).isEqualTo("sunny in paris");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(second.headers().firstValue("ETag")).contains(etag);
        assertThat(second.headers().firstValue("Cache-Control")).isPresent().get().asString().startsWith("private, max-age=");

        int handled = api.handled();
        HttpResponse<String> notModified = get("/forecast/paris", "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(api.handled()).as("a 304 runs no handler").isEqualTo(handled);
        assertThat(loads.get()).isEqualTo(1);

        cache.delete("forecast:paris");
        assertThat(get("/forecast/paris", "If-None-Match", etag).statusCode()).isEqualTo(200);
        assertThat(api.handled()).isEqualTo(handled + 1);
        assertThat(loads.get()).isEqualTo(2);
    }

    @Test
    void theHealthAndTheEndpointAnswerOverHttpWithoutValues() throws Exception {
        HttpResponse<String> health = get("/actuator/health/cashews");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"ping\":\"PONG\"", "RedisBackend[redis://");

        get("/forecast/lyon");
        HttpResponse<String> keys = get("/actuator/cashews/keys?pattern=forecast:ly*&limit=10");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains("\"key\":\"forecast:lyon\"", "\"truncated\":false").doesNotContain("sunny");
        assertThat(get("/actuator/cashews/keys").statusCode()).as("no pattern").isEqualTo(400);
        assertThat(get("/actuator/cashews").body()).contains("\"backends\"", "\"disabledCommands\":[]");

        HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/cashews?key=forecast:lyon")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("\"deleted\":1");
        assertThat(cache.exists("forecast:lyon")).isFalse();
    }

    @Test
    void cacheableUsesTheCashewsCacheManager() throws Exception {
        assertThat(cacheManager.getClass().getSimpleName()).isEqualTo("CashewsCacheManager");
        int before = prices.calls();
        assertThat(get("/price/tea").body()).isEqualTo("10 EUR for tea");
        assertThat(get("/price/tea").body()).isEqualTo("10 EUR for tea");
        assertThat(prices.calls() - before).isEqualTo(1);
        assertThat(cache.<String>get("prices:tea")).isEqualTo("10 EUR for tea");
        assertThat(cache.getExpire("prices:tea")).isBetween(290L, 300L);
    }

    @Test
    void metricsCountTheProxiedServiceAndTheSpringCacheOverHttp() throws Exception {
        String forecastHits = "/actuator/metrics/cache.gets?tag=cache:forecast:%7Bcity%7D&tag=result:hit";
        String priceHits = "/actuator/metrics/cache.gets?tag=cache:prices&tag=result:hit";
        String priceMisses = "/actuator/metrics/cache.gets?tag=cache:prices&tag=result:miss";
        get("/forecast/nice");
        get("/price/coffee");
        double forecastHitsBefore = count(forecastHits);
        double priceHitsBefore = count(priceHits);
        double priceMissesBefore = count(priceMisses);

        get("/forecast/nice");
        get("/price/coffee");
        get("/price/cocoa");

        // the proxy's own meters (CashewsMetrics, by key template) and the Spring cache's (by cache name)
        assertThat(count(forecastHits)).isEqualTo(forecastHitsBefore + 1);
        assertThat(count(priceHits)).isEqualTo(priceHitsBefore + 1);
        assertThat(count(priceMisses)).isEqualTo(priceMissesBefore + 1);
    }

    /** The COUNT of a meter as the actuator's metrics endpoint reports it. */
    private double count(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        Matcher count = Pattern.compile("\\{\"statistic\":\"COUNT\",\"value\":([0-9.E+-]+)\\}")
                .matcher(response.body());
        assertThat(count.find()).as("%s: %s", path, response.body()).isTrue();
        return Double.parseDouble(count.group(1));
    }
}
